import type { FastifyInstance } from 'fastify';
import { registerAlertRoutes } from './alert-routes.js';
import { registerDeadLetterRoutes } from './dead-letter-routes.js';
import { registerChallengeRoutes } from './challenge-routes.js';
import type { ChallengeStore } from '../challenges/store.js';
import { registerRosterRoutes } from './roster-routes.js';
import { registerScreenListRoutes } from './screen-routes.js';
import { registerWodRoutes } from './wod-routes.js';
import type { WodStore } from '../wods/wod-store.js';
import type { Journal } from '../store/journal.js';
import type { Outbox } from '../store/outbox.js';
import type { AlertStore } from './alerts.js';
import { registerFrontDeskRoutes, type FrontDeskDeps } from './front-desk-routes.js';
import { registerStaffSessionRoutes, type StaffSessions } from './session.js';

/** Everything the staff console at /staff talks to, besides the staff routes the HTTP server already has. */
export function registerConsoleRoutes(app: FastifyInstance, deps: FrontDeskDeps & { sessions: StaffSessions; alerts: AlertStore; journal: Journal; outbox: Outbox; wods: WodStore; challenges: ChallengeStore; kioskToken: string; port: () => number }): void {
  registerStaffSessionRoutes(app, { pin: deps.staffPin, sessions: deps.sessions, clock: deps.clock });
  registerFrontDeskRoutes(app, deps);
  registerAlertRoutes(app, deps);
  registerDeadLetterRoutes(app, deps);
  const { id: locationId, timezone } = deps.config.location;
  const cloudConfigured = Boolean(deps.config.cloud.url);
  registerWodRoutes(app, { ...deps, locationId, timezone, cloudConfigured });
  registerRosterRoutes(app, { ...deps, cloudConfigured });
  registerChallengeRoutes(app, { ...deps, locationId, cloudConfigured });
  registerScreenListRoutes(app, { ...deps, playlists: Object.keys(deps.config.screens.playlists) });
}

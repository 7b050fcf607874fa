import type { FastifyInstance } from 'fastify';
import { registerAlertRoutes } from './alert-routes.js';
import { registerDeadLetterRoutes } from './dead-letter-routes.js';
import { registerChallengeRoutes } from './challenge-routes.js';
import { registerClassRoutes } from './class-routes.js';
import type { ClassMode } from '../classes/class-mode.js';
import type { ChallengeStore } from '../challenges/store.js';
import { registerRosterRoutes } from './roster-routes.js';
import { registerScreenListRoutes } from './screen-routes.js';
import { registerPlaylistRoutes } from './playlist-routes.js';
import type { Playlists } from '../screens/playlists.js';
import { registerGymRoutes } from './gym-routes.js';
import { registerJobRoutes } from './job-routes.js';
import type { JobScheduler } from '../jobs/schedule.js';
import type { GymSettings } from '../gym/gym-settings.js';
import type { ScheduleFeed } from '../schedule/feed.js';
import { registerWodRoutes } from './wod-routes.js';
import type { WodStore } from '../wods/wod-store.js';
import type { Journal } from '../store/journal.js';
import type { Outbox } from '../store/outbox.js';
import type { AlertStore } from './alerts.js';
import { registerFrontDeskRoutes, type FrontDeskDeps } from './front-desk-routes.js';

/** The parts of the store the console works on (open-store.ts's Store has them all). */
interface ConsoleStore {
  db: FrontDeskDeps['db'];
  roster: FrontDeskDeps['roster'];
  alerts: AlertStore;
  journal: Journal;
  outbox: Outbox;
  wods: WodStore;
}

/**
 * Everything the staff console at /staff talks to, besides the staff routes the HTTP server already has (sign-in,
 * dead letters, sync, cloud key). Every route is staff only (`staffOnly(staffAuth)`) and listed in the API contract.
 */
export function registerConsoleRoutes(
  app: FastifyInstance,
  parts: Omit<FrontDeskDeps, 'db' | 'roster'> & {
    store: ConsoleStore;
    challenges: ChallengeStore;
    classes: ClassMode;
    playlists: Playlists;
    gym: GymSettings;
    schedule: () => ScheduleFeed | null;
    jobs: JobScheduler;
    kioskToken: string;
  },
): void {
  const { db, roster, alerts, journal, outbox, wods } = parts.store;
  const port = () => (app.server.address() as { port: number }).port;
  const deps = { ...parts, db, roster, alerts, journal, outbox, wods, port };
  registerFrontDeskRoutes(app, deps);
  registerAlertRoutes(app, deps);
  registerDeadLetterRoutes(app, deps);
  const { id: locationId, timezone } = deps.config.location;
  const cloudConfigured = Boolean(deps.config.cloud.url);
  registerWodRoutes(app, { ...deps, locationId, timezone, cloudConfigured });
  registerRosterRoutes(app, { ...deps, cloudConfigured });
  registerChallengeRoutes(app, { ...deps, locationId, cloudConfigured });
  registerClassRoutes(app, deps);
  registerScreenListRoutes(app, deps);
  registerPlaylistRoutes(app, deps);
  registerGymRoutes(app, { ...deps, cloudConfigured });
  registerJobRoutes(app, deps);
}

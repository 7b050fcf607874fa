import type { FastifyInstance } from 'fastify';
import { registerFrontDeskRoutes, type FrontDeskDeps } from './front-desk-routes.js';
import { registerStaffSessionRoutes } from './session.js';

/** Everything the staff console at /staff talks to, besides the staff routes the HTTP server already has. */
export function registerConsoleRoutes(app: FastifyInstance, deps: FrontDeskDeps): void {
  registerStaffSessionRoutes(app, { pin: deps.staffPin, sessions: deps.sessions!, clock: deps.clock });
  registerFrontDeskRoutes(app, deps);
}

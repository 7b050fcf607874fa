import type { FastifyInstance } from 'fastify';
import { networkInterfaces } from 'node:os';
import type { StaffScreensAnswer } from '../../shared/staff.js';
import { sendError, validated } from '../http/reply.js';
import type { StaffAuth } from './sessions.js';
import { staffOnly } from './staff-routes.js';

/** The box's addresses a TV or tablet on the gym's network can reach: IPv4 first (what people type), then IPv6. */
export function lanAddresses(interfaces = networkInterfaces()): string[] {
  const found = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((a) => !a.internal && !(a.family === 'IPv6' && a.address.startsWith('fe80')));
  return [...found.filter((a) => a.family === 'IPv4'), ...found.filter((a) => a.family === 'IPv6')].map((a) => a.address);
}

/** The Screens page's data: every base URL of this box, the kiosk token for the entrance, the playlists. */
export function registerScreenListRoutes(app: FastifyInstance, deps: { staffAuth: StaffAuth; kioskToken: string; port: () => number; playlists: { names(): string[] } }): void {
  app.get('/api/staff/screens', { preHandler: staffOnly(deps.staffAuth) }, async (): Promise<StaffScreensAnswer> => {
    const port = deps.port();
    const host = (address: string) => (address.includes(':') ? `[${address}]` : address);
    return {
      baseUrls: [...lanAddresses().map((a) => `http://${host(a)}:${port}`), `http://localhost:${port}`],
      kioskToken: deps.kioskToken,
      playlists: deps.playlists.names(),
    };
  });
}

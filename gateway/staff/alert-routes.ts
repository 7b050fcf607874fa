import type { FastifyInstance } from 'fastify';
import type { AlertStore } from './alerts.js';
import { staffGuard, type StaffGuardDeps } from './staff-guard.js';

/** Staff acknowledge an alert; the open ones reach the console live through the staff room's status. */
export function registerAlertRoutes(app: FastifyInstance, deps: StaffGuardDeps & { alerts: AlertStore }): void {
  app.post('/api/staff/alerts/:id/acknowledge', { preHandler: staffGuard(deps) }, async (request, reply) => {
    const raw = (request.params as { id: string }).id;
    const id = Number(raw);
    if (!Number.isInteger(id) || !deps.alerts.acknowledge(id)) {
      return reply.code(404).send({ error: { code: 'unknown_alert', message: `No open alert ${raw.slice(0, 20)}.` } });
    }
    return { ok: true };
  });
}

import type { FastifyInstance } from 'fastify';
import type { AlertStore } from './alerts.js';
import { alertParamsSchema } from '../http/api-contract.js';
import { sendError, validated } from '../http/reply.js';
import type { StaffAuth } from './sessions.js';
import { staffOnly } from './staff-routes.js';

/** Staff acknowledge an alert; the open ones reach the console live through the staff room's status. */
export function registerAlertRoutes(app: FastifyInstance, deps: { staffAuth: StaffAuth; alerts: AlertStore }): void {
  app.post('/api/staff/alerts/:id/acknowledge', { preHandler: staffOnly(deps.staffAuth) }, async (request, reply) => {
    const params = validated(reply, alertParamsSchema, request.params);
    if (!params) return reply;
    if (!deps.alerts.acknowledge(Number(params.id))) return sendError(reply, 404, 'unknown_alert', `No open alert ${params.id}.`);
    return { ok: true };
  });
}

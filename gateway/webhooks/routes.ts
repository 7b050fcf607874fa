import type { FastifyInstance, FastifyReply } from 'fastify';
import { nameParamsSchema, requeueRequestSchema } from '../http/api-contract.js';
import { sendError, validated } from '../http/reply.js';
import type { StaffAuth } from '../staff/sessions.js';
import { staffOnly } from '../staff/staff-routes.js';
import type { Webhooks } from './webhooks.js';

/**
 * Staff API for webhooks (the staff console's Connections page uses it):
 * GET /api/webhooks, GET /api/webhooks/:name/dead-letters, POST /api/webhooks/:name/test, POST /api/webhooks/:name/requeue.
 */
export function registerWebhookRoutes(app: FastifyInstance, webhooks: Webhooks, staffAuth: StaffAuth): void {
  const staff = { preHandler: staffOnly(staffAuth) };
  const unknown = (reply: FastifyReply, name: string) => sendError(reply, 404, 'unknown_webhook', `No webhook named "${name.slice(0, 64)}" is configured.`);

  app.get('/api/webhooks', staff, async () => webhooks.status());
  app.get('/api/webhooks/:name/dead-letters', staff, async (request, reply) => {
    const params = validated(reply, nameParamsSchema, request.params);
    if (!params) return reply;
    const dead = webhooks.deadLetters(params.name);
    return dead ? { deadLetters: dead } : unknown(reply, params.name);
  });
  app.post('/api/webhooks/:name/test', staff, async (request, reply) => {
    const params = validated(reply, nameParamsSchema, request.params);
    if (!params) return reply;
    const sent = webhooks.sendTest(params.name);
    return sent ? reply.code(202).send(sent) : unknown(reply, params.name);
  });
  app.post('/api/webhooks/:name/requeue', staff, async (request, reply) => {
    const params = validated(reply, nameParamsSchema, request.params);
    if (!params) return reply;
    const body = validated(reply, requeueRequestSchema, request.body);
    if (!body) return reply;
    const requeued = webhooks.requeue(params.name, body.eventIds);
    return requeued === null ? unknown(reply, params.name) : { requeued };
  });
}

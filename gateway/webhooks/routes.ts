import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { staffRefusal } from '../http/access.js';
import type { Webhooks } from './webhooks.js';

const requeueSchema = z.object({
  eventIds: z.union([z.literal('all'), z.array(z.string().min(1)).min(1)], { error: 'eventIds must be "all" or a list of eventIds' }),
});

/**
 * Staff API for webhooks (the staff console's Connections page will use it):
 * GET /api/webhooks, GET /api/webhooks/:name/dead-letters, POST /api/webhooks/:name/test, POST /api/webhooks/:name/requeue.
 */
export function registerWebhookRoutes(app: FastifyInstance, webhooks: Webhooks, staff: { token: string; pin: string | null }): void {
  const guard = async (request: FastifyRequest, reply: FastifyReply) => {
    const pin = request.headers['x-staff-pin'];
    const refusal = staffRefusal(
      {
        remoteAddress: request.socket.remoteAddress,
        origin: request.headers.origin,
        host: request.headers.host,
        authorization: request.headers.authorization,
        pin: Array.isArray(pin) ? pin[0] : pin,
      },
      staff.token,
      staff.pin,
    );
    if (refusal) return reply.code(refusal.status).send({ error: { code: refusal.code, message: refusal.message } });
  };
  const unknown = (reply: FastifyReply, name: string) =>
    reply.code(404).send({ error: { code: 'unknown_webhook', message: `No webhook named "${name}" is configured.` } });
  type Named = { Params: { name: string } };

  app.get('/api/webhooks', { preHandler: guard }, async () => webhooks.status());
  app.get<Named>('/api/webhooks/:name/dead-letters', { preHandler: guard }, async (request, reply) => {
    const dead = webhooks.deadLetters(request.params.name);
    return dead ? { deadLetters: dead } : unknown(reply, request.params.name);
  });
  app.post<Named>('/api/webhooks/:name/test', { preHandler: guard }, async (request, reply) => {
    const sent = webhooks.sendTest(request.params.name);
    return sent ? reply.code(202).send(sent) : unknown(reply, request.params.name);
  });
  app.post<Named>('/api/webhooks/:name/requeue', { preHandler: guard }, async (request, reply) => {
    const parsed = requeueSchema.safeParse(request.body ?? {});
    if (!parsed.success) return reply.code(400).send({ error: { code: 'invalid_request', message: parsed.error.issues[0]!.message } });
    const requeued = webhooks.requeue(request.params.name, parsed.data.eventIds);
    return requeued === null ? unknown(reply, request.params.name) : { requeued };
  });
}

import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  webhookDestinationAddSchema,
  webhookDestinationEditSchema,
  webhookDiscardRequestSchema,
  webhookStaffActionSchema,
  type WebhookDestinationEdit,
} from '../../shared/webhooks.js';
import { nameParamsSchema, requeueRequestSchema } from '../http/api-contract.js';
import { sendError, validated } from '../http/reply.js';
import type { StaffAuth } from '../staff/sessions.js';
import { staffOnly } from '../staff/staff-routes.js';
import { webhookConfigSchema } from './config.js';
import type { Refusal } from './staff-edits.js';
import type { Webhooks } from './webhooks.js';

/**
 * Staff API for webhooks (the staff console's Connections page uses it): the destinations' status, dead letters,
 * test events and requeue; and the console's own destinations — add, edit, delete, rotate secret — with pause,
 * resume and discard for every destination. Settings pass the config file's rules (webhookConfigSchema), so a bad
 * field is named as the file would name it.
 */
export function registerWebhookRoutes(app: FastifyInstance, webhooks: Webhooks, staffAuth: StaffAuth): void {
  const staff = { preHandler: staffOnly(staffAuth) };
  const unknown = (reply: FastifyReply, name: string) => sendError(reply, 404, 'unknown_webhook', `No webhook named "${name.slice(0, 64)}" is configured.`);
  const answer = <T extends object>(reply: FastifyReply, result: T | Refusal, status = 200) =>
    'refused' in result ? sendError(reply, result.refused.status, result.refused.code, result.refused.message) : reply.code(status).send(result);
  /** The console's fields checked by the file's rules; a secret is never taken from a request (the box makes it). */
  const settings = (reply: FastifyReply, name: string, edit: WebhookDestinationEdit) => {
    const { by: _by, ...fields } = edit;
    return validated(reply, webhookConfigSchema, { ...fields, name });
  };

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

  app.post('/api/webhooks', staff, async (request, reply) => {
    const body = validated(reply, webhookDestinationAddSchema, request.body);
    if (!body) return reply;
    const hook = settings(reply, body.name, body);
    if (!hook) return reply;
    return answer(reply, await webhooks.edits.add(hook, body.by), 201);
  });
  app.put('/api/webhooks/:name', staff, async (request, reply) => {
    const params = validated(reply, nameParamsSchema, request.params);
    if (!params) return reply;
    const body = validated(reply, webhookDestinationEditSchema, request.body);
    if (!body) return reply;
    const hook = settings(reply, params.name, body);
    if (!hook) return reply;
    return answer(reply, await webhooks.edits.edit(hook, body.by));
  });
  app.delete('/api/webhooks/:name', staff, async (request, reply) => {
    const params = validated(reply, nameParamsSchema, request.params);
    if (!params) return reply;
    return answer(reply, await webhooks.edits.remove(params.name, byOf(request.query)));
  });
  app.post('/api/webhooks/:name/rotate-secret', staff, async (request, reply) => {
    const params = validated(reply, nameParamsSchema, request.params);
    if (!params) return reply;
    const body = validated(reply, webhookStaffActionSchema, request.body);
    if (!body) return reply;
    return answer(reply, await webhooks.edits.rotateSecret(params.name, body.by));
  });
  for (const [verb, paused] of [['pause', true], ['resume', false]] as const) {
    app.post(`/api/webhooks/:name/${verb}`, staff, async (request, reply) => {
      const params = validated(reply, nameParamsSchema, request.params);
      if (!params) return reply;
      const body = validated(reply, webhookStaffActionSchema, request.body);
      if (!body) return reply;
      return answer(reply, webhooks.edits.setPaused(params.name, paused, body.by));
    });
  }
  app.post('/api/webhooks/:name/discard', staff, async (request, reply) => {
    const params = validated(reply, nameParamsSchema, request.params);
    if (!params) return reply;
    const body = validated(reply, webhookDiscardRequestSchema, request.body);
    if (!body) return reply;
    return answer(reply, webhooks.edits.discard(params.name, body.eventIds, body.by));
  });
}

/** DELETE carries no body: who deleted comes as `?by=`. */
function byOf(query: unknown): string | undefined {
  const by = (query as { by?: unknown } | undefined)?.by;
  return typeof by === 'string' && by.trim() ? by.trim().slice(0, 60) : undefined;
}

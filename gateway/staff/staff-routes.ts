import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PullStatus } from '../../shared/status.js';
import type { DeadLetter } from '../store/outbox.js';
import { staffRefusal } from '../http/access.js';
import { apiKeyRequestSchema, deadLettersQuerySchema, requeueRequestSchema } from '../http/api-contract.js';
import { accessCheck, sendError, validated, type Denial } from '../http/reply.js';

/** What staff can do through the local API. */
export interface StaffActions {
  deadLetters(limit: number): DeadLetter[];
  requeue(eventIds: string[] | 'all'): number;
  syncNow(): Promise<PullStatus[]>;
  replaceApiKey(key: string): void;
}

export function registerStaffRoutes(
  app: FastifyInstance,
  deps: { staffToken: string; staffPin: string | null; actions: StaffActions | null },
): void {
  // A 4-digit PIN falls to guessing in minutes: a few wrong tries lock that address out for a while.
  const failures = new Map<string, { count: number; since: number }>();
  const LOCKOUT_TRIES = 5;
  const LOCKOUT_MS = 10 * 60_000;
  const staffOnly = accessCheck((facts): Denial | null => {
    const address = facts.remoteAddress ?? 'unknown';
    const record = failures.get(address);
    if (record && Date.now() - record.since > LOCKOUT_MS) failures.delete(address);
    if ((failures.get(address)?.count ?? 0) >= LOCKOUT_TRIES) {
      return {
        status: 429,
        code: 'too_many_attempts',
        message: 'Too many wrong staff credentials from this device: try again in 10 minutes.',
        headers: { 'retry-after': String(Math.ceil(LOCKOUT_MS / 1000)) },
      };
    }
    const refusal = staffRefusal(facts, deps.staffToken, deps.staffPin);
    if (refusal) {
      if (refusal.status === 401) {
        const seen = failures.get(address) ?? { count: 0, since: Date.now() };
        failures.set(address, { ...seen, count: seen.count + 1 });
      }
      return refusal;
    }
    failures.delete(address);
    return null;
  });
  const guard = async (request: FastifyRequest, reply: FastifyReply) => {
    const refused = await staffOnly(request, reply);
    if (refused) return refused;
    if (!deps.actions) return sendError(reply, 409, 'standalone', 'No cloud is configured: there is nothing to sync or re-send.');
    return undefined;
  };

  app.get('/api/staff/dead-letters', { preHandler: guard }, async (request, reply) => {
    const query = validated(reply, deadLettersQuerySchema, request.query);
    if (!query) return reply;
    return { deadLetters: deps.actions!.deadLetters(query.limit) };
  });

  app.post('/api/staff/dead-letters/requeue', { preHandler: guard }, async (request, reply) => {
    const body = validated(reply, requeueRequestSchema, request.body);
    if (!body) return reply;
    return { requeued: deps.actions!.requeue(body.eventIds) };
  });

  app.post('/api/staff/sync', { preHandler: guard }, async () => ({ pulls: await deps.actions!.syncNow() }));

  app.put('/api/staff/cloud-key', { preHandler: guard }, async (request, reply) => {
    const body = validated(reply, apiKeyRequestSchema, request.body);
    if (!body) return reply;
    deps.actions!.replaceApiKey(body.apiKey);
    return { ok: true };
  });
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { PullStatus } from '../../shared/status.js';
import type { DeadLetter } from '../store/outbox.js';
import { staffRefusal } from '../http/access.js';

/** What staff can do through the local API. */
export interface StaffActions {
  deadLetters(limit: number): DeadLetter[];
  requeue(eventIds: string[] | 'all'): number;
  syncNow(): Promise<PullStatus[]>;
  replaceApiKey(key: string): void;
}

const requeueSchema = z.object({
  eventIds: z.union([z.literal('all'), z.array(z.string().min(1)).min(1)], { error: 'must be "all" or a list of eventIds' }),
});
const apiKeySchema = z.object({ apiKey: z.string({ error: 'is required' }).trim().min(8, 'is too short to be an API key') });

export function registerStaffRoutes(
  app: FastifyInstance,
  deps: { staffToken: string; staffPin: string | null; actions: StaffActions | null },
): void {
  // A 4-digit PIN falls to guessing in minutes: a few wrong tries lock that address out for a while.
  const failures = new Map<string, { count: number; since: number }>();
  const LOCKOUT_TRIES = 5;
  const LOCKOUT_MS = 10 * 60_000;
  const guard = async (request: FastifyRequest, reply: FastifyReply) => {
    const address = request.socket.remoteAddress ?? 'unknown';
    const record = failures.get(address);
    if (record && Date.now() - record.since > LOCKOUT_MS) failures.delete(address);
    if ((failures.get(address)?.count ?? 0) >= LOCKOUT_TRIES) {
      return reply
        .code(429)
        .header('retry-after', String(Math.ceil(LOCKOUT_MS / 1000)))
        .send({ error: { code: 'too_many_attempts', message: 'Too many wrong staff credentials from this device: try again in 10 minutes.' } });
    }
    const pin = request.headers['x-staff-pin'];
    const refusal = staffRefusal(
      {
        remoteAddress: request.socket.remoteAddress,
        origin: request.headers.origin,
        host: request.headers.host,
        authorization: request.headers.authorization,
        pin: Array.isArray(pin) ? pin[0] : pin,
      },
      deps.staffToken,
      deps.staffPin,
    );
    if (refusal) {
      if (refusal.status === 401) {
        const seen = failures.get(address) ?? { count: 0, since: Date.now() };
        failures.set(address, { ...seen, count: seen.count + 1 });
      }
      return reply.code(refusal.status).send({ error: { code: refusal.code, message: refusal.message } });
    }
    failures.delete(address);
    if (!deps.actions) {
      return reply.code(409).send({ error: { code: 'standalone', message: 'No cloud is configured: there is nothing to sync or re-send.' } });
    }
  };
  const invalid = (reply: FastifyReply, error: z.ZodError) => {
    const issue = error.issues[0]!;
    return reply.code(400).send({ error: { code: 'invalid_request', message: `${issue.path.join('.') || 'body'} ${issue.message}` } });
  };

  app.get('/api/staff/dead-letters', { preHandler: guard }, async (request) => {
    const limit = Math.min(1000, Math.max(1, Number((request.query as { limit?: string }).limit ?? 100) || 100));
    return { deadLetters: deps.actions!.deadLetters(limit) };
  });

  app.post('/api/staff/dead-letters/requeue', { preHandler: guard }, async (request, reply) => {
    const parsed = requeueSchema.safeParse(request.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    return { requeued: deps.actions!.requeue(parsed.data.eventIds) };
  });

  app.post('/api/staff/sync', { preHandler: guard }, async () => ({ pulls: await deps.actions!.syncNow() }));

  app.put('/api/staff/cloud-key', { preHandler: guard }, async (request, reply) => {
    const parsed = apiKeySchema.safeParse(request.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    deps.actions!.replaceApiKey(parsed.data.apiKey);
    return { ok: true };
  });
}

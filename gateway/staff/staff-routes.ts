import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { PullStatus } from '../../shared/status.js';
import type { DeadLetter } from '../store/outbox.js';
import { staffGuard, type StaffGuardDeps } from './staff-guard.js';

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
  deps: StaffGuardDeps & { actions: StaffActions | null },
): void {
  const staff = staffGuard({ staffToken: deps.staffToken, staffPin: deps.staffPin, sessions: deps.sessions });
  const guard = async (request: FastifyRequest, reply: FastifyReply) => {
    await staff.call(app, request, reply);
    if (reply.sent) return;
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

import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { cloudChallengeSchema } from '../challenges/cloud-types.js';
import type { ChallengeStore } from '../challenges/store.js';
import type { Journal } from '../store/journal.js';
import type { Clock } from '../time/clock.js';
import { staffGuard, type StaffGuardDeps } from './staff-guard.js';

/** A local challenge is the cloud's challenge shape (same validation, every type the boards count) without its id. */
const newChallengeSchema = cloudChallengeSchema.omit({ id: true, businessId: true, createdAt: true, updatedAt: true });

const CLOUD_OWNS_CHALLENGES = 'This gym’s challenges come from the cloud (pulled regularly): create them there. The cloud’s contract has no call to send a challenge upstream.';

/** Challenge creation for a gym without the cloud: stored as a local challenge, counted by the boards at once. */
export function registerChallengeRoutes(
  app: FastifyInstance,
  deps: StaffGuardDeps & { challenges: ChallengeStore; journal: Journal; clock: Clock; locationId: string; cloudConfigured: boolean },
): void {
  app.post('/api/staff/challenges', { preHandler: staffGuard(deps) }, async (request, reply) => {
    if (deps.cloudConfigured) return reply.code(409).send({ error: { code: 'cloud_content', message: CLOUD_OWNS_CHALLENGES } });
    const parsed = newChallengeSchema.safeParse(request.body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return reply.code(400).send({ error: { code: 'invalid_request', message: `${issue.path.join('.') || 'body'} ${issue.message}` } });
    }
    const input = parsed.data;
    if (Date.parse(input.endDate) <= Date.parse(input.startDate)) {
      return reply.code(400).send({ error: { code: 'invalid_request', message: 'endDate must be after startDate' } });
    }
    const now = deps.clock.now();
    const slug = input.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'challenge';
    const challenge = { ...input, id: `local-${slug}-${randomBytes(3).toString('hex')}`, locationIds: input.locationIds.length ? input.locationIds : [deps.locationId] };
    deps.journal.append({ type: 'staff_action', occurredAt: now, payload: { action: 'create_challenge', challenge } }, () =>
      deps.challenges.addLocalChallenges([challenge], now),
    );
    return reply.code(201).send({ challenge });
  });
}

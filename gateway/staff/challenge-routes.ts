import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ChallengeStore } from '../challenges/store.js';
import type { Journal } from '../store/journal.js';
import type { Clock } from '../time/clock.js';
import { newChallengeSchema } from '../http/api-contract.js';
import { sendError, validated } from '../http/reply.js';
import type { StaffAuth } from './sessions.js';
import { staffOnly } from './staff-routes.js';

const CLOUD_OWNS_CHALLENGES = 'This gym’s challenges come from the cloud (pulled regularly): create them there. The cloud’s contract has no call to send a challenge upstream.';

/** Challenge creation for a gym without the cloud: stored as a local challenge, counted by the boards at once. */
export function registerChallengeRoutes(
  app: FastifyInstance,
  deps: { staffAuth: StaffAuth; challenges: ChallengeStore; journal: Journal; clock: Clock; locationId: string; cloudConfigured: boolean },
): void {
  app.post('/api/staff/challenges', { preHandler: staffOnly(deps.staffAuth) }, async (request, reply) => {
    if (deps.cloudConfigured) return sendError(reply, 409, 'cloud_content', CLOUD_OWNS_CHALLENGES);
    const parsed = validated(reply, newChallengeSchema, request.body);
    if (!parsed) return reply;
    const input = parsed;
    if (Date.parse(input.endDate) <= Date.parse(input.startDate)) {
      return sendError(reply, 400, 'invalid_request', 'endDate must be after startDate');
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

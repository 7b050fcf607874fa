import type { FastifyInstance } from 'fastify';
import { discardDeadLetterSchema } from '../../shared/staff.js';
import type { Db } from '../store/database.js';
import type { Journal } from '../store/journal.js';
import type { Outbox } from '../store/outbox.js';
import type { Clock } from '../time/clock.js';
import { eventIdParamsSchema } from '../http/api-contract.js';
import { sendError, validated } from '../http/reply.js';
import type { StaffAuth } from './sessions.js';
import { staffOnly } from './staff-routes.js';

/** The staff action a discard leaves in the journal (kept on the box, pruned by retention like other local facts). */
export interface DiscardedDeadLetter {
  action: 'discard_dead_letter';
  eventId: string;
  eventType: string;
  reason: string;
  by: string;
  /** The event itself: discarding drops it from the queue, not from the record. */
  event: unknown;
}

/** Discarding a dead letter with a reason (listing and re-queueing are in staff-routes.ts). */
export function registerDeadLetterRoutes(app: FastifyInstance, deps: { staffAuth: StaffAuth; db: Db; journal: Journal; outbox: Outbox; clock: Clock }): void {
  app.post('/api/staff/dead-letters/:eventId/discard', { preHandler: staffOnly(deps.staffAuth) }, async (request, reply) => {
    const params = validated(reply, eventIdParamsSchema, request.params);
    if (!params) return reply;
    const { eventId } = params;
    const parsed = validated(reply, discardDeadLetterSchema, request.body);
    if (!parsed) return reply;
    const { reason, by } = parsed;
    const discarded = deps.db.transaction(() => {
      const dropped = deps.outbox.discard(eventId);
      if (!dropped) return null;
      const fact: DiscardedDeadLetter = { action: 'discard_dead_letter', eventId, eventType: dropped.type, reason, by: by || 'staff', event: dropped.payload };
      return deps.journal.append({ type: 'staff_action', occurredAt: deps.clock.now(), payload: fact });
    })();
    if (!discarded) return sendError(reply, 404, 'unknown_dead_letter', `No dead letter ${eventId.slice(0, 60)}.`);
    return { discarded: eventId, journaled: discarded.eventId };
  });
}

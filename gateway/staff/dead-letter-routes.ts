import type { FastifyInstance } from 'fastify';
import { discardDeadLetterSchema } from '../../shared/staff.js';
import type { Db } from '../store/database.js';
import type { Journal } from '../store/journal.js';
import type { Outbox } from '../store/outbox.js';
import type { Clock } from '../time/clock.js';
import { staffGuard, type StaffGuardDeps } from './staff-guard.js';

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
export function registerDeadLetterRoutes(app: FastifyInstance, deps: StaffGuardDeps & { db: Db; journal: Journal; outbox: Outbox; clock: Clock }): void {
  app.post('/api/staff/dead-letters/:eventId/discard', { preHandler: staffGuard(deps) }, async (request, reply) => {
    const { eventId } = request.params as { eventId: string };
    const parsed = discardDeadLetterSchema.safeParse(request.body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return reply.code(400).send({ error: { code: 'invalid_request', message: `${issue.path.join('.') || 'body'} ${issue.message}` } });
    }
    const { reason, by } = parsed.data;
    const discarded = deps.db.transaction(() => {
      const dropped = deps.outbox.discard(eventId);
      if (!dropped) return null;
      const fact: DiscardedDeadLetter = { action: 'discard_dead_letter', eventId, eventType: dropped.type, reason, by: by || 'staff', event: dropped.payload };
      return deps.journal.append({ type: 'staff_action', occurredAt: deps.clock.now(), payload: fact });
    })();
    if (!discarded) return reply.code(404).send({ error: { code: 'unknown_dead_letter', message: `No dead letter ${eventId.slice(0, 60)}.` } });
    return { discarded: eventId, journaled: discarded.eventId };
  });
}

import type { FastifyInstance } from 'fastify';
import { sessionIngestSchema, type EquipmentSession, type SessionIngest } from '../../shared/sessions.js';
import { isDiskFull } from '../store/database.js';
import { bridgeRefusal } from '../http/access.js';
import { accessCheck, sendError, validated } from '../http/reply.js';
import { implausibility } from './plausibility.js';

/**
 * POST /api/equipment/sessions (schema: shared/sessions.ts): answered 202 with the session's eventId once it is
 * on disk (group commit); from then on the outbox delivers it exactly once in effect.
 */
export function registerIngestRoutes(
  app: FastifyInstance,
  deps: {
    bridgeToken: string;
    ingestSession: (session: SessionIngest) => Promise<EquipmentSession>;
    /** Whether the roster knows a member id (a session for a stranger is refused). */
    memberKnown: (memberId: string) => boolean;
    now: () => Date;
  },
): void {
  app.post('/api/equipment/sessions', { preHandler: accessCheck((facts) => bridgeRefusal(facts, deps.bridgeToken)) }, async (request, reply) => {
    const session = validated(reply, sessionIngestSchema, request.body);
    if (!session) return reply;
    // Bounds per machine kind: a forged 1e300 m row must not reach the boards (nothing is stored).
    const implausible = implausibility(session, deps.now(), deps.memberKnown);
    if (implausible) return sendError(reply, 422, 'implausible_session', `${implausible.field} ${implausible.message}`);
    try {
      const stored = await deps.ingestSession(session);
      return reply.code(202).send({ eventId: stored.eventId });
    } catch (error) {
      request.log.error({ err: error }, 'session could not be stored');
      return isDiskFull(error)
        ? sendError(reply, 507, 'storage_full', "This box's disk is full: the session was not stored.")
        : sendError(reply, 503, 'storage_unavailable', 'The session could not be stored.');
    }
  });
}

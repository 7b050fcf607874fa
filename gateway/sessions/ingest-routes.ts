import type { FastifyInstance } from 'fastify';
import { sessionIngestSchema, type EquipmentSession, type SessionIngest } from '../../shared/sessions.js';
import { isDiskFull } from '../store/database.js';
import { kioskOnly, sendError, validated } from '../http/reply.js';

/**
 * POST /api/equipment/sessions (schema: shared/sessions.ts): answered 202 with the session's eventId once it is
 * on disk (group commit); from then on the outbox delivers it exactly once in effect.
 */
export function registerIngestRoutes(
  app: FastifyInstance,
  deps: { kioskToken: string; ingestSession: (session: SessionIngest) => Promise<EquipmentSession> },
): void {
  app.post('/api/equipment/sessions', { preHandler: kioskOnly(deps.kioskToken) }, async (request, reply) => {
    const session = validated(reply, sessionIngestSchema, request.body);
    if (!session) return reply;
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

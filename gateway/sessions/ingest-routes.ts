import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { EquipmentSession } from '../../shared/sessions.js';
import { isDiskFull } from '../store/database.js';
import { kioskRefusal } from '../http/access.js';

const nullableNumber = z.number().finite().nullable().default(null);

/** A finished session handed over by an equipment bridge on the LAN (the local twin of the cloud's POST /equipment/sessions). */
export const sessionIngestSchema = z.object({
  equipmentId: z.string().trim().min(1).max(128),
  equipmentName: z.string().trim().min(1).max(128).optional(),
  equipmentType: z.enum(['rower', 'bike', 'treadmill', 'cross_trainer', 'ski', 'hr_strap']),
  memberId: z.string().min(1).nullable().default(null),
  startedAt: z.iso.datetime({ offset: true }),
  endedAt: z.iso.datetime({ offset: true }),
  summary: z.object({
    distanceM: z.number().finite().min(0),
    durationS: z.number().finite().min(0),
    avgPowerW: nullableNumber,
    maxPowerW: nullableNumber,
    avgPaceSecPer500m: nullableNumber,
    avgSpeedMps: nullableNumber,
    avgStrokeRateSpm: nullableNumber,
    avgCadenceRpm: nullableNumber,
    energyKcal: nullableNumber,
    avgHeartRateBpm: nullableNumber,
    maxHeartRateBpm: nullableNumber,
  }),
});
export type SessionIngest = z.infer<typeof sessionIngestSchema>;

/**
 * POST /api/equipment/sessions: answered 202 with the session's eventId once it is on disk
 * (group commit); from then on the outbox delivers it exactly once in effect.
 */
export function registerIngestRoutes(
  app: FastifyInstance,
  deps: { kioskToken: string; ingestSession: (session: SessionIngest) => Promise<EquipmentSession> },
): void {
  app.post('/api/equipment/sessions', async (request, reply) => {
    const refusal = kioskRefusal(
      {
        remoteAddress: request.socket.remoteAddress,
        origin: request.headers.origin,
        host: request.headers.host,
        authorization: request.headers.authorization,
      },
      deps.kioskToken,
    );
    if (refusal) return reply.code(refusal.status).send({ error: { code: refusal.code, message: refusal.message } });
    const parsed = sessionIngestSchema.safeParse(request.body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return reply.code(400).send({ error: { code: 'invalid_request', message: `${issue.path.join('.') || 'body'} ${issue.message}` } });
    }
    if (Date.parse(parsed.data.endedAt) < Date.parse(parsed.data.startedAt)) {
      return reply.code(400).send({ error: { code: 'invalid_request', message: 'endedAt must not be before startedAt' } });
    }
    try {
      const session = await deps.ingestSession(parsed.data);
      return reply.code(202).send({ eventId: session.eventId });
    } catch (error) {
      request.log.error({ err: error }, 'session could not be stored');
      return isDiskFull(error)
        ? reply.code(507).send({ error: { code: 'storage_full', message: "This box's disk is full: the session was not stored." } })
        : reply.code(503).send({ error: { code: 'storage_unavailable', message: 'The session could not be stored.' } });
    }
  });
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { EquipmentSession } from '../../shared/sessions.js';
import { isDiskFull } from '../store/database.js';
import { bridgeRefusal } from '../http/access.js';
import { implausibility } from './plausibility.js';

const nullableNumber = z.number().finite().nullable().default(null);

/** A finished session handed over by an equipment bridge on the LAN (the local twin of the cloud's POST /equipment/sessions). */
export const sessionIngestSchema = z.object({
  equipmentId: z.string().trim().min(1).max(128),
  equipmentName: z.string().trim().min(1).max(128).optional(),
  equipmentType: z.enum(['rower', 'bike', 'treadmill', 'cross_trainer', 'ski', 'hr_strap']),
  memberId: z.string().min(1).max(64).nullable().default(null),
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
  deps: {
    bridgeToken: string;
    ingestSession: (session: SessionIngest) => Promise<EquipmentSession>;
    /** Whether the roster knows a member id (a session for a stranger is refused). */
    memberKnown: (memberId: string) => boolean;
    now: () => Date;
  },
): void {
  app.post('/api/equipment/sessions', async (request, reply) => {
    const refusal = bridgeRefusal(
      {
        remoteAddress: request.socket.remoteAddress,
        origin: request.headers.origin,
        host: request.headers.host,
        authorization: request.headers.authorization,
      },
      deps.bridgeToken,
    );
    if (refusal) return reply.code(refusal.status).send({ error: { code: refusal.code, message: refusal.message } });
    const parsed = sessionIngestSchema.safeParse(request.body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return reply.code(400).send({ error: { code: 'invalid_request', message: `${issue.path.join('.') || 'body'} ${issue.message}` } });
    }
    // Bounds per machine kind: a forged 1e300 m row must not reach the boards (nothing is stored).
    const implausible = implausibility(parsed.data, deps.now(), deps.memberKnown);
    if (implausible) {
      return reply.code(422).send({ error: { code: 'implausible_session', field: implausible.field, message: `${implausible.field} ${implausible.message}` } });
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

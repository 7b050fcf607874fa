import type { CheckInResult } from '../../shared/checkin.js';
import type { Logger } from '../log.js';
import type { CloudClient } from '../uplink/cloud-client.js';
import type { CheckInPayload } from './payload.js';

/**
 * When the cloud is reachable, an accepted member gets the WOD the cloud made for them today
 * (POST /check-in), within a short timeout; otherwise the cached daily WOD stays. The decision was
 * made and committed before this runs: it never waits for the network. The call carries the
 * check-in's eventId, so the cloud counts this check-in once even though the outbox sends it too.
 */
export async function withPersonalizedWod(
  result: CheckInResult,
  payload: CheckInPayload,
  deps: { client: CloudClient | null; online: boolean; timeoutMs: number; log: Logger },
): Promise<CheckInResult> {
  if (!deps.client || !deps.online || deps.timeoutMs === 0 || result.decision !== 'accepted' || !payload.memberId) return result;
  const outcome = await deps.client.checkIn(
    {
      memberId: payload.memberId,
      locationId: payload.locationId,
      eventId: result.eventId,
      badgeId: payload.badgeId,
      method: payload.method,
      decision: payload.decision,
      decidedAt: payload.decidedAt,
      offline: payload.offline,
      ...(payload.override ? { override: payload.override } : {}),
      ...(payload.staffNote ? { staffNote: payload.staffNote } : {}),
    },
    deps.timeoutMs,
  );
  if (outcome.kind !== 'ok') {
    deps.log.debug({ eventId: result.eventId, error: outcome.message }, 'no personalized WOD in time; showing the cached one');
    return result;
  }
  const wod = outcome.value.personalizedWod;
  return wod ? { ...result, wod: { ...wod, source: 'cloud' } } : result;
}

import type { EquipmentKind } from '../../shared/equipment.js';
import type { EquipmentSession } from '../../shared/sessions.js';

/**
 * A member's equipment session as the leaderboards count it: the figures every challenge type needs, kept
 * until the cloud's leaderboard says it counted the session (its `eventId` in `countedEventIds`).
 */
export interface ChallengeSession {
  eventId: string;
  memberId: string;
  equipmentType: EquipmentKind;
  startedAt: string;
  endedAt: string;
  distanceM: number;
  durationS: number;
  avgPowerW: number | null;
  avgPaceSecPer500m: number | null;
  energyKcal: number | null;
  /** Personal records this session set (achievements/records.ts), for pr_count challenges. */
  prCount: number;
}

/** Null for a session nobody has claimed yet: it counts for nobody until a member claims it. */
export function challengeSessionOf(session: EquipmentSession, prCount: number): ChallengeSession | null {
  if (!session.memberId) return null;
  const s = session.summary;
  return {
    eventId: session.eventId,
    memberId: session.memberId,
    equipmentType: session.equipmentType,
    startedAt: session.startedAt,
    endedAt: session.endedAt,
    distanceM: finiteOr(s.distanceM, 0),
    durationS: finiteOr(s.durationS, 0),
    avgPowerW: finiteOrNull(s.avgPowerW),
    avgPaceSecPer500m: finiteOrNull(s.avgPaceSecPer500m),
    energyKcal: finiteOrNull(s.energyKcal),
    prCount,
  };
}

function finiteOr(value: number, fallback: number): number {
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) && value > 0 ? value : null;
}

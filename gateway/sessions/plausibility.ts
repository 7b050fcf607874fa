import type { SessionIngest } from '../../shared/sessions.js';

type MachineKind = SessionIngest['equipmentType'];

/** What a person can do on each machine, generously: beyond it a session is forged or broken. */
interface MachineBounds {
  /** Average speed over the session, m/s (distance / duration). */
  maxSpeedMps: number;
  maxPowerW: number;
  /** Fastest average pace, s/500 m (null: the machine reports no pace). */
  minPaceSecPer500m: number | null;
}

// Rowing 2 km world record ≈ 5:35 (~6 m/s, 1:24/500 m); peak rowing power ~1,900 W; track sprinters
// ~2,500 W on a bike; treadmills top out near 25 km/h (~7 m/s); virtual bike speed stays under ~25 m/s.
export const MACHINE_BOUNDS: Record<MachineKind, MachineBounds> = {
  rower: { maxSpeedMps: 7, maxPowerW: 2_000, minPaceSecPer500m: 70 },
  ski: { maxSpeedMps: 7, maxPowerW: 1_500, minPaceSecPer500m: 70 },
  bike: { maxSpeedMps: 25, maxPowerW: 2_500, minPaceSecPer500m: 20 },
  treadmill: { maxSpeedMps: 8, maxPowerW: 2_000, minPaceSecPer500m: 60 },
  cross_trainer: { maxSpeedMps: 10, maxPowerW: 1_500, minPaceSecPer500m: 50 },
  hr_strap: { maxSpeedMps: 0, maxPowerW: 0, minPaceSecPer500m: null },
};

export const MAX_SESSION_S = 12 * 3600;
export const TIME_WINDOW_MS = 24 * 3600_000;
const MAX_HEART_RATE = 250;
const MAX_CADENCE = 250;
const MAX_STROKE_RATE = 80;
const MAX_KCAL = 10_000;

/** A refused session: the field at fault and why, for a 400 that names it. */
export interface Implausible {
  field: string;
  message: string;
}

/**
 * Whether a handed-over session could have happened: within the machine's bounds, within a day
 * of now, and for a member this box knows (or nobody). Pure: the clock and roster come in.
 */
export function implausibility(session: SessionIngest, now: Date, memberKnown: (id: string) => boolean): Implausible | null {
  const bounds = MACHINE_BOUNDS[session.equipmentType];
  const started = Date.parse(session.startedAt);
  const ended = Date.parse(session.endedAt);
  for (const [field, at] of [['startedAt', started], ['endedAt', ended]] as const) {
    if (Math.abs(at - now.getTime()) > TIME_WINDOW_MS) return { field, message: 'must be within a day of now' };
  }
  if (ended < started) return { field: 'endedAt', message: 'must not be before startedAt' };
  if (session.memberId !== null && !memberKnown(session.memberId)) return { field: 'memberId', message: 'is not a member of this box' };

  const { distanceM, durationS } = session.summary;
  if (durationS > MAX_SESSION_S) return { field: 'summary.durationS', message: `must be at most ${MAX_SESSION_S} s` };
  if (durationS > (ended - started) / 1000 + 60) return { field: 'summary.durationS', message: 'is longer than endedAt − startedAt' };
  if (distanceM > bounds.maxSpeedMps * Math.max(durationS, 1)) {
    return { field: 'summary.distanceM', message: `is more than a ${session.equipmentType} can cover in ${durationS} s` };
  }

  const s = session.summary;
  const checks: Array<[string, number | null, number, number]> = [
    ['summary.avgPowerW', s.avgPowerW, 0, bounds.maxPowerW],
    ['summary.maxPowerW', s.maxPowerW, 0, bounds.maxPowerW],
    ['summary.avgSpeedMps', s.avgSpeedMps, 0, bounds.maxSpeedMps],
    ['summary.avgStrokeRateSpm', s.avgStrokeRateSpm, 0, MAX_STROKE_RATE],
    ['summary.avgCadenceRpm', s.avgCadenceRpm, 0, MAX_CADENCE],
    ['summary.energyKcal', s.energyKcal, 0, MAX_KCAL],
    ['summary.avgHeartRateBpm', s.avgHeartRateBpm, 20, MAX_HEART_RATE],
    ['summary.maxHeartRateBpm', s.maxHeartRateBpm, 20, MAX_HEART_RATE],
  ];
  for (const [field, value, min, max] of checks) {
    if (value !== null && (value < min || value > max)) return { field, message: `must be between ${min} and ${max} on a ${session.equipmentType}` };
  }
  if (s.avgPowerW !== null && s.maxPowerW !== null && s.avgPowerW > s.maxPowerW) return { field: 'summary.avgPowerW', message: 'must not exceed maxPowerW' };
  if (s.avgPaceSecPer500m !== null) {
    if (bounds.minPaceSecPer500m === null) return { field: 'summary.avgPaceSecPer500m', message: `must be null on a ${session.equipmentType}` };
    if (s.avgPaceSecPer500m < bounds.minPaceSecPer500m || s.avgPaceSecPer500m > 3600) {
      return { field: 'summary.avgPaceSecPer500m', message: `must be between ${bounds.minPaceSecPer500m} and 3600 on a ${session.equipmentType}` };
    }
  }
  return null;
}

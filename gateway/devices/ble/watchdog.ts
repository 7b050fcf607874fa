import type { EquipmentMetrics } from '../../../shared/equipment.js';
import { round } from '../../protocols/units.js';

export interface WatchdogTiming {
  /** Show the last values unchanged this long after the last notification (one dropped packet changes nothing). */
  holdMs: number;
  /** Then bring the rates down to zero over this long. */
  decayMs: number;
}

/**
 * What a machine that went quiet shows, as a pure function of its last metrics and the silence so far.
 * Rates (power, cadence, stroke rate, speed) hold, then fall linearly to zero; pace slows accordingly and is
 * dropped at a standstill; totals (distance, time, energy) keep their last value. Heart rate holds through the
 * whole window and is then dropped: a quiet strap means "unknown", not a stopped heart.
 */
export function staleMetrics(last: EquipmentMetrics, silentMs: number, timing: WatchdogTiming): EquipmentMetrics {
  if (silentMs <= timing.holdMs) return { ...last };
  const factor = Math.max(0, 1 - (silentMs - timing.holdMs) / timing.decayMs);
  const out: EquipmentMetrics = { ...last };
  if (last.powerW !== undefined) out.powerW = Math.round(last.powerW * factor);
  if (last.cadenceRpm !== undefined) out.cadenceRpm = round(last.cadenceRpm * factor, 1);
  if (last.strokeRateSpm !== undefined) out.strokeRateSpm = round(last.strokeRateSpm * factor, 1);
  if (last.speedMps !== undefined) out.speedMps = round(last.speedMps * factor, 3);
  if (last.paceSecPer500m !== undefined) {
    if (factor > 0) out.paceSecPer500m = round(last.paceSecPer500m / factor, 1);
    else delete out.paceSecPer500m;
  }
  if (factor === 0) delete out.heartRateBpm;
  return out;
}

/** True once the decay has run its course: the last stale reading has been shown. */
export function fullyDecayed(silentMs: number, timing: WatchdogTiming): boolean {
  return silentMs >= timing.holdMs + timing.decayMs;
}

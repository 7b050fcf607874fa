import type { EquipmentMetrics } from '../../../shared/equipment.js';
import type { CyclingPowerMeasurement } from '../../protocols/cycling-power.js';
import type { CrossTrainerData } from '../../protocols/ftms/cross-trainer.js';
import type { IndoorBikeData } from '../../protocols/ftms/indoor-bike.js';
import type { RowerData } from '../../protocols/ftms/rower.js';
import type { TreadmillData } from '../../protocols/ftms/treadmill.js';
import type { HeartRateReading } from '../../protocols/heart-rate.js';
import type { Pm5Record } from '../../protocols/pm5/multiplexed.js';
import { paceFromSpeed, round } from '../../protocols/units.js';

/**
 * The one place where codec readings become the floor's `EquipmentMetrics`. Each function returns an update
 * with only the metrics its record carries (the decoder merges it into the machine's current picture): a number
 * sets a metric, null clears it. A heart rate of 0 (no strap paired to the machine) and a pace of 0 (not
 * moving) mean "no value", not zero, so they clear.
 */
export type MetricsUpdate = { [K in keyof EquipmentMetrics]?: number | null };

type Draft = { [K in keyof EquipmentMetrics]?: number | null | undefined };

function defined(draft: Draft): MetricsUpdate {
  const out: MetricsUpdate = {};
  for (const [key, value] of Object.entries(draft) as [keyof EquipmentMetrics, number | null | undefined][]) {
    if (value === null || (value !== undefined && Number.isFinite(value))) out[key] = value;
  }
  return out;
}

/** Absent field: no change; 0 or null: no heart rate. */
const heartRate = (bpm: number | null | undefined) => (bpm === undefined ? undefined : bpm ? bpm : null);

/** Applies an update to the current metrics. */
export function applyUpdate(current: EquipmentMetrics, update: MetricsUpdate): EquipmentMetrics {
  const next: EquipmentMetrics = { ...current };
  for (const [key, value] of Object.entries(update) as [keyof EquipmentMetrics, number | null][]) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next;
}

export function rowerMetrics(r: RowerData): MetricsUpdate {
  const pace = r.paceSecPer500m;
  return defined({
    strokeRateSpm: r.strokeRateSpm,
    paceSecPer500m: pace === undefined ? undefined : pace > 0 ? pace : null,
    speedMps: pace === undefined ? undefined : pace > 0 ? round(500 / pace, 3) : 0,
    powerW: r.powerW,
    heartRateBpm: heartRate(r.heartRateBpm),
    distanceM: r.distanceM,
    elapsedS: r.elapsedS,
    energyKcal: r.energyKcal,
  });
}

export function bikeMetrics(r: IndoorBikeData): MetricsUpdate {
  return defined({
    speedMps: r.speedMps,
    cadenceRpm: r.cadenceRpm,
    powerW: r.powerW,
    heartRateBpm: heartRate(r.heartRateBpm),
    distanceM: r.distanceM,
    elapsedS: r.elapsedS,
    energyKcal: r.energyKcal,
  });
}

export function treadmillMetrics(r: TreadmillData): MetricsUpdate {
  return defined({
    speedMps: r.speedMps,
    powerW: r.powerW,
    heartRateBpm: heartRate(r.heartRateBpm),
    distanceM: r.distanceM,
    elapsedS: r.elapsedS,
    energyKcal: r.energyKcal,
  });
}

export function crossTrainerMetrics(r: CrossTrainerData): MetricsUpdate {
  return defined({
    speedMps: r.speedMps,
    cadenceRpm: r.stepRateSpm,
    powerW: r.powerW,
    heartRateBpm: heartRate(r.heartRateBpm),
    distanceM: r.distanceM,
    elapsedS: r.elapsedS,
    energyKcal: r.energyKcal,
  });
}

export function heartRateMetrics(r: HeartRateReading): MetricsUpdate {
  // A strap reporting no skin contact has no heart rate to show.
  return defined({ heartRateBpm: r.sensorContact === 'not_detected' ? null : heartRate(r.heartRateBpm) });
}

export function cyclingPowerMetrics(m: CyclingPowerMeasurement, cadenceRpm: number | null): MetricsUpdate {
  return defined({ powerW: m.powerW, cadenceRpm: cadenceRpm ?? undefined });
}

export function pm5Metrics(record: Pm5Record): MetricsUpdate {
  const r = record as Pm5Record & Record<string, number | null | undefined>;
  switch (record.characteristic) {
    case '0x0031':
    case '0x0035':
      return defined({ distanceM: r.distanceM ?? undefined, elapsedS: r.elapsedS ?? undefined });
    case '0x0032': {
      const speed = r.speedMps ?? undefined;
      return defined({
        speedMps: speed,
        paceSecPer500m: r.paceSecPer500m ? r.paceSecPer500m : speed ? paceFromSpeed(speed) : null,
        strokeRateSpm: r.strokeRateSpm ?? undefined,
        heartRateBpm: heartRate(r.heartRateBpm),
        elapsedS: r.elapsedS ?? undefined,
      });
    }
    case '0x0033':
      return defined({ energyKcal: r.energyKcal ?? undefined, elapsedS: r.elapsedS ?? undefined });
    case '0x0036':
      return defined({ powerW: r.powerW ?? undefined, elapsedS: r.elapsedS ?? undefined });
    default:
      return {};
  }
}

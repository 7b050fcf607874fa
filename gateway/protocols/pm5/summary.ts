import type { Result } from '../result.js';
import { ERG_MACHINE_TYPES, INTERVAL_TYPES, WORKOUT_TYPES } from './enums.js';
import { decodeLayout, distance, elapsed, type Pm5Field } from './fields.js';
import type { Pm5Variant } from './status.js';

/**
 * Log entry date and time identify the workout in the PM's logbook; they are passed on as the PM encodes
 * them (16-bit words), since only their identity matters here.
 */
const logEntry: Pm5Field[] = [
  { key: 'logEntryDate', type: 'uint16' },
  { key: 'logEntryTime', type: 'uint16' },
];

/** 0x0039 End of Workout Summary (20 bytes; 18 when multiplexed, without the average pace). */
export interface Pm5WorkoutSummary {
  logEntryDate: number;
  logEntryTime: number;
  elapsedS: number;
  distanceM: number;
  avgStrokeRateSpm: number;
  endingHeartRateBpm: number;
  avgHeartRateBpm: number;
  minHeartRateBpm: number;
  maxHeartRateBpm: number;
  avgDragFactor: number;
  /** Sent again after a minute of rest; null until then. */
  recoveryHeartRateBpm: number | null;
  workoutType: string;
  /** Characteristic variant only. */
  avgPaceSecPer500m?: number;
}

function workoutSummary(variant: Pm5Variant): Pm5Field[] {
  return [
    ...logEntry,
    elapsed,
    distance,
    { key: 'avgStrokeRateSpm', type: 'uint8' },
    { key: 'endingHeartRateBpm', type: 'uint8' },
    { key: 'avgHeartRateBpm', type: 'uint8' },
    { key: 'minHeartRateBpm', type: 'uint8' },
    { key: 'maxHeartRateBpm', type: 'uint8' },
    { key: 'avgDragFactor', type: 'uint8' },
    { key: 'recoveryHeartRateBpm', type: 'uint8', nullIf: 0 },
    { key: 'workoutType', type: 'uint8', enum: WORKOUT_TYPES },
    ...(variant === 'characteristic'
      ? [{ key: 'avgPaceSecPer500m', type: 'uint16', scale: 0.1, digits: 1 } as Pm5Field]
      : []),
  ];
}

const workoutSummaryLayouts = { characteristic: workoutSummary('characteristic'), multiplexed: workoutSummary('multiplexed') };

export function decodeWorkoutSummary(bytes: Uint8Array, variant: Pm5Variant = 'characteristic'): Result<Pm5WorkoutSummary> {
  return decodeLayout(bytes, workoutSummaryLayouts[variant], 'PM5 0x0039') as Result<Pm5WorkoutSummary>;
}

/** 0x003A End of Workout Additional Summary (19 bytes; 18 when multiplexed, without the split type). */
export interface Pm5WorkoutAdditionalSummary {
  logEntryDate: number;
  logEntryTime: number;
  /** Characteristic variant only. */
  splitType?: string;
  /** Metres or seconds, depending on the workout type. */
  splitSize: number;
  splitCount: number;
  energyKcal: number;
  avgPowerW: number;
  totalRestDistanceM: number;
  intervalRestTimeS: number;
  avgKcalPerHour: number;
}

function workoutAdditionalSummary(variant: Pm5Variant): Pm5Field[] {
  return [
    ...logEntry,
    ...(variant === 'characteristic' ? [{ key: 'splitType', type: 'uint8', enum: INTERVAL_TYPES } as Pm5Field] : []),
    { key: 'splitSize', type: 'uint16' },
    { key: 'splitCount', type: 'uint8' },
    { key: 'energyKcal', type: 'uint16' },
    { key: 'avgPowerW', type: 'uint16' },
    { key: 'totalRestDistanceM', type: 'uint24' },
    { key: 'intervalRestTimeS', type: 'uint16' },
    { key: 'avgKcalPerHour', type: 'uint16' },
  ];
}

const workoutAdditionalSummaryLayouts = {
  characteristic: workoutAdditionalSummary('characteristic'),
  multiplexed: workoutAdditionalSummary('multiplexed'),
};

export function decodeWorkoutAdditionalSummary(
  bytes: Uint8Array,
  variant: Pm5Variant = 'characteristic',
): Result<Pm5WorkoutAdditionalSummary> {
  return decodeLayout(bytes, workoutAdditionalSummaryLayouts[variant], 'PM5 0x003A') as Result<Pm5WorkoutAdditionalSummary>;
}

/** 0x003B Heart Rate Belt Information (6 bytes). */
const heartRateBelt: Pm5Field[] = [
  { key: 'manufacturerId', type: 'uint8' },
  { key: 'deviceType', type: 'uint8' },
  { key: 'beltIdLow', type: 'uint16' },
  { key: 'beltIdHigh', type: 'uint16' },
];

export function decodeHeartRateBelt(bytes: Uint8Array): Result<{ manufacturerId: number; deviceType: number; beltId: number }> {
  const result = decodeLayout(bytes, heartRateBelt, 'PM5 0x003B');
  if (!result.ok) return result;
  const v = result.value as Record<string, number>;
  return { ok: true, value: { manufacturerId: v.manufacturerId!, deviceType: v.deviceType!, beltId: v.beltIdLow! + v.beltIdHigh! * 0x10000 } };
}

/** 0x003C End of Workout Additional Summary 2 (multiplexed only, 10 bytes). */
const workoutAdditionalSummary2: Pm5Field[] = [
  ...logEntry,
  { key: 'avgPaceSecPer500m', type: 'uint16', scale: 0.1, digits: 1 },
  { key: 'gameIdAndVerified', type: 'uint8' },
  { key: 'gameScore', type: 'uint16' },
  { key: 'ergMachineType', type: 'uint8', enum: ERG_MACHINE_TYPES },
];

export function decodeWorkoutAdditionalSummary2(bytes: Uint8Array): Result<Record<string, unknown>> {
  const result = decodeLayout(bytes, workoutAdditionalSummary2, 'PM5 0x003C');
  if (!result.ok) return result;
  const { gameIdAndVerified, ...rest } = result.value as Record<string, unknown> & { gameIdAndVerified: number };
  // Lower nibble: game id; upper nibble: the workout-verified flag (Appendix A).
  return { ok: true, value: { ...rest, gameId: gameIdAndVerified & 0x0f, workoutVerified: (gameIdAndVerified & 0xf0) !== 0 } };
}

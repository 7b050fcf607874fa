import type { Result } from '../result.js';
import { round } from '../units.js';
import { DURATION_TYPES, ERG_MACHINE_TYPES, INTERVAL_TYPES, ROWING_STATES, STROKE_STATES, WORKOUT_STATES, WORKOUT_TYPES } from './enums.js';
import { decodeLayout, distance, elapsed, type Pm5Field } from './fields.js';
import { splitTimeUnit, type Pm5Options } from './options.js';

/** Where a PM5 record came from: its own characteristic, or wrapped in the multiplexed 0x0080 one (whose layouts differ). */
export type Pm5Variant = 'characteristic' | 'multiplexed';

/** 0x0031 General Status (19 bytes, same in both variants). */
export interface Pm5GeneralStatus {
  elapsedS: number;
  distanceM: number;
  workoutType: string;
  intervalType: string;
  workoutState: string;
  rowingState: string;
  strokeState: string;
  totalWorkDistanceM: number;
  /** Seconds for a time workout; metres, calories or watt-minutes otherwise (see `workoutDurationType`). */
  workoutDuration: number;
  workoutDurationType: string;
  dragFactor: number;
}

const generalStatus: Pm5Field[] = [
  elapsed,
  distance,
  { key: 'workoutType', type: 'uint8', enum: WORKOUT_TYPES },
  { key: 'intervalType', type: 'uint8', enum: INTERVAL_TYPES },
  { key: 'workoutState', type: 'uint8', enum: WORKOUT_STATES },
  { key: 'rowingState', type: 'uint8', enum: ROWING_STATES },
  { key: 'strokeState', type: 'uint8', enum: STROKE_STATES },
  { key: 'totalWorkDistanceM', type: 'uint24' },
  { key: 'workoutDuration', type: 'uint24' },
  { key: 'workoutDurationType', type: 'uint8', enum: DURATION_TYPES },
  { key: 'dragFactor', type: 'uint8' },
];

export function decodeGeneralStatus(bytes: Uint8Array): Result<Pm5GeneralStatus> {
  const result = decodeLayout(bytes, generalStatus, 'PM5 0x0031');
  if (result.ok && result.value.workoutDurationType === 'time') {
    result.value.workoutDuration = round((result.value.workoutDuration as number) * 0.01, 2); // time comes in 0.01 s
  }
  return result as Result<Pm5GeneralStatus>;
}

/** 0x0032 Additional Status 1 (17 bytes; 19 when multiplexed, which adds the average power). */
export interface Pm5AdditionalStatus1 {
  elapsedS: number;
  speedMps: number;
  strokeRateSpm: number;
  /** null when no heart-rate belt is paired (the PM sends 255). */
  heartRateBpm: number | null;
  paceSecPer500m: number;
  avgPaceSecPer500m: number;
  restDistanceM: number;
  restTimeS: number;
  /** Multiplexed variant only. */
  avgPowerW?: number;
  /** Firmware from 2018 on. */
  ergMachineType?: string;
}

function additionalStatus1(variant: Pm5Variant): Pm5Field[] {
  return [
    elapsed,
    { key: 'speedMps', type: 'uint16', scale: 0.001 },
    { key: 'strokeRateSpm', type: 'uint8' },
    { key: 'heartRateBpm', type: 'uint8', nullIf: 255 },
    { key: 'paceSecPer500m', type: 'uint16', scale: 0.01, digits: 2 },
    { key: 'avgPaceSecPer500m', type: 'uint16', scale: 0.01, digits: 2 },
    { key: 'restDistanceM', type: 'uint16' },
    { key: 'restTimeS', type: 'uint24', scale: 0.01, digits: 2 },
    ...(variant === 'multiplexed' ? [{ key: 'avgPowerW', type: 'uint16' } as Pm5Field] : []),
    { key: 'ergMachineType', type: 'uint8', enum: ERG_MACHINE_TYPES, optional: true },
  ];
}

const additionalStatus1Layouts = { characteristic: additionalStatus1('characteristic'), multiplexed: additionalStatus1('multiplexed') };

export function decodeAdditionalStatus1(bytes: Uint8Array, variant: Pm5Variant = 'characteristic'): Result<Pm5AdditionalStatus1> {
  return decodeLayout(bytes, additionalStatus1Layouts[variant], 'PM5 0x0032') as Result<Pm5AdditionalStatus1>;
}

/** 0x0033 Additional Status 2 (20 bytes; 18 when multiplexed, without the average power). */
export interface Pm5AdditionalStatus2 {
  elapsedS: number;
  intervalCount: number;
  /** Characteristic variant only. */
  avgPowerW?: number;
  energyKcal: number;
  splitAvgPaceSecPer500m: number;
  splitAvgPowerW: number;
  splitAvgKcalPerHour: number;
  lastSplitTimeS: number;
  lastSplitDistanceM: number;
}

function additionalStatus2(variant: Pm5Variant, options: Pm5Options): Pm5Field[] {
  return [
    elapsed,
    { key: 'intervalCount', type: 'uint8' },
    ...(variant === 'characteristic' ? [{ key: 'avgPowerW', type: 'uint16' } as Pm5Field] : []),
    { key: 'energyKcal', type: 'uint16' },
    { key: 'splitAvgPaceSecPer500m', type: 'uint16', scale: 0.01, digits: 2 },
    { key: 'splitAvgPowerW', type: 'uint16' },
    { key: 'splitAvgKcalPerHour', type: 'uint16' },
    { key: 'lastSplitTimeS', type: 'uint24', scale: splitTimeUnit(options), digits: 2 },
    { key: 'lastSplitDistanceM', type: 'uint24' },
  ];
}

/** Layouts by variant and split-time unit: built once, not per notification. */
const additionalStatus2Layouts = new Map<string, Pm5Field[]>();

export function decodeAdditionalStatus2(
  bytes: Uint8Array,
  variant: Pm5Variant = 'characteristic',
  options: Pm5Options = {},
): Result<Pm5AdditionalStatus2> {
  const key = `${variant}:${splitTimeUnit(options)}`;
  let layout = additionalStatus2Layouts.get(key);
  if (!layout) additionalStatus2Layouts.set(key, (layout = additionalStatus2(variant, options)));
  return decodeLayout(bytes, layout, 'PM5 0x0033') as Result<Pm5AdditionalStatus2>;
}

import type { Result } from '../result.js';
import { ERG_MACHINE_TYPES, INTERVAL_TYPES } from './enums.js';
import { decodeLayout, distance, elapsed, type Pm5Field } from './fields.js';
import { splitTimeUnit, type Pm5Options } from './options.js';

/** 0x0037 Split/Interval Data (18 bytes, same in both variants). Sent when a split or interval ends. */
export interface Pm5SplitData {
  elapsedS: number;
  distanceM: number;
  splitTimeS: number;
  splitDistanceM: number;
  intervalRestTimeS: number;
  intervalRestDistanceM: number;
  splitType: string;
  splitNumber: number;
}

function splitData(options: Pm5Options): Pm5Field[] {
  return [
    elapsed,
    distance,
    { key: 'splitTimeS', type: 'uint24', scale: splitTimeUnit(options), digits: 2 },
    { key: 'splitDistanceM', type: 'uint24' },
    { key: 'intervalRestTimeS', type: 'uint16' },
    { key: 'intervalRestDistanceM', type: 'uint16' },
    { key: 'splitType', type: 'uint8', enum: INTERVAL_TYPES },
    { key: 'splitNumber', type: 'uint8' },
  ];
}

const splitDataLayouts = new Map<number, Pm5Field[]>();

export function decodeSplitData(bytes: Uint8Array, options: Pm5Options = {}): Result<Pm5SplitData> {
  const unit = splitTimeUnit(options);
  let layout = splitDataLayouts.get(unit);
  if (!layout) splitDataLayouts.set(unit, (layout = splitData(options)));
  return decodeLayout(bytes, layout, 'PM5 0x0037') as Result<Pm5SplitData>;
}

/** 0x0038 Additional Split/Interval Data (19 bytes; the erg machine type came with 2018 firmware). */
export interface Pm5AdditionalSplitData {
  elapsedS: number;
  splitAvgStrokeRateSpm: number;
  splitWorkHeartRateBpm: number;
  splitRestHeartRateBpm: number;
  splitAvgPaceSecPer500m: number;
  splitEnergyKcal: number;
  splitAvgKcalPerHour: number;
  splitSpeedMps: number;
  splitPowerW: number;
  splitAvgDragFactor: number;
  splitNumber: number;
  ergMachineType?: string;
}

const additionalSplitData: Pm5Field[] = [
  elapsed,
  { key: 'splitAvgStrokeRateSpm', type: 'uint8' },
  { key: 'splitWorkHeartRateBpm', type: 'uint8' },
  { key: 'splitRestHeartRateBpm', type: 'uint8' },
  { key: 'splitAvgPaceSecPer500m', type: 'uint16', scale: 0.1, digits: 1 },
  { key: 'splitEnergyKcal', type: 'uint16' },
  { key: 'splitAvgKcalPerHour', type: 'uint16' },
  { key: 'splitSpeedMps', type: 'uint16', scale: 0.001 },
  { key: 'splitPowerW', type: 'uint16' },
  { key: 'splitAvgDragFactor', type: 'uint8' },
  { key: 'splitNumber', type: 'uint8' },
  { key: 'ergMachineType', type: 'uint8', enum: ERG_MACHINE_TYPES, optional: true },
];

export function decodeAdditionalSplitData(bytes: Uint8Array): Result<Pm5AdditionalSplitData> {
  return decodeLayout(bytes, additionalSplitData, 'PM5 0x0038') as Result<Pm5AdditionalSplitData>;
}

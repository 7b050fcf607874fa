import type { Result } from '../result.js';
import { decodeLayout, distance, elapsed, LBF_TENTHS_TO_N, type Pm5Field } from './fields.js';
import type { Pm5Variant } from './status.js';

/** 0x0035 Stroke Data (20 bytes; 18 when multiplexed, without work per stroke). Sent once per stroke. */
export interface Pm5StrokeData {
  elapsedS: number;
  distanceM: number;
  driveLengthM: number;
  driveTimeS: number;
  recoveryTimeS: number;
  strokeDistanceM: number;
  peakDriveForceN: number;
  avgDriveForceN: number;
  /** Characteristic variant only. */
  workPerStrokeJ?: number;
  strokeCount: number;
}

function strokeData(variant: Pm5Variant): Pm5Field[] {
  return [
    elapsed,
    distance,
    { key: 'driveLengthM', type: 'uint8', scale: 0.01, digits: 2 },
    { key: 'driveTimeS', type: 'uint8', scale: 0.01, digits: 2 },
    { key: 'recoveryTimeS', type: 'uint16', scale: 0.01, digits: 2 },
    { key: 'strokeDistanceM', type: 'uint16', scale: 0.01, digits: 2 },
    { key: 'peakDriveForceN', type: 'uint16', scale: LBF_TENTHS_TO_N, digits: 1 },
    { key: 'avgDriveForceN', type: 'uint16', scale: LBF_TENTHS_TO_N, digits: 1 },
    ...(variant === 'characteristic' ? [{ key: 'workPerStrokeJ', type: 'uint16', scale: 0.1, digits: 1 } as Pm5Field] : []),
    { key: 'strokeCount', type: 'uint16' },
  ];
}

const strokeDataLayouts = { characteristic: strokeData('characteristic'), multiplexed: strokeData('multiplexed') };

export function decodeStrokeData(bytes: Uint8Array, variant: Pm5Variant = 'characteristic'): Result<Pm5StrokeData> {
  return decodeLayout(bytes, strokeDataLayouts[variant], 'PM5 0x0035') as Result<Pm5StrokeData>;
}

/** 0x0036 Additional Stroke Data (15 bytes; 17 when multiplexed, which adds work per stroke). */
export interface Pm5AdditionalStrokeData {
  elapsedS: number;
  /** Power of the last stroke. */
  powerW: number;
  strokeKcalPerHour: number;
  strokeCount: number;
  projectedWorkTimeS: number;
  projectedWorkDistanceM: number;
  /** Multiplexed variant only. */
  workPerStrokeJ?: number;
}

function additionalStrokeData(variant: Pm5Variant): Pm5Field[] {
  return [
    elapsed,
    { key: 'powerW', type: 'uint16' },
    { key: 'strokeKcalPerHour', type: 'uint16' },
    { key: 'strokeCount', type: 'uint16' },
    { key: 'projectedWorkTimeS', type: 'uint24' },
    { key: 'projectedWorkDistanceM', type: 'uint24' },
    ...(variant === 'multiplexed' ? [{ key: 'workPerStrokeJ', type: 'uint16', scale: 0.1, digits: 1 } as Pm5Field] : []),
  ];
}

const additionalStrokeDataLayouts = {
  characteristic: additionalStrokeData('characteristic'),
  multiplexed: additionalStrokeData('multiplexed'),
};

export function decodeAdditionalStrokeData(bytes: Uint8Array, variant: Pm5Variant = 'characteristic'): Result<Pm5AdditionalStrokeData> {
  return decodeLayout(bytes, additionalStrokeDataLayouts[variant], 'PM5 0x0036') as Result<Pm5AdditionalStrokeData>;
}

import { ByteReader } from '../bytes.js';
import type { Result } from '../result.js';
import { kmhToMps } from '../units.js';
import {
  elapsedField,
  energyFields,
  heartRateField,
  metField,
  readRecord,
  remainingField,
} from './fields.js';
import { flagsMask, groupsPerOptions, resistanceField, type FtmsOptions } from './options.js';

/**
 * Cross Trainer Data (0x2ACE), FTMS 1.0 §4.5 (fields §4.5.1.1–4.5.1.17). Its flags field is 24 bits wide.
 * Types, resolutions and "not available" values are the spec's, one vector per field in
 * test/protocols/ftms-audit.test.ts. Two differ from the other machines: Resistance Level is in 0.1 steps
 * (bike and rower: 1) and elevation gain/loss in whole metres (treadmill: 0.1 m).
 */
export interface CrossTrainerData {
  moreData: boolean;
  /** Flag bit 15: the user is moving backward. */
  direction: 'forward' | 'backward';
  speedMps?: number;
  avgSpeedMps?: number;
  distanceM?: number;
  stepRateSpm?: number;
  avgStepRateSpm?: number;
  strideCount?: number;
  elevationGainM?: number;
  elevationLossM?: number;
  inclinationPct?: number;
  rampAngleDeg?: number;
  resistanceLevel?: number;
  powerW?: number;
  avgPowerW?: number;
  energyKcal?: number;
  energyPerHourKcal?: number;
  energyPerMinuteKcal?: number;
  heartRateBpm?: number;
  metabolicEquivalent?: number;
  elapsedS?: number;
  remainingS?: number;
}

const groups = groupsPerOptions((o) => [
  { bit: 0, inverted: true, fields: [{ key: 'speedMps', type: 'uint16', scale: 0.01, convert: kmhToMps }] },
  { bit: 1, fields: [{ key: 'avgSpeedMps', type: 'uint16', scale: 0.01, convert: kmhToMps }] },
  { bit: 2, fields: [{ key: 'distanceM', type: 'uint24' }] },
  {
    bit: 3,
    fields: [
      { key: 'stepRateSpm', type: 'uint16' },
      { key: 'avgStepRateSpm', type: 'uint16' },
    ],
  },
  { bit: 4, fields: [{ key: 'strideCount', type: 'uint16', scale: 0.1, digits: 1 }] },
  {
    bit: 5,
    fields: [
      { key: 'elevationGainM', type: 'uint16' },
      { key: 'elevationLossM', type: 'uint16' },
    ],
  },
  {
    bit: 6,
    fields: [
      { key: 'inclinationPct', type: 'sint16', scale: 0.1, digits: 1, notAvailable: 0x7fff },
      { key: 'rampAngleDeg', type: 'sint16', scale: 0.1, digits: 1, notAvailable: 0x7fff },
    ],
  },
  { bit: 7, fields: [resistanceField(o, 0.1)] },
  { bit: 8, fields: [{ key: 'powerW', type: 'sint16' }] },
  { bit: 9, fields: [{ key: 'avgPowerW', type: 'sint16' }] },
  { bit: 10, fields: energyFields },
  { bit: 11, fields: [heartRateField] },
  { bit: 12, fields: [metField] },
  { bit: 13, fields: [elapsedField] },
  { bit: 14, fields: [remainingField] },
]);

export function decodeCrossTrainerData(bytes: Uint8Array, options?: FtmsOptions): Result<CrossTrainerData> {
  const r = new ByteReader(bytes);
  const flags = r.uint24('flags');
  const reading: CrossTrainerData = { moreData: (flags & 1) === 1, direction: flags & (1 << 15) ? 'backward' : 'forward' };
  if (!r.failed) readRecord(r, flags & flagsMask(options), groups(options), reading as unknown as Record<string, unknown>);
  return r.result(reading);
}

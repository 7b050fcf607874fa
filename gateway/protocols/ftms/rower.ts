import { ByteReader } from '../bytes.js';
import type { Result } from '../result.js';
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
 * Rower Data (0x2AD1), FTMS 1.0 §4.8 (fields §4.8.1.1–4.8.1.16). Absent fields were not in this notification.
 * Types, resolutions and "not available" values are the spec's; one vector per field in
 * test/protocols/ftms-audit.test.ts.
 */
export interface RowerData {
  /** True when more notifications of the same record follow (see merge.ts). */
  moreData: boolean;
  strokeRateSpm?: number;
  strokeCount?: number;
  avgStrokeRateSpm?: number;
  distanceM?: number;
  paceSecPer500m?: number;
  avgPaceSecPer500m?: number;
  powerW?: number;
  avgPowerW?: number;
  resistanceLevel?: number;
  energyKcal?: number;
  energyPerHourKcal?: number;
  energyPerMinuteKcal?: number;
  heartRateBpm?: number;
  metabolicEquivalent?: number;
  elapsedS?: number;
  remainingS?: number;
}

const groups = groupsPerOptions((o) => [
  {
    bit: 0,
    inverted: true,
    fields: [
      { key: 'strokeRateSpm', type: 'uint8', scale: 0.5 },
      { key: 'strokeCount', type: 'uint16' },
    ],
  },
  { bit: 1, fields: [{ key: 'avgStrokeRateSpm', type: 'uint8', scale: 0.5 }] },
  { bit: 2, fields: [{ key: 'distanceM', type: 'uint24' }] },
  { bit: 3, fields: [{ key: 'paceSecPer500m', type: 'uint16' }] },
  { bit: 4, fields: [{ key: 'avgPaceSecPer500m', type: 'uint16' }] },
  { bit: 5, fields: [{ key: 'powerW', type: 'sint16' }] },
  { bit: 6, fields: [{ key: 'avgPowerW', type: 'sint16' }] },
  { bit: 7, fields: [resistanceField(o, 1)] },
  { bit: 8, fields: energyFields },
  { bit: 9, fields: [heartRateField] },
  { bit: 10, fields: [metField] },
  { bit: 11, fields: [elapsedField] },
  { bit: 12, fields: [remainingField] },
]);

export function decodeRowerData(bytes: Uint8Array, options?: FtmsOptions): Result<RowerData> {
  const r = new ByteReader(bytes);
  const flags = r.uint16('flags');
  const reading: RowerData = { moreData: (flags & 1) === 1 };
  if (!r.failed) readRecord(r, flags & flagsMask(options), groups(options), reading as unknown as Record<string, unknown>);
  return r.result(reading);
}

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
 * Indoor Bike Data (0x2AD2), FTMS 1.0 §4.9 (fields §4.9.1.1–4.9.1.15). Speeds arrive in 0.01 km/h and are
 * reported in m/s. Types, resolutions and "not available" values are the spec's; one vector per field in
 * test/protocols/ftms-audit.test.ts.
 */
export interface IndoorBikeData {
  moreData: boolean;
  speedMps?: number;
  avgSpeedMps?: number;
  cadenceRpm?: number;
  avgCadenceRpm?: number;
  distanceM?: number;
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
  { bit: 2, fields: [{ key: 'cadenceRpm', type: 'uint16', scale: 0.5 }] },
  { bit: 3, fields: [{ key: 'avgCadenceRpm', type: 'uint16', scale: 0.5 }] },
  { bit: 4, fields: [{ key: 'distanceM', type: 'uint24' }] },
  { bit: 5, fields: [resistanceField(o, 1)] },
  { bit: 6, fields: [{ key: 'powerW', type: 'sint16' }] },
  { bit: 7, fields: [{ key: 'avgPowerW', type: 'sint16' }] },
  { bit: 8, fields: energyFields },
  { bit: 9, fields: [heartRateField] },
  { bit: 10, fields: [metField] },
  { bit: 11, fields: [elapsedField] },
  { bit: 12, fields: [remainingField] },
]);

export function decodeIndoorBikeData(bytes: Uint8Array, options?: FtmsOptions): Result<IndoorBikeData> {
  const r = new ByteReader(bytes);
  const flags = r.uint16('flags');
  const reading: IndoorBikeData = { moreData: (flags & 1) === 1 };
  if (!r.failed) readRecord(r, flags & flagsMask(options), groups(options), reading as unknown as Record<string, unknown>);
  return r.result(reading);
}

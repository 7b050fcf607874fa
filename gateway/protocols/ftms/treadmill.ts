import { ByteReader } from '../bytes.js';
import type { Result } from '../result.js';
import { kmhToMps, round } from '../units.js';
import {
  elapsedField,
  energyFields,
  heartRateField,
  metField,
  readRecord,
  remainingField,
  type FieldSpec,
} from './fields.js';
import { flagsMask, groupsPerOptions, type FtmsOptions, type ResolvedFtmsOptions } from './options.js';

/**
 * Treadmill Data (0x2ACD), FTMS 1.0 §4.4 (fields §4.4.1.1–4.4.1.16). Each field's type, resolution and
 * "not available" value below is the spec's; one vector per field in test/protocols/ftms-audit.test.ts.
 * Unlike the cross trainer, elevation gain/loss are in 0.1 m here.
 */
export interface TreadmillData {
  moreData: boolean;
  speedMps?: number;
  avgSpeedMps?: number;
  distanceM?: number;
  inclinationPct?: number;
  rampAngleDeg?: number;
  elevationGainM?: number;
  elevationLossM?: number;
  paceSecPerKm?: number;
  avgPaceSecPerKm?: number;
  energyKcal?: number;
  energyPerHourKcal?: number;
  energyPerMinuteKcal?: number;
  heartRateBpm?: number;
  metabolicEquivalent?: number;
  elapsedS?: number;
  remainingS?: number;
  forceOnBeltN?: number;
  powerW?: number;
}

/** km/min → s/km; 0 km/min (standing) has no pace, reported as 0 like the machine does. */
const kmPerMinToSecPerKm = (kmPerMin: number) => (kmPerMin > 0 ? round(60 / kmPerMin, 1) : 0);

function paceField(key: string, options: ResolvedFtmsOptions): FieldSpec {
  return options.treadmillPace === 'uint16-s-per-km'
    ? { key, type: 'uint16' }
    : { key, type: 'uint8', scale: 0.1, convert: kmPerMinToSecPerKm };
}

const groups = groupsPerOptions((o) => [
  { bit: 0, inverted: true, fields: [{ key: 'speedMps', type: 'uint16', scale: 0.01, convert: kmhToMps }] },
  { bit: 1, fields: [{ key: 'avgSpeedMps', type: 'uint16', scale: 0.01, convert: kmhToMps }] },
  { bit: 2, fields: [{ key: 'distanceM', type: 'uint24' }] },
  {
    bit: 3,
    fields: [
      { key: 'inclinationPct', type: 'sint16', scale: 0.1, digits: 1, notAvailable: 0x7fff },
      { key: 'rampAngleDeg', type: 'sint16', scale: 0.1, digits: 1, notAvailable: 0x7fff },
    ],
  },
  {
    bit: 4,
    fields: [
      { key: 'elevationGainM', type: 'uint16', scale: 0.1, digits: 1 },
      { key: 'elevationLossM', type: 'uint16', scale: 0.1, digits: 1 },
    ],
  },
  { bit: 5, fields: [paceField('paceSecPerKm', o)] },
  { bit: 6, fields: [paceField('avgPaceSecPerKm', o)] },
  { bit: 7, fields: energyFields },
  { bit: 8, fields: [heartRateField] },
  { bit: 9, fields: [metField] },
  { bit: 10, fields: [elapsedField] },
  { bit: 11, fields: [remainingField] },
  {
    bit: 12,
    fields: [
      { key: 'forceOnBeltN', type: 'sint16' },
      { key: 'powerW', type: 'sint16' },
    ],
  },
]);

export function decodeTreadmillData(bytes: Uint8Array, options?: FtmsOptions): Result<TreadmillData> {
  const r = new ByteReader(bytes);
  const flags = r.uint16('flags');
  const reading: TreadmillData = { moreData: (flags & 1) === 1 };
  if (!r.failed) readRecord(r, flags & flagsMask(options), groups(options), reading as unknown as Record<string, unknown>);
  return r.result(reading);
}

import type { ByteReader } from '../bytes.js';
import { round } from '../units.js';

/**
 * FTMS data records (FTMS 1.0 §4.4–4.9) are a flags field followed by the fields whose flag bits are set,
 * in a fixed order. Each record type is described once as a table of flag groups, so the field order lives in
 * one place per record and the reading loop is shared.
 */
export type FieldType = 'uint8' | 'uint16' | 'uint24' | 'sint16';

export interface FieldSpec {
  key: string;
  type: FieldType;
  /** Multiplier from the wire's integer to the unit in the key's name (after `convert`). */
  scale?: number;
  /** Digits kept after scaling, so 0.1 steps do not print as 0.30000000000000004. */
  digits?: number;
  /** The raw value the spec reserves for "data not available": the field is then left out. */
  notAvailable?: number;
  convert?: (scaled: number) => number;
}

export interface FlagGroup {
  bit: number;
  /** Bit 0 "More Data" is inverted: the group is present when the bit is 0. */
  inverted?: boolean;
  fields: FieldSpec[];
}

/**
 * Reads a whole record body: the groups the flags declare, then refuses bytes left over. A frame longer or
 * shorter than its flags declare means the flags lie; reading on would shift every later field, so the
 * record is refused (the adapter counts it) unless the model profile names the bits to ignore.
 */
export function readRecord(r: ByteReader, flags: number, groups: readonly FlagGroup[], out: Record<string, unknown>): void {
  readGroups(r, flags, groups, out);
  if (!r.failed && r.remaining > 0) {
    r.fail(`${r.remaining} byte${r.remaining === 1 ? '' : 's'} left over after the fields flags 0x${flags.toString(16).padStart(4, '0')} declare (set the model's ignoreFlagBits if this machine's flags are known to lie)`);
  }
}

export function readGroups(r: ByteReader, flags: number, groups: readonly FlagGroup[], out: Record<string, unknown>): void {
  for (const group of groups) {
    const set = (flags & (1 << group.bit)) !== 0;
    if (set === Boolean(group.inverted)) continue;
    for (const field of group.fields) {
      const raw = r[field.type](field.key);
      if (r.failed) return;
      if (field.notAvailable !== undefined && raw === field.notAvailable) continue;
      const scaled = round(raw * (field.scale ?? 1), field.digits ?? 4);
      out[field.key] = field.convert ? field.convert(scaled) : scaled;
    }
  }
}

/** Expended Energy is three fields under one flag; 0xFFFF / 0xFF mean "not available" (FTMS 1.0 §4.8.1.10 and the same field of every machine type). */
export const energyFields: FieldSpec[] = [
  { key: 'energyKcal', type: 'uint16', notAvailable: 0xffff },
  { key: 'energyPerHourKcal', type: 'uint16', notAvailable: 0xffff },
  { key: 'energyPerMinuteKcal', type: 'uint8', notAvailable: 0xff },
];

export const heartRateField: FieldSpec = { key: 'heartRateBpm', type: 'uint8' };
export const metField: FieldSpec = { key: 'metabolicEquivalent', type: 'uint8', scale: 0.1 };
export const elapsedField: FieldSpec = { key: 'elapsedS', type: 'uint16' };
export const remainingField: FieldSpec = { key: 'remainingS', type: 'uint16' };

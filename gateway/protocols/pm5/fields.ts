import { ByteReader } from '../bytes.js';
import { err, type Result } from '../result.js';
import { round } from '../units.js';
import { enumName, type EnumTable } from './enums.js';

/**
 * PM5 rowing-service characteristics are fixed layouts of little-endian fields (Concept2 PM5 Bluetooth Smart
 * Interface Definition rev 1.30, Tables 3 and 4). Each layout is a list of fields; `optional` fields at the end
 * were added in later firmware and may be missing from older monitors.
 */
export interface Pm5Field {
  key: string;
  type: 'uint8' | 'uint16' | 'uint24';
  scale?: number;
  digits?: number;
  enum?: EnumTable;
  /** A raw value meaning "no data" (e.g. heart rate 255): reported as null. */
  nullIf?: number;
  optional?: boolean;
}

const WIDTH = { uint8: 1, uint16: 2, uint24: 3 } as const;

export function decodeLayout(bytes: Uint8Array, layout: readonly Pm5Field[], name: string): Result<Record<string, unknown>> {
  const r = new ByteReader(bytes);
  const out: Record<string, unknown> = {};
  for (const field of layout) {
    if (field.optional && r.remaining < WIDTH[field.type]) break;
    const raw = r[field.type](field.key);
    if (r.error !== null) return err(`${name}: ${r.error}`);
    if (field.nullIf !== undefined && raw === field.nullIf) out[field.key] = null;
    else if (field.enum) out[field.key] = enumName(field.enum, raw);
    else out[field.key] = round(raw * (field.scale ?? 1), field.digits ?? 3);
  }
  return r.result(out);
}

export const elapsed: Pm5Field = { key: 'elapsedS', type: 'uint24', scale: 0.01, digits: 2 };
export const distance: Pm5Field = { key: 'distanceM', type: 'uint24', scale: 0.1, digits: 1 };
/** 1 lbf = 4.4482216 N; the PM5 sends forces in 0.1 lbf. */
export const LBF_TENTHS_TO_N = 0.44482216;

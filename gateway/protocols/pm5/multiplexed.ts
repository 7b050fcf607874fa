import { err, type Result } from '../result.js';
import type { Pm5Options } from './options.js';
import { decodeAdditionalSplitData, decodeSplitData } from './split.js';
import { decodeAdditionalStatus1, decodeAdditionalStatus2, decodeGeneralStatus } from './status.js';
import { decodeAdditionalStrokeData, decodeStrokeData } from './stroke.js';
import {
  decodeHeartRateBelt,
  decodeWorkoutAdditionalSummary,
  decodeWorkoutAdditionalSummary2,
  decodeWorkoutSummary,
} from './summary.js';

/** A PM5 record with the id of the characteristic it belongs to, e.g. `0x0032`. */
export type Pm5Record = { characteristic: string } & Record<string, unknown>;

type Decoder = (bytes: Uint8Array, options: Pm5Options) => Result<object>;

/** The multiplexed layouts per id (Table 4 of the interface definition). */
const MULTIPLEXED: Record<number, Decoder> = {
  0x31: (b) => decodeGeneralStatus(b),
  0x32: (b) => decodeAdditionalStatus1(b, 'multiplexed'),
  0x33: (b, o) => decodeAdditionalStatus2(b, 'multiplexed', o),
  0x35: (b) => decodeStrokeData(b, 'multiplexed'),
  0x36: (b) => decodeAdditionalStrokeData(b, 'multiplexed'),
  0x37: (b, o) => decodeSplitData(b, o),
  0x38: (b) => decodeAdditionalSplitData(b),
  0x39: (b) => decodeWorkoutSummary(b, 'multiplexed'),
  0x3a: (b) => decodeWorkoutAdditionalSummary(b, 'multiplexed'),
  0x3b: (b) => decodeHeartRateBelt(b),
  0x3c: (b) => decodeWorkoutAdditionalSummary2(b),
};

export function characteristicId(id: number): string {
  return `0x${id.toString(16).padStart(4, '0')}`;
}

/**
 * 0x0080 Multiplexed Information: the first byte names the wrapped characteristic, the rest is its data in the
 * multiplexed layout. Android apps subscribe to this one instead of the ten separate ones.
 */
export function decodeMultiplexed(bytes: Uint8Array, options: Pm5Options = {}): Result<Pm5Record> {
  if (bytes.length < 1) return err('truncated: the multiplexed characteristic needs an id byte');
  const id = bytes[0]!;
  const decoder = MULTIPLEXED[id];
  if (!decoder) return err(`PM5 0x0080: unknown multiplexed id 0x${id.toString(16).padStart(2, '0')}`);
  const inner = decoder(bytes.subarray(1), options);
  return inner.ok ? { ok: true, value: { characteristic: characteristicId(id), ...inner.value } } : inner;
}

/**
 * Rolling counters. ANT+ pages and BLE records carry running totals (beat count, event count, accumulated
 * power, distance, elapsed time) in 8- or 16-bit fields that wrap to 0. The step between two readings is
 * `(current - previous) mod 2^bits`: a wrap from 255 to 0 is one step, not 255 (incyclist-ant-plus adds 255
 * on an 8-bit event-count wrap, src/sensors/fe.ts: one short) and not -255.
 */

/** Steps from `previous` to `current` on a counter of `modulus` values (256, 64 for FE-C elapsed ¼ s…). */
export function rolloverDelta(previous: number, current: number, modulus: number): number {
  return (((current - previous) % modulus) + modulus) % modulus;
}

/** A running total rebuilt from a wrapping field: the raw value last seen and the unwrapped total. */
export interface RollingTotal {
  lastRaw: number;
  total: number;
}

/**
 * Folds one raw counter value into a running total. The first value starts the total at 0: a counter's
 * absolute value is whatever the device counted before we listened, not this session's work.
 */
export function accumulate(state: RollingTotal | null, raw: number, modulus: number): RollingTotal {
  if (state === null) return { lastRaw: raw, total: 0 };
  return { lastRaw: raw, total: state.total + rolloverDelta(state.lastRaw, raw, modulus) };
}

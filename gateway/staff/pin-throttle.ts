import type { Clock } from '../time/clock.js';

export interface PinThrottleOptions {
  /** Wrong PINs allowed before any wait: a person mistyping. */
  freeTries: number;
  /** Wait after the first failure past the free ones; doubles with each further failure. */
  baseMs: number;
  /** Longest wait. At one guess an hour, 10,000 four-digit PINs take more than a year. */
  capMs: number;
}

export const DEFAULT_PIN_THROTTLE: PinThrottleOptions = { freeTries: 3, baseMs: 1_000, capMs: 60 * 60_000 };

/**
 * One throttle for the whole box, not per address: a LAN client has as many addresses as it
 * likes (IPv6 above all), so per-address counting does not slow a guesser. Only wrong PINs
 * count; tries made while waiting are refused unchecked and do not count either.
 */
export class PinThrottle {
  private failures = 0;
  private lastFailureAt = 0;

  constructor(
    private readonly clock: Clock,
    private readonly options: PinThrottleOptions = DEFAULT_PIN_THROTTLE,
  ) {}

  /** Milliseconds until the next PIN may be checked (0: now). */
  waitMs(): number {
    const delay = this.delayAfter(this.failures);
    return Math.max(0, this.lastFailureAt + delay - this.clock.now().getTime());
  }

  failed(): void {
    this.failures += 1;
    this.lastFailureAt = this.clock.now().getTime();
  }

  succeeded(): void {
    this.failures = 0;
  }

  failureCount(): number {
    return this.failures;
  }

  /** The wait that follows `failures` wrong PINs in a row. */
  delayAfter(failures: number): number {
    const past = failures - this.options.freeTries;
    if (past <= 0) return 0;
    return Math.min(this.options.capMs, this.options.baseMs * 2 ** Math.min(past - 1, 40));
  }
}

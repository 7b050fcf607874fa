/**
 * Proactive client-side rate limiting: never send a request the cloud's tier would refuse.
 * A sliding-window log per limit (per minute, per day); pure, the caller passes the time.
 */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

/** Seed 001 "Rate Limiting Tiers". */
export const TIERS = {
  standard: { perMinute: 60, perDay: 10_000 },
  professional: { perMinute: 300, perDay: 50_000 },
  enterprise: { perMinute: 1_000, perDay: 500_000 },
  unlimited: { perMinute: null, perDay: null },
} as const;
export type Tier = keyof typeof TIERS;

/** The cloud's window and ours start at different instants; this margin keeps us inside theirs. */
const MARGIN_MS = 250;

export function tierWindows(limits: { perMinute: number | null; perDay: number | null }): RateWindow[] {
  const windows: RateWindow[] = [];
  if (limits.perMinute) windows.push({ limit: limits.perMinute, windowMs: 60_000 + MARGIN_MS });
  if (limits.perDay) windows.push({ limit: limits.perDay, windowMs: 86_400_000 + MARGIN_MS });
  return windows;
}

/**
 * Sliding-window log: never more than `limit` request starts in any `windowMs`, for every window.
 * Requests are also spread evenly over the shortest window (60 s / 60 = one a second at the Standard
 * tier) instead of a burst at the start of each minute: kinder to the cloud, and safe with a cloud
 * that counts in fixed minutes. The daily window is a cap only; it does not set the pace.
 */
export class SlidingWindowLimiter {
  /** Start times of recent requests, oldest first, kept as long as the longest window. */
  private readonly times: number[] = [];
  private readonly longest: number;
  private readonly spacingMs: number;

  constructor(private readonly windows: RateWindow[]) {
    this.longest = Math.max(0, ...windows.map((w) => w.windowMs));
    const shortest = [...windows].sort((a, b) => a.windowMs - b.windowMs)[0];
    this.spacingMs = shortest ? shortest.windowMs / shortest.limit : 0;
  }

  /** Milliseconds until a request may start (0 = now). */
  delayFor(now: number): number {
    this.forget(now);
    const last = this.times[this.times.length - 1];
    let wait = last === undefined ? 0 : Math.max(0, last + this.spacingMs - now);
    for (const { limit, windowMs } of this.windows) {
      // Requests inside this window, newest `limit` of them: the oldest of those must leave first.
      let inWindow = 0;
      for (let i = this.times.length - 1; i >= 0 && this.times[i]! > now - windowMs; i--) inWindow++;
      if (inWindow >= limit) {
        const blocking = this.times[this.times.length - limit]!;
        wait = Math.max(wait, blocking + windowMs - now);
      }
    }
    return wait;
  }

  record(now: number): void {
    this.times.push(now);
  }

  private forget(now: number): void {
    let drop = 0;
    while (drop < this.times.length && this.times[drop]! <= now - this.longest) drop++;
    if (drop > 0) this.times.splice(0, drop);
  }
}

/**
 * The limiter in time: every request to the cloud (sends and pulls alike) passes through one gate,
 * and a Retry-After from any answer pauses them all.
 */
export class RateGate {
  private pausedUntil = 0;
  private closed = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly limiter: SlidingWindowLimiter,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cloud said "not before": nothing goes out until then. */
  pauseUntil(at: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, at);
  }

  /** Waits until a request may start, and counts it. Resolves false once the gate is closed (shutdown). */
  async acquire(): Promise<boolean> {
    for (;;) {
      if (this.closed) return false;
      const wait = Math.max(this.limiter.delayFor(this.now()), this.pausedUntil - this.now());
      if (wait <= 0) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        timer.unref();
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    this.limiter.record(this.now());
    return true;
  }

  /** Counts a request only if it may start now (for calls that must not wait, like a check-in's WOD). */
  tryAcquire(): boolean {
    if (this.closed || this.pausedUntil > this.now() || this.limiter.delayFor(this.now()) > 0) return false;
    this.limiter.record(this.now());
    return true;
  }

  /** Shutdown: waiting calls give up at once instead of waiting out a daily limit. */
  close(): void {
    this.closed = true;
    this.wake?.();
  }
}

import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter, tierWindows, TIERS } from '../../gateway/uplink/rate-limit.js';

describe('SlidingWindowLimiter', () => {
  it('lets a tier use its whole minute, then makes the next request wait for the oldest to leave the window', () => {
    const limiter = new SlidingWindowLimiter([{ limit: 3, windowMs: 1000 }]);
    for (const t of [0, 10, 20]) {
      expect(limiter.delayFor(t)).toBe(0);
      limiter.record(t);
    }
    expect(limiter.delayFor(30)).toBe(970);
    expect(limiter.delayFor(1000)).toBe(0);
    limiter.record(1000);
    expect(limiter.delayFor(1001)).toBe(9);
  });

  it('never lets more than the limit start in any window, over a long run', () => {
    const limiter = new SlidingWindowLimiter(tierWindows(TIERS.standard));
    const starts: number[] = [];
    let now = 0;
    while (starts.length < 500) {
      now += limiter.delayFor(now);
      limiter.record(now);
      starts.push(now);
      now += 7; // the request itself takes a little while
    }
    for (let i = 60; i < starts.length; i++) expect(starts[i]! - starts[i - 60]!).toBeGreaterThanOrEqual(60_000);
    // …and it keeps up with the ceiling: 500 requests in about 8 minutes, not more.
    expect(starts[starts.length - 1]!).toBeLessThan(9 * 60_000);
  });

  it('honours the daily limit too', () => {
    const limiter = new SlidingWindowLimiter([
      { limit: 100, windowMs: 1000 },
      { limit: 2, windowMs: 86_400_000 },
    ]);
    limiter.record(0);
    limiter.record(1);
    expect(limiter.delayFor(2)).toBe(86_400_000 - 2);
  });
});

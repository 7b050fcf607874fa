import { describe, expect, it } from 'vitest';
import { RateGate, SlidingWindowLimiter, tierWindows, TIERS } from '../../gateway/uplink/rate-limit.js';

describe('SlidingWindowLimiter', () => {
  it('spreads requests evenly over the window instead of bursting', () => {
    const limiter = new SlidingWindowLimiter([{ limit: 4, windowMs: 1000 }]);
    expect(limiter.delayFor(0)).toBe(0);
    limiter.record(0);
    expect(limiter.delayFor(10)).toBe(240);
    limiter.record(250);
    expect(limiter.delayFor(600)).toBe(0);
  });

  it('makes a request wait for the oldest to leave the window when the window is full', () => {
    const limiter = new SlidingWindowLimiter([
      { limit: 3, windowMs: 1000 },
      { limit: 3, windowMs: 3000 },
    ]);
    for (const t of [0, 400, 800]) limiter.record(t);
    expect(limiter.delayFor(1200)).toBe(3000 - 1200); // the 3 s window is full until the first start leaves it
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
    // …and it keeps up with the ceiling: 500 requests in about 8⅓ minutes, evenly spaced.
    expect(starts[starts.length - 1]!).toBeLessThan(8.5 * 60_000);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(1_000);
  });

  it('honours the daily limit too', () => {
    const limiter = new SlidingWindowLimiter([
      { limit: 100, windowMs: 1000 },
      { limit: 2, windowMs: 86_400_000 },
    ]);
    limiter.record(0);
    limiter.record(10);
    expect(limiter.delayFor(20)).toBe(86_400_000 - 20);
  });
});

describe('RateGate', () => {
  it('holds every request until a Retry-After pause is over, and lets none through on shutdown', async () => {
    let now = 1_000;
    const gate = new RateGate(new SlidingWindowLimiter([]), () => now);
    gate.pauseUntil(now + 5_000);
    expect(gate.tryAcquire()).toBe(false);
    now += 5_000;
    expect(gate.tryAcquire()).toBe(true);

    gate.pauseUntil(now + 60_000);
    const waiting = gate.acquire();
    gate.close();
    expect(await waiting).toBe(false);
    expect(gate.tryAcquire()).toBe(false);
  });
});

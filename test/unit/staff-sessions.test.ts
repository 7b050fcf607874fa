import { describe, expect, it } from 'vitest';
import { cookieValue, PinThrottle, StaffAuth } from '../../gateway/staff/sessions.js';
import { manualClock } from '../../gateway/time/clock.js';

const YEAR_MS = 365 * 24 * 3600_000;

describe('staff PIN throttle (issue 10: all 10,000 four-digit PINs took ~14 s)', () => {
  it('makes 10,000 guesses at a 4-digit PIN take longer than a year, guessing as fast as it lets you', () => {
    const clock = manualClock('2026-01-01T00:00:00Z');
    const auth = new StaffAuth('s'.repeat(32), '9999', clock);
    const start = clock.now().getTime();
    let checked = 0;
    for (let guess = 0; checked < 10_000; ) {
      const answer = auth.check({ pin: String(guess).padStart(4, '0') });
      if (!answer.ok && answer.status === 429) {
        clock.advance(answer.retryAfterS! * 1000); // wait exactly as told, then guess again
        continue;
      }
      checked += 1;
      guess += 1;
      if (answer.ok) break;
    }
    const elapsed = clock.now().getTime() - start;
    expect(elapsed).toBeGreaterThan(YEAR_MS);
    console.log(`10,000 PIN guesses: ${(elapsed / YEAR_MS).toFixed(2)} years`);
  });

  it('lets a person mistype a few times, then waits longer with each wrong PIN; the right one resets it', () => {
    const clock = manualClock('2026-01-01T00:00:00Z');
    const throttle = new PinThrottle(clock);
    expect([1, 2, 3, 4, 5, 6, 20].map((n) => throttle.delayAfter(n))).toEqual([0, 0, 0, 1_000, 2_000, 4_000, 3_600_000]);
    for (let i = 0; i < 5; i++) throttle.failed();
    expect(throttle.waitMs()).toBe(2_000);
    throttle.succeeded();
    expect(throttle.waitMs()).toBe(0);
  });

  it('does not count a missing or wrong bearer token: only PINs can be guessed', () => {
    const clock = manualClock('2026-01-01T00:00:00Z');
    const auth = new StaffAuth('s'.repeat(32), '482193', clock);
    for (let i = 0; i < 100; i++) {
      expect(auth.check({})).toMatchObject({ ok: false, status: 401 });
      expect(auth.check({ bearer: 'x'.repeat(32) })).toMatchObject({ ok: false, status: 401 });
    }
    expect(auth.throttle.failureCount()).toBe(0);
    expect(auth.check({ pin: '482193' })).toEqual({ ok: true, via: 'pin' });
  });

  it('reads the session cookie among others', () => {
    expect(cookieValue('a=1; floorgate_staff=abc-123; b=2', 'floorgate_staff')).toBe('abc-123');
    expect(cookieValue(undefined, 'floorgate_staff')).toBeUndefined();
  });
});

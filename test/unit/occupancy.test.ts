import { describe, expect, it } from 'vitest';
import type { OccupancyState } from '../../shared/occupancy.js';
import { manualClock } from '../../gateway/time/clock.js';
import { Presence } from '../../gateway/occupancy/occupancy.js';
import { OccupancyTracker } from '../../gateway/occupancy/tracker.js';

const at = (iso: string) => new Date(iso);

describe('occupancy', () => {
  it('counts each member once while inside the dwell window', () => {
    const presence = new Presence(90 * 60_000);
    presence.admit({ memberId: 'a', at: at('2026-11-23T08:00:00Z') });
    presence.admit({ memberId: 'a', at: at('2026-11-23T08:30:00Z') });
    presence.admit({ memberId: 'b', at: at('2026-11-23T07:00:00Z') }); // out of order: a reload after restart
    presence.expire(at('2026-11-23T09:00:00Z'));
    expect(presence.count).toBe(1);
    expect(presence.nextCheckoutAt()).toEqual(at('2026-11-23T10:00:00Z'));
    presence.expire(at('2026-11-23T10:00:00Z'));
    expect(presence.count).toBe(0);
    expect(presence.nextCheckoutAt()).toBeNull();
  });

  it('checks members out automatically after the dwell time and keeps the day peak', () => {
    const clock = manualClock('2026-11-23T08:00:00Z');
    const changes: OccupancyState[] = [];
    const tracker = new OccupancyTracker({
      locationId: 'main',
      timezone: 'UTC',
      capacity: 50,
      dwellMinutes: 90,
      clock,
      onChange: (s) => changes.push(s),
    });
    tracker.admit({ memberId: 'a', at: clock.now() });
    clock.advance(30 * 60_000);
    tracker.admit({ memberId: 'b', at: clock.now() });
    expect(tracker.state()).toMatchObject({ count: 2, peakToday: 2, capacity: 50 });

    clock.advance(61 * 60_000); // a has been in for 91 minutes
    tracker.refresh();
    expect(tracker.state()).toMatchObject({ count: 1, peakToday: 2 });
    expect(changes.map((c) => c.count)).toEqual([1, 2, 1]);
    tracker.stop();
  });
});

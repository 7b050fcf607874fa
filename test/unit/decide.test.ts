import { describe, expect, it } from 'vitest';
import { decide, type CheckInRules, type CheckInSituation } from '../../gateway/checkin/decide.js';
import { denialReason } from '../../gateway/checkin/reasons.js';
import { manualClock } from '../../gateway/time/clock.js';
import { member } from '../support/members.js';

// Monday 23 Nov 2026, 10:00 in Stockholm (UTC+1).
const clock = manualClock('2026-11-23T09:00:00Z');
const rules: CheckInRules = { timezone: 'Europe/Stockholm', openingHours: [], capacity: null, antiPassbackMinutes: 5 };
const situation = (over: Partial<CheckInSituation> = {}): CheckInSituation => ({
  member: member(),
  lastAcceptedAt: null,
  occupancy: 0,
  ...over,
});

describe('decide', () => {
  it('accepts a member in good standing', () => {
    expect(decide(situation(), rules, clock.now())).toEqual({ decision: 'accepted' });
  });

  it('denies a badge that belongs to nobody', () => {
    expect(decide(situation({ member: null }), rules, clock.now())).toMatchObject({ decision: 'denied', code: 'unknown_badge' });
  });

  it('denies an expired membership, by status or by its last valid day', () => {
    expect(decide(situation({ member: member({ membership: { status: 'expired' } }) }), rules, clock.now())).toMatchObject({
      code: 'membership_expired',
    });
    const lapsed = member({ membership: { validUntil: '2026-11-22' } });
    expect(decide(situation({ member: lapsed }), rules, clock.now())).toMatchObject({
      code: 'membership_expired',
      details: { validUntil: '2026-11-22' },
    });
    // The last valid day itself is still valid.
    const lastDay = member({ membership: { validUntil: '2026-11-23' } });
    expect(decide(situation({ member: lastDay }), rules, clock.now()).decision).toBe('accepted');
  });

  it('denies a frozen membership', () => {
    expect(decide(situation({ member: member({ membership: { status: 'frozen' } }) }), rules, clock.now())).toMatchObject({
      code: 'membership_frozen',
    });
  });

  it('denies a suspended membership', () => {
    expect(decide(situation({ member: member({ membership: { status: 'suspended' } }) }), rules, clock.now())).toMatchObject({
      code: 'membership_suspended',
    });
  });

  it('denies a member without a signed waiver', () => {
    expect(decide(situation({ member: member({ waiverSigned: false }) }), rules, clock.now())).toMatchObject({
      code: 'waiver_missing',
    });
  });

  it("denies outside the member's access hours, judged in the gym's time zone", () => {
    const offPeak = member({ membership: { accessHours: [{ days: [1, 2, 3, 4, 5], from: '10:30', to: '15:00' }] } });
    // 10:00 local: too early, although it is 09:00 UTC.
    expect(decide(situation({ member: offPeak }), rules, clock.now())).toMatchObject({ code: 'outside_access_hours' });
    expect(decide(situation({ member: offPeak }), rules, new Date('2026-11-23T09:45:00Z')).decision).toBe('accepted');
    // Saturday is not in the plan.
    expect(decide(situation({ member: offPeak }), rules, new Date('2026-11-28T11:00:00Z'))).toMatchObject({
      code: 'outside_access_hours',
    });
  });

  it('denies when the gym is closed, with windows that run past midnight', () => {
    const nightOwl = { ...rules, openingHours: [{ days: [0, 1, 2, 3, 4, 5, 6], from: '22:00', to: '02:00' }] };
    expect(decide(situation(), nightOwl, clock.now())).toMatchObject({ code: 'outside_access_hours' });
    expect(decide(situation(), nightOwl, new Date('2026-11-23T00:30:00Z')).decision).toBe('accepted'); // 01:30 local
  });

  it('denies the same member again within the anti-passback window, then lets them in', () => {
    const lastAcceptedAt = new Date(clock.now().getTime() - 4 * 60_000);
    expect(decide(situation({ lastAcceptedAt }), rules, clock.now())).toMatchObject({
      code: 'anti_passback',
      details: { lastAcceptedAt: lastAcceptedAt.toISOString() },
    });
    const later = new Date(lastAcceptedAt.getTime() + 5 * 60_000);
    expect(decide(situation({ lastAcceptedAt }), rules, later).decision).toBe('accepted');
  });

  it('denies when the gym is at capacity', () => {
    const capped = { ...rules, capacity: 40 };
    expect(decide(situation({ occupancy: 40 }), capped, clock.now())).toMatchObject({ code: 'capacity_full', details: { capacity: 40 } });
    expect(decide(situation({ occupancy: 39 }), capped, clock.now()).decision).toBe('accepted');
  });

  it('tells a suspended member about the suspension before anything else', () => {
    const everythingWrong = member({ waiverSigned: false, membership: { status: 'suspended', validUntil: '2020-01-01' } });
    expect(decide(situation({ member: everythingWrong, occupancy: 99 }), { ...rules, capacity: 1 }, clock.now())).toMatchObject({
      code: 'membership_suspended',
    });
  });
});

describe('denial reasons', () => {
  it('say what happened and what to do, with the facts that matter', () => {
    const expired = denialReason('membership_expired', { validUntil: '2026-01-31' }, 'Europe/Stockholm');
    expect(expired.message).toBe('Your membership expired on 31 January 2026.');
    expect(expired.action).toMatch(/renew/i);

    const passback = denialReason('anti_passback', { lastAcceptedAt: '2026-11-23T06:02:00Z' }, 'Europe/Stockholm');
    expect(passback.message).toContain('07:02');

    const hours = denialReason(
      'outside_access_hours',
      { windows: [{ days: [1, 2, 3, 4, 5], from: '10:00', to: '15:00' }] },
      'Europe/Stockholm',
    );
    expect(hours.action).toContain('Mon–Fri 10:00–15:00');
  });
});

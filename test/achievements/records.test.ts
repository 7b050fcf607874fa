import { describe, expect, it } from 'vitest';
import { Achievements } from '../../gateway/achievements/achievements.js';
import { detectRecords, type PersonalBest } from '../../gateway/achievements/records.js';
import { AchievementStore } from '../../gateway/achievements/store.js';
import { manualClock } from '../../gateway/time/clock.js';
import type { AchievementsState } from '../../shared/achievements.js';
import { session, tempDb } from '../challenges/support.js';

describe('personal records', () => {
  it('a first session sets the baselines quietly', () => {
    const found = detectRecords(session({ distanceM: 2000, avgPaceSecPer500m: 120 }), new Map());
    expect(found.records).toEqual([]);
    expect(found.bests.map((b) => b.category).sort()).toEqual(['rower:best_pace', 'rower:best_power', 'rower:longest_distance', 'rower:longest_time']);
  });

  it('a faster pace and a longer row are records; a slower one is not', () => {
    const bests = new Map<string, PersonalBest>(
      detectRecords(session({ eventId: 'a', distanceM: 2000, avgPaceSecPer500m: 120 }), new Map()).bests.map((b) => [b.category, b]),
    );
    const better = detectRecords(session({ eventId: 'b', distanceM: 3000, avgPaceSecPer500m: 118.5, durationS: 480, avgPowerW: 200 }), bests);
    expect(better.records.map((r) => [r.measure, r.value, r.previous])).toEqual([
      ['longest_distance', 3000, 2000],
      ['best_pace', 118.5, 120],
    ]);
    expect(detectRecords(session({ eventId: 'c', distanceM: 1500, avgPaceSecPer500m: 125 }), bests).records).toEqual([]);
  });

  it('a pace over less than 1000 m is not compared (too short to be fair)', () => {
    const bests = new Map<string, PersonalBest>([['rower:best_pace', { category: 'rower:best_pace', value: 120, eventId: 'x', at: '' }]]);
    expect(detectRecords(session({ distanceM: 500, avgPaceSecPer500m: 100 }), bests).records).toEqual([]);
  });

  it('records are stored once, shown newest first, and hidden members without their name', () => {
    const clock = manualClock('2026-11-10T12:00:00Z');
    const states: AchievementsState[] = [];
    const achievements = new Achievements({
      store: new AchievementStore(tempDb()),
      locationId: 'main',
      clock,
      nameOf: (id) => (id === 'm-karin' ? null : 'Anna S.'),
      onChange: (s) => states.push(s),
    });
    achievements.recordSession(session({ eventId: 'k1', memberId: 'm-karin', distanceM: 2000 }));
    const pr = session({ eventId: 'k2', memberId: 'm-karin', distanceM: 2500, endedAt: '2026-11-10T10:00:00Z' });
    expect(achievements.recordSession(pr)).toBe(1);
    expect(achievements.recordSession(pr)).toBe(0); // the same session again
    expect(states).toHaveLength(1);
    expect(states[0]!.items).toEqual([
      expect.objectContaining({ kind: 'personal_record', displayName: null, title: 'Longest row', detail: '2.5 km (was 2.0 km)' }),
    ]);
  });
});

describe('record margins', () => {
  it('a gain smaller than the screens can show is no record (0.1 s pace, 1 W, 10 m)', () => {
    const bests = new Map<string, PersonalBest>(
      detectRecords(session({ eventId: 'a', distanceM: 2000, avgPaceSecPer500m: 119.04, avgPowerW: 207.6 }), new Map()).bests.map((b) => [b.category, b]),
    );
    expect(detectRecords(session({ eventId: 'b', distanceM: 2005, avgPaceSecPer500m: 119.02, avgPowerW: 208.1 }), bests).records).toEqual([]);
    expect(detectRecords(session({ eventId: 'c', distanceM: 2010, avgPaceSecPer500m: 118.94, avgPowerW: 208.6 }), bests).records.map((r) => r.measure)).toEqual([
      'longest_distance',
      'best_pace',
      'best_power',
    ]);
  });
});

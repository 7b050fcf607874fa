import { describe, expect, it } from 'vitest';
import { detectRecords } from '../../gateway/achievements/records.js';
import type { ChallengeSession } from '../../gateway/challenges/session-entry.js';
import { demoBaselines } from '../../gateway/screens/demo-baselines.js';

const now = new Date('2026-11-25T10:00:00Z');
const bests = new Map(demoBaselines(now).map((b) => [b.category, b]));
const session = (over: Partial<ChallengeSession>): ChallengeSession => ({
  eventId: 'e1',
  memberId: 'm-anna',
  equipmentType: 'rower',
  startedAt: '2026-11-25T09:55:00Z',
  endedAt: '2026-11-25T10:00:00Z',
  distanceM: 0,
  durationS: 0,
  avgPowerW: null,
  avgPaceSecPer500m: null,
  energyKcal: null,
  prCount: 0,
  ...over,
});

describe('demo baselines', () => {
  it('the simulator’s shortest, easiest workouts already set records (the achievements screen fills in minutes)', () => {
    // 120 s at the simulator's easiest rowing pace (2:08 /500 m, ~167 W): 470 m.
    const row = detectRecords(session({ distanceM: 470, durationS: 120, avgPaceSecPer500m: 128, avgPowerW: 167 }), bests);
    expect(row.records.map((r) => r.measure).sort()).toEqual(['best_power', 'longest_distance', 'longest_time']);
    // A longer row also beats the pace baseline (it needs ≥ 1000 m).
    const longer = detectRecords(session({ distanceM: 1100, durationS: 280, avgPaceSecPer500m: 127, avgPowerW: 170 }), bests);
    expect(longer.records.map((r) => r.measure)).toContain('best_pace');
    // 120 s on a bike at the easiest effort (~200 W, 8.75 m/s): 1050 m.
    const ride = detectRecords(session({ equipmentType: 'bike', distanceM: 1050, durationS: 120, avgPowerW: 199 }), bests);
    expect(ride.records).toHaveLength(3);
  });
});

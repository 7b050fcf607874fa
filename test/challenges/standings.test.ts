import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloudLeaderboardSchema, type CloudChallenge, type CloudLeaderboardInput } from '../../gateway/challenges/cloud-types.js';
import type { ChallengeSession } from '../../gateway/challenges/session-entry.js';
import { computeStandings, goalsReached } from '../../gateway/challenges/standings.js';
import { leaderboardView, type ViewOptions } from '../../gateway/challenges/view.js';
import { challenge, session } from './support.js';

const board = (input: CloudLeaderboardInput) => cloudLeaderboardSchema.parse(input);

function valueOf(c: CloudChallenge, sessions: ChallengeSession[], cloud: CloudLeaderboardInput | null = null, memberId = 'm-anna') {
  const standings = computeStandings({ challenge: c, cloud: cloud ? board(cloud) : null, sessions, timezone: 'UTC' });
  return standings.find((s) => s.memberId === memberId)?.value ?? 0;
}

const names: Record<string, string | null> = { 'm-anna': 'Anna S.', 'm-erik': 'Erik L.', 'm-karin': null, 'm-maja': 'Rowfast' };
const viewOptions: ViewOptions = {
  limit: 25,
  nameOf: (id) => (id in names ? names[id] : undefined),
  rowKey: (id) => `key-${id.length}-${[...id].reverse().join('')}`.replace(/[a-z]/g, 'x'),
  now: new Date('2026-11-15T12:00:00Z'),
  cloudUpdatedAt: null,
};

describe('merging the cloud’s board with this box’s sessions', () => {
  it('adds the sessions the cloud has not counted to its value, and never one it has', () => {
    const c = challenge();
    const counted = session({ eventId: 'counted', distanceM: 5000 });
    const fresh = session({ eventId: 'fresh', distanceM: 2000 });
    const cloud = { leaderboard: [{ rank: 1, member: { id: 'm-anna', name: 'Anna S.' }, value: 20_000 }], countedEventIds: ['counted'] };
    expect(valueOf(c, [counted, fresh], cloud)).toBe(22_000);
    const standing = computeStandings({ challenge: c, cloud: board(cloud), sessions: [counted, fresh], timezone: 'UTC' })[0]!;
    expect(standing.provisionalSessions).toBe(1);
  });

  it('counts every session exactly once however the cloud has caught up (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ distanceM: fc.integer({ min: 1, max: 20_000 }), counted: fc.boolean() }), { maxLength: 30 }),
        (items) => {
          const sessions = items.map((item, i) => session({ eventId: `e${i}`, distanceM: item.distanceM }));
          const countedIds = sessions.filter((_, i) => items[i]!.counted).map((s) => s.eventId);
          const cloudValue = sessions.filter((_, i) => items[i]!.counted).reduce((sum, s) => sum + s.distanceM, 0);
          const cloud = { leaderboard: cloudValue > 0 ? [{ rank: 1, member: { id: 'm-anna', name: null }, value: cloudValue }] : [], countedEventIds: countedIds };
          expect(valueOf(challenge(), sessions, cloud)).toBe(sessions.reduce((sum, s) => sum + s.distanceM, 0));
        },
      ),
    );
  });

  it('counts only sessions that ended inside the challenge', () => {
    const c = challenge({ startDate: '2026-11-01T00:00:00Z', endDate: '2026-11-30' });
    const sessions = [
      session({ endedAt: '2026-10-31T23:59:00Z', distanceM: 1000 }),
      session({ endedAt: '2026-11-30T23:30:00Z', distanceM: 2000 }),
      session({ endedAt: '2026-12-01T00:00:01Z', distanceM: 4000 }),
    ];
    expect(valueOf(c, sessions)).toBe(2000);
  });
});

describe('machine multipliers', () => {
  it('counts a bike’s metres at half, and leaves out a machine at 0 entirely', () => {
    const c = challenge({ machineMultipliers: { bike: 0.5, ski: 0 } });
    const sessions = [
      session({ equipmentType: 'rower', distanceM: 2000 }),
      session({ equipmentType: 'bike', distanceM: 6000 }),
      session({ equipmentType: 'ski', distanceM: 3000 }),
    ];
    expect(valueOf(c, sessions)).toBe(5000);
    const workouts = challenge({ type: 'workouts', metric: 'workout_count', machineMultipliers: { ski: 0 } });
    expect(valueOf(workouts, sessions)).toBe(2);
  });

  it('applies to time challenges too, and reads the cloud’s minutes', () => {
    const c = challenge({ type: 'time', metric: 'cardio_minutes', target: 600, machineMultipliers: { bike: 0.5 } });
    const sessions = [session({ equipmentType: 'bike', durationS: 1200 }), session({ durationS: 600 })];
    const cloud = { leaderboard: [{ rank: 1, member: { id: 'm-anna', name: null }, value: 30 }] };
    expect(valueOf(c, sessions, cloud)).toBe(30 * 60 + 600 + 600);
    expect(leaderboardView(c, [], viewOptions).challenge).toMatchObject({ unit: 's', target: 36_000 });
  });
});

describe('challenge types', () => {
  it('pr_count adds the records each uncounted session set', () => {
    const c = challenge({ type: 'pr_count', metric: 'personal_records', target: null });
    expect(valueOf(c, [session({ prCount: 2 }), session({ prCount: 0 }), session({ prCount: 1 })], { leaderboard: [{ rank: 1, member: { id: 'm-anna', name: null }, value: 4 }] })).toBe(7);
  });

  it('consistency counts active days once: a second session on a day, or a day the cloud counted, adds nothing', () => {
    const c = challenge({ type: 'consistency', metric: 'active_days', target: 20 });
    const sessions = [
      session({ eventId: 'd1', endedAt: '2026-11-10T08:00:00Z' }),
      session({ eventId: 'd1b', endedAt: '2026-11-10T18:00:00Z' }),
      session({ eventId: 'd2', endedAt: '2026-11-11T08:00:00Z' }),
      session({ eventId: 'd3', endedAt: '2026-11-12T08:00:00Z' }),
    ];
    expect(valueOf(c, sessions)).toBe(3);
    const cloud = { leaderboard: [{ rank: 1, member: { id: 'm-anna', name: null }, value: 5 }], countedEventIds: ['d1'] };
    expect(valueOf(c, sessions, cloud)).toBe(5 + 2);
  });

  it('consistency uses the gym’s local days', () => {
    const c = challenge({ type: 'consistency', metric: 'active_days' });
    // 23:30 UTC and 00:30 UTC next day are the same day in New York.
    const sessions = [session({ endedAt: '2026-11-10T23:30:00Z' }), session({ endedAt: '2026-11-11T00:30:00Z' })];
    const standings = computeStandings({ challenge: c, cloud: null, sessions, timezone: 'America/New_York' });
    expect(standings[0]!.value).toBe(1);
  });

  it('improvement: the best gain over the baseline, lower pace being better; the cloud’s baseline wins', () => {
    const c = challenge({ type: 'improvement', metric: 'avg_pace_500m', target: 10 });
    const sessions = [
      session({ endedAt: '2026-11-02T08:00:00Z', avgPaceSecPer500m: 125 }),
      session({ endedAt: '2026-11-05T08:00:00Z', avgPaceSecPer500m: 120 }),
      session({ endedAt: '2026-11-08T08:00:00Z', avgPaceSecPer500m: 122 }),
    ];
    expect(valueOf(c, sessions)).toBeCloseTo(4, 5);
    const cloud = { leaderboard: [{ rank: 1, member: { id: 'm-anna', name: null }, value: 1, baseline: 130 }] };
    expect(valueOf(c, sessions, cloud)).toBeCloseTo((10 / 130) * 100, 5);
    // A metric this box cannot measure: the cloud's value as it is.
    expect(valueOf(challenge({ type: 'improvement', metric: 'vo2max' }), sessions, cloud)).toBe(1);
  });

  it('team: members’ values add up per team; a member on no team scores for none', () => {
    const c = challenge({
      type: 'team',
      metric: 'meters',
      target: 10_000,
      teams: [
        { id: 'red', name: 'Team Red', memberIds: ['m-anna'] },
        { id: 'blue', name: 'Team Blue', memberIds: ['m-erik'] },
      ],
    });
    const cloud = { leaderboard: [{ rank: 1, member: { id: 'm-maja', name: 'Maja B.' }, value: 3000, teamId: 'blue' }] };
    const sessions = [session({ memberId: 'm-anna', distanceM: 4000 }), session({ memberId: 'm-erik', distanceM: 2000 }), session({ memberId: 'm-lina', distanceM: 9000 })];
    const view = leaderboardView(c, computeStandings({ challenge: c, cloud: board(cloud), sessions, timezone: 'UTC' }), viewOptions);
    expect(view.groups).toHaveLength(1);
    expect(view.groups[0]!.rows).toEqual([
      { key: 'team-blue', rank: 1, displayName: 'Team Blue', value: 5000, progress: 50, provisional: true, members: 2 },
      { key: 'team-red', rank: 2, displayName: 'Team Red', value: 4000, progress: 40, provisional: true, members: 1 },
    ]);
  });
});

describe('divisions, ranks and progress', () => {
  const c = challenge({
    target: 10_000,
    divisions: ['Rx', 'Scaled'],
    participants: [
      { memberId: 'm-anna', division: 'Rx' },
      { memberId: 'm-erik', division: 'Scaled' },
      { memberId: 'm-maja' },
      { memberId: 'm-karin', division: 'Rx' },
    ],
  });
  const sessions = [
    session({ memberId: 'm-anna', distanceM: 4000 }),
    session({ memberId: 'm-erik', distanceM: 9000 }),
    session({ memberId: 'm-maja', distanceM: 4000 }),
    session({ memberId: 'm-karin', distanceM: 12_000 }),
    session({ memberId: 'm-lina', distanceM: 50_000 }), // not a participant
  ];
  const view = leaderboardView(c, computeStandings({ challenge: c, cloud: null, sessions, timezone: 'UTC' }), viewOptions);

  it('ranks each division apart; a participant without one is in the first', () => {
    expect(view.groups.map((g) => g.division)).toEqual(['Rx', 'Scaled']);
    expect(view.groups[0]!.rows.map((r) => [r.rank, r.displayName, r.value])).toEqual([
      [1, null, 12_000],
      [2, 'Anna S.', 4000],
      [2, 'Rowfast', 4000],
    ]);
    expect(view.groups[1]!.rows.map((r) => [r.rank, r.displayName])).toEqual([[1, 'Erik L.']]);
  });

  it('shows progress toward the target, capped at 100 %', () => {
    expect(view.groups[0]!.rows.map((r) => r.progress)).toEqual([100, 40, 40]);
    expect(leaderboardView(challenge({ target: null }), computeStandings({ challenge: challenge({ target: null }), cloud: null, sessions, timezone: 'UTC' }), viewOptions).groups[0]!.rows[0]!.progress).toBeNull();
  });

  it('only participants count when the challenge lists them', () => {
    expect(view.participants).toBe(4);
  });

  it('a goal is reached once: when a member’s value crosses the target', () => {
    const before = computeStandings({ challenge: c, cloud: null, sessions: sessions.slice(0, 2), timezone: 'UTC' });
    const after = computeStandings({ challenge: c, cloud: null, sessions: [...sessions.slice(0, 2), session({ memberId: 'm-erik', distanceM: 1000 })], timezone: 'UTC' });
    expect(goalsReached(c, before, after).map((s) => s.memberId)).toEqual(['m-erik']);
    expect(goalsReached(c, after, after)).toEqual([]);
  });
});

describe('privacy', () => {
  const c = challenge({ divisions: [] });
  const cloud = board({
    leaderboard: [
      { rank: 1, member: { id: 'm-far', name: 'Gustav Eriksson' }, value: 30_000 },
      { rank: 2, member: { id: 'm-karin', name: 'Karin Ström' }, value: 20_000 },
      { rank: 3, member: { id: 'm-nameless', name: null }, value: 10_000 },
    ],
  });
  const view = leaderboardView(c, computeStandings({ challenge: c, cloud, sessions: [session({ memberId: 'm-anna', distanceM: 5000 })], timezone: 'UTC' }), viewOptions);
  const json = JSON.stringify(view);

  it('a hidden member keeps their place without a name, and their id never leaves the box', () => {
    const row = view.groups[0]!.rows.find((r) => r.value === 20_000)!;
    expect(row.displayName).toBeNull();
    expect(json).not.toMatch(/Karin|Ström|m-karin|m-anna|m-far/);
  });

  it('a member this box does not know is shown by the cloud’s name in short form only', () => {
    expect(view.groups[0]!.rows.map((r) => r.displayName)).toEqual(['Gustav E.', null, null, 'Anna S.']);
    expect(json).not.toContain('Eriksson');
  });
});

describe('joining', () => {
  it('with autoJoin, a member not listed joins in the first division; without it, they do not count', () => {
    const listed = { participants: [{ memberId: 'm-erik', division: 'Scaled' }], divisions: ['Rx', 'Scaled'] };
    const sessions = [session({ memberId: 'm-anna', distanceM: 1000 }), session({ memberId: 'm-erik', distanceM: 2000 })];
    const open = challenge({ ...listed, autoJoin: true });
    const view = leaderboardView(open, computeStandings({ challenge: open, cloud: null, sessions, timezone: 'UTC' }), viewOptions);
    expect(view.groups.map((g) => [g.division, g.rows.map((r) => r.displayName)])).toEqual([
      ['Rx', ['Anna S.']],
      ['Scaled', ['Erik L.']],
    ]);
    const closed = challenge(listed);
    expect(computeStandings({ challenge: closed, cloud: null, sessions, timezone: 'UTC' }).map((s) => s.memberId)).toEqual(['m-erik']);
  });
});

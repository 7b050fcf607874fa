import { describe, expect, it } from 'vitest';
import { cloudChallengesAnswerSchema, cloudLeaderboardSchema } from '../../gateway/challenges/cloud-types.js';
import { ChallengeStore, type ChallengeChange } from '../../gateway/challenges/store.js';
import { challenge, session, tempDb } from './support.js';

const now = new Date('2026-11-15T12:00:00Z');

describe('ChallengeStore', () => {
  it('replaces the cloud challenges: adds, updates, removes; local ones stay', () => {
    const store = new ChallengeStore(tempDb());
    store.addLocalChallenges([challenge({ id: 'demo-row', name: 'Demo row' })], now);
    expect(store.replaceActiveChallenges([challenge({ id: 'a' }), challenge({ id: 'b' })], now)).toEqual({
      added: 2,
      updated: 0,
      removed: 0,
    });
    expect(store.replaceActiveChallenges([challenge({ id: 'b', name: 'Renamed' }), challenge({ id: 'c' })], now)).toEqual({
      added: 1,
      updated: 1,
      removed: 1,
    });
    expect(store.all().map((s) => [s.challenge.id, s.source]).sort()).toEqual([
      ['b', 'cloud'],
      ['c', 'cloud'],
      ['demo-row', 'local'],
    ]);
    expect(store.challenge('b')?.challenge.name).toBe('Renamed');
  });

  it('drops a removed challenge’s cached leaderboard with it, and refuses a board for an unknown challenge', () => {
    const store = new ChallengeStore(tempDb());
    store.replaceActiveChallenges([challenge({ id: 'a' })], now);
    const board = cloudLeaderboardSchema.parse({ leaderboard: [], totalParticipants: 0 });
    expect(store.putCloudLeaderboard('a', board, now)).toBe(true);
    expect(store.cloudLeaderboard('a')?.fetchedAt).toEqual(now);
    expect(store.putCloudLeaderboard('nope', board, now)).toBe(false);
    store.replaceActiveChallenges([], now);
    expect(store.cloudLeaderboard('a')).toBeNull();
  });

  it('tells listeners on another store over the same database', () => {
    const db = tempDb();
    const listening = new ChallengeStore(db);
    const changes: ChallengeChange[] = [];
    listening.onChange((c) => changes.push(c));
    const writer = new ChallengeStore(db);
    writer.replaceActiveChallenges([challenge({ id: 'a' })], now);
    writer.putCloudLeaderboard('a', cloudLeaderboardSchema.parse({ leaderboard: [] }), now);
    expect(changes).toEqual([{ kind: 'challenges' }, { kind: 'leaderboard', challengeId: 'a' }]);
  });

  it('lists the active challenges of this location only', () => {
    const store = new ChallengeStore(tempDb());
    store.replaceActiveChallenges(
      [
        challenge({ id: 'here', locationIds: ['main'] }),
        challenge({ id: 'everywhere' }),
        challenge({ id: 'elsewhere', locationIds: ['north'] }),
        challenge({ id: 'over', startDate: '2026-10-01', endDate: '2026-10-31' }),
      ],
      now,
    );
    expect(store.active(now, 'main').map((c) => c.id).sort()).toEqual(['everywhere', 'here']);
    // A date-only end date includes that whole day.
    expect(store.active(new Date('2026-11-30T23:59:00Z'), 'main')).toHaveLength(2);
    expect(store.active(new Date('2026-12-01T00:00:00Z'), 'main')).toHaveLength(0);
  });

  it('keeps one row per session eventId, updated when the session is claimed again', () => {
    const store = new ChallengeStore(tempDb());
    const row = session({ eventId: 'e1', memberId: 'm-anna' });
    store.putSession(row);
    store.putSession({ ...row, memberId: 'm-erik' });
    const all = store.sessionsBetween(0, Date.parse('2027-01-01'));
    expect(all).toHaveLength(1);
    expect(all[0]!.memberId).toBe('m-erik');
    expect(store.pruneSessions(new Date('2026-12-01'))).toBe(1);
  });
});

describe('cloud answers', () => {
  it('loads the good challenges of a list and names the field of a bad one', () => {
    const answer = cloudChallengesAnswerSchema.parse({
      items: [
        { id: 'ok', name: 'Row', type: 'distance', metric: 'rowing_meters', startDate: '2026-11-01', endDate: '2026-11-30' },
        { id: 'bad', name: 'Row', type: 'sprint', metric: 'm', startDate: '2026-11-01', endDate: '2026-11-30' },
        { id: 'backwards', name: 'Row', type: 'time', metric: 's', startDate: '2026-11-30', endDate: '2026-11-01' },
      ],
    });
    expect(answer.challenges.map((c) => c.id)).toEqual(['ok']);
    expect(answer.rejected).toEqual([
      { index: 1, id: 'bad', error: expect.stringMatching(/^type: /) },
      { index: 2, id: 'backwards', error: 'endDate: must not be before startDate' },
    ]);
    expect(answer.challenges[0]).toMatchObject({ divisions: [], machineMultipliers: {}, participants: [], target: null });
  });

  it('reads the seed’s leaderboard response, with the extensions optional', () => {
    const board = cloudLeaderboardSchema.parse({
      challenge: { id: 'c', name: 'January 100K Row', endsAt: '2026-01-31T23:59:59Z' },
      leaderboard: [{ rank: 1, member: { id: 'm1', name: 'Anna S.' }, value: 87500, progress: 87.5 }],
      myPosition: { rank: 15, value: 23400, progress: 23.4 },
      totalParticipants: 156,
    });
    expect(board.countedEventIds).toEqual([]);
    expect(board.leaderboard[0]).toMatchObject({ division: null, teamId: null, baseline: null });
  });
});

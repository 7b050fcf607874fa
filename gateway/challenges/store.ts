import { EventEmitter } from 'node:events';
import type { Db } from '../store/database.js';
import { challengeWindow, type CloudChallenge, type CloudLeaderboard } from './cloud-types.js';
import type { ChallengeSession } from './session-entry.js';

export type ChallengeSource = 'cloud' | 'local';

export interface StoredChallenge {
  challenge: CloudChallenge;
  /** `cloud`: pulled (replaced by each pull). `local`: demo or configured here (pulls leave it alone). */
  source: ChallengeSource;
  updatedAt: Date;
}

export interface CachedLeaderboard {
  board: CloudLeaderboard;
  fetchedAt: Date;
}

export type ChallengeChange =
  | { kind: 'challenges' }
  | { kind: 'leaderboard'; challengeId: string }
  | { kind: 'sessions'; memberIds: string[] };

// Every store over the same database shares one emitter, so a pull that writes through its own
// ChallengeStore still moves the screens that listen on another.
const emitters = new WeakMap<Db, EventEmitter<{ change: [ChallengeChange] }>>();
function emitterFor(db: Db) {
  let emitter = emitters.get(db);
  if (!emitter) {
    emitter = new EventEmitter<{ change: [ChallengeChange] }>();
    emitter.setMaxListeners(50);
    emitters.set(db, emitter);
  }
  return emitter;
}

/**
 * The cached challenges, the cloud's leaderboards and this box's sessions not yet counted by the cloud
 * (SQLite, migration 4). The uplink writes what it pulls:
 *
 *   store.replaceActiveChallenges(challenges, now)   // GET /challenges?locationId=&active=true
 *   store.putCloudLeaderboard(challengeId, board, now) // GET /challenges/:id/leaderboard
 *
 * (validate the answers with `cloudChallengesAnswerSchema` / `cloudLeaderboardSchema` from cloud-types.ts).
 * Every write tells `onChange` listeners, which republish the boards.
 */
export class ChallengeStore {
  private readonly emitter;

  constructor(private readonly db: Db) {
    this.emitter = emitterFor(db);
  }

  /**
   * The cloud's list of active challenges replaces the cached cloud challenges: new ones are added, changed ones
   * updated, the ones no longer listed removed with their cached leaderboard. Local (demo) challenges stay; a cloud
   * challenge with a local one's id takes it over. One transaction.
   */
  replaceActiveChallenges(challenges: CloudChallenge[], now: Date): { added: number; updated: number; removed: number } {
    const result = { added: 0, updated: 0, removed: 0 };
    const ids = new Set(challenges.map((c) => c.id));
    this.db.transaction(() => {
      const existing = new Map(
        (this.db.prepare('SELECT id, source FROM challenges').all() as Array<{ id: string; source: ChallengeSource }>).map(
          (row) => [row.id, row.source],
        ),
      );
      const put = this.db.prepare(
        `INSERT INTO challenges (id, source, data, updated_at) VALUES (?, 'cloud', ?, ?)
         ON CONFLICT (id) DO UPDATE SET source = 'cloud', data = excluded.data, updated_at = excluded.updated_at`,
      );
      for (const challenge of challenges) {
        put.run(challenge.id, JSON.stringify(challenge), now.getTime());
        if (existing.has(challenge.id)) result.updated++;
        else result.added++;
      }
      const drop = this.db.prepare('DELETE FROM challenges WHERE id = ?');
      for (const [id, source] of existing) {
        if (source === 'cloud' && !ids.has(id)) {
          drop.run(id);
          result.removed++;
        }
      }
    })();
    this.emitter.emit('change', { kind: 'challenges' });
    return result;
  }

  /** Caches the cloud's leaderboard of a known challenge; returns false (and keeps nothing) for an unknown one. */
  putCloudLeaderboard(challengeId: string, board: CloudLeaderboard, now: Date): boolean {
    const known = this.db.prepare('SELECT 1 FROM challenges WHERE id = ?').get(challengeId);
    if (!known) return false;
    this.db
      .prepare(
        `INSERT INTO challenge_leaderboards (challenge_id, data, fetched_at) VALUES (?, ?, ?)
         ON CONFLICT (challenge_id) DO UPDATE SET data = excluded.data, fetched_at = excluded.fetched_at`,
      )
      .run(challengeId, JSON.stringify(board), now.getTime());
    this.emitter.emit('change', { kind: 'leaderboard', challengeId });
    return true;
  }

  /** Adds local challenges (demo data) whose ids are not stored yet; returns how many were added. */
  addLocalChallenges(challenges: CloudChallenge[], now: Date): number {
    const insert = this.db.prepare(
      `INSERT INTO challenges (id, source, data, updated_at) VALUES (?, 'local', ?, ?) ON CONFLICT (id) DO NOTHING`,
    );
    let added = 0;
    this.db.transaction(() => {
      for (const challenge of challenges) added += insert.run(challenge.id, JSON.stringify(challenge), now.getTime()).changes;
    })();
    if (added > 0) this.emitter.emit('change', { kind: 'challenges' });
    return added;
  }

  challenge(id: string): StoredChallenge | null {
    const row = this.db.prepare('SELECT source, data, updated_at FROM challenges WHERE id = ?').get(id) as
      | { source: ChallengeSource; data: string; updated_at: number }
      | undefined;
    return row ? { challenge: JSON.parse(row.data) as CloudChallenge, source: row.source, updatedAt: new Date(row.updated_at) } : null;
  }

  all(): StoredChallenge[] {
    const rows = this.db.prepare('SELECT source, data, updated_at FROM challenges').all() as Array<{
      source: ChallengeSource;
      data: string;
      updated_at: number;
    }>;
    return rows.map((row) => ({
      challenge: JSON.parse(row.data) as CloudChallenge,
      source: row.source,
      updatedAt: new Date(row.updated_at),
    }));
  }

  /** Challenges running at `now` for this location (empty `locationIds` = every location), soonest-ending first. */
  active(now: Date, locationId: string): CloudChallenge[] {
    const t = now.getTime();
    return this.all()
      .map((s) => s.challenge)
      .filter((c) => {
        const { start, end } = challengeWindow(c);
        return start <= t && t <= end && (c.locationIds.length === 0 || c.locationIds.includes(locationId));
      })
      .sort((a, b) => challengeWindow(a).end - challengeWindow(b).end || a.name.localeCompare(b.name));
  }

  cloudLeaderboard(challengeId: string): CachedLeaderboard | null {
    const row = this.db
      .prepare('SELECT data, fetched_at FROM challenge_leaderboards WHERE challenge_id = ?')
      .get(challengeId) as { data: string; fetched_at: number } | undefined;
    return row ? { board: JSON.parse(row.data) as CloudLeaderboard, fetchedAt: new Date(row.fetched_at) } : null;
  }

  /** Records (or, when claimed later, updates) a member's session; idempotent per eventId. */
  putSession(session: ChallengeSession): void {
    this.db
      .prepare(
        `INSERT INTO leaderboard_sessions (event_id, member_id, equipment_type, ended_at, data) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (event_id) DO UPDATE SET member_id = excluded.member_id, equipment_type = excluded.equipment_type,
           ended_at = excluded.ended_at, data = excluded.data`,
      )
      .run(session.eventId, session.memberId, session.equipmentType, Date.parse(session.endedAt), JSON.stringify(session));
    this.emitter.emit('change', { kind: 'sessions', memberIds: [session.memberId] });
  }

  hasSession(eventId: string): boolean {
    return this.db.prepare('SELECT 1 FROM leaderboard_sessions WHERE event_id = ?').get(eventId) !== undefined;
  }

  session(eventId: string): ChallengeSession | null {
    const row = this.db.prepare('SELECT data FROM leaderboard_sessions WHERE event_id = ?').get(eventId) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as ChallengeSession) : null;
  }

  /** Sessions that ended within [from, to] (inclusive), oldest first. */
  sessionsBetween(from: number, to: number): ChallengeSession[] {
    const rows = this.db
      .prepare('SELECT data FROM leaderboard_sessions WHERE ended_at BETWEEN ? AND ? ORDER BY ended_at, event_id')
      .all(from, to) as Array<{ data: string }>;
    return rows.map((row) => JSON.parse(row.data) as ChallengeSession);
  }

  /** Drops sessions that ended before `before` (no running challenge can count them any more). */
  pruneSessions(before: Date): number {
    return this.db.prepare('DELETE FROM leaderboard_sessions WHERE ended_at < ?').run(before.getTime()).changes;
  }

  onChange(listener: (change: ChallengeChange) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }
}


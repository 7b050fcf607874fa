import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cloudChallengeSchema, type CloudChallenge, type CloudChallengeInput } from '../../gateway/challenges/cloud-types.js';
import type { ChallengeSession } from '../../gateway/challenges/session-entry.js';
import type { Db } from '../../gateway/store/database.js';
import { migrate } from '../../gateway/store/database.js';

/** A real SQLite file in a temp dir with every migration applied. */
export function tempDb(): Db {
  const dir = mkdtempSync(path.join(tmpdir(), 'floorgate-challenges-'));
  const db = new Database(path.join(dir, 'floorgate.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

/** A November distance challenge; override what a test is about. */
export function challenge(overrides: Partial<CloudChallengeInput> = {}): CloudChallenge {
  return cloudChallengeSchema.parse({
    id: 'c-row',
    name: 'November 100K Row',
    type: 'distance',
    metric: 'rowing_meters',
    target: 100_000,
    startDate: '2026-11-01T00:00:00Z',
    endDate: '2026-11-30',
    ...overrides,
  });
}

let counter = 0;
/** A member's 2 km row that ended at `endedAt`; override what a test is about. */
export function session(overrides: Partial<ChallengeSession> = {}): ChallengeSession {
  counter++;
  return {
    eventId: `ev-${counter}`,
    memberId: 'm-anna',
    equipmentType: 'rower',
    startedAt: '2026-11-10T09:00:00Z',
    endedAt: '2026-11-10T09:08:00Z',
    distanceM: 2000,
    durationS: 480,
    avgPowerW: 200,
    avgPaceSecPer500m: 120,
    energyKcal: 120,
    prCount: 0,
    ...overrides,
  };
}

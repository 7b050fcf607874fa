/**
 * Check-in: decision + durable commit (WAL, synchronous=FULL) latency over 10k check-ins,
 * through the same desk every reader and screen uses. Target p99 ≤ 2 ms.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startGateway } from '../gateway/app.js';
import { loadConfig } from '../gateway/config/load.js';
import type { Member } from '../gateway/members/member.js';
import { createLogger } from '../gateway/log.js';
import { RosterStore } from '../gateway/members/roster-store.js';
import { percentile, report } from './report.js';

const CHECKINS = 10_000;
const dataDir = mkdtempSync(path.join(tmpdir(), 'floorgate-bench-'));
const config = loadConfig({ env: { FLOORGATE_DATA_DIR: dataDir, FLOORGATE_SIMULATOR: 'off', HOST: '127.0.0.1' }, cwd: dataDir });
config.port = 0;
config.checkin.antiPassbackMinutes = 0;

const gateway = await startGateway(config, { log: createLogger('silent') });
const members: Member[] = Array.from({ length: 2_000 }, (_, i) => ({
  id: `b-${i}`,
  name: `Bench Member${i}`,
  badgeIds: [(0x10000 + i).toString(16)],
  membership: { status: i % 10 === 0 ? 'expired' : 'active', validUntil: null },
  waiverSigned: true,
  privacy: { leaderboard: 'name' },
}));
new RosterStore(gateway.db, config.checkin.badgeFormat).upsert(members, new Date());

const samples: number[] = [];
for (let i = 0; i < CHECKINS; i++) {
  const badge = i % 50 === 49 ? 'FFFFFFF' : members[i % members.length]!.badgeIds[0]!;
  const start = process.hrtime.bigint();
  gateway.checkIns.decideAndCommit({ badge, method: 'badge', source: 'bench' });
  samples.push(Number(process.hrtime.bigint() - start) / 1e6);
}
await gateway.close();
rmSync(dataDir, { recursive: true, force: true });

samples.sort((a, b) => a - b);

// The floor under any durable commit: one tiny row per fsync'ed WAL commit on this same disk.
const floorDir = mkdtempSync(path.join(tmpdir(), 'floorgate-bench-floor-'));
const raw = new Database(path.join(floorDir, 'floor.db'));
raw.pragma('journal_mode = WAL');
raw.pragma('synchronous = FULL');
raw.exec('CREATE TABLE t (v TEXT)');
const insert = raw.prepare('INSERT INTO t VALUES (?)');
const floor: number[] = [];
for (let i = 0; i < 3_000; i++) {
  const start = process.hrtime.bigint();
  insert.run('x');
  floor.push(Number(process.hrtime.bigint() - start) / 1e6);
}
raw.close();
rmSync(floorDir, { recursive: true, force: true });
floor.sort((a, b) => a - b);

report('check-in decision + durable commit', [
  ['check-ins', CHECKINS, ''],
  ['p50', percentile(samples, 0.5), 'ms'],
  ['p99', percentile(samples, 0.99), 'ms', { target: 2, better: 'lower' }],
  ['max', samples[samples.length - 1]!, 'ms'],
  ['disk floor: bare fsync commit p50', percentile(floor, 0.5), 'ms'],
  ['disk floor: bare fsync commit p99', percentile(floor, 0.99), 'ms'],
]);

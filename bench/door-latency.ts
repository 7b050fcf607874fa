/**
 * Badge → door output: from a reader handing over a badge to the Shelly relay receiving `Switch.Set`, through
 * the whole check-in path (decide, durable commit, the doors follow-up) and a digest-auth login, against a
 * Shelly Gen2 double on loopback. Target p95 ≤ 100 ms: the door must open before the member reaches the handle.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startGateway } from '../gateway/app.js';
import { loadConfig } from '../gateway/config/load.js';
import type { DeviceAdapter, DeviceSink } from '../gateway/devices/types.js';
import { createLogger } from '../gateway/log.js';
import type { Member } from '../gateway/members/member.js';
import { RosterStore } from '../gateway/members/roster-store.js';
import { FakeDoor, shellyGen2WithPassword } from '../test/support/fake-door.js';
import { percentile, report } from './report.js';

const BADGES = 1_000;
const PASSWORD = 'bench-shelly-password';

const shelly = await new FakeDoor().start();
shellyGen2WithPassword(shelly, PASSWORD);
const checkAuth = shelly.respond;
let arrived: (() => void) | null = null;
shelly.respond = (request, response) => {
  checkAuth(request, response);
  if (response.statusCode === 200) arrived?.();
};

const dataDir = mkdtempSync(path.join(tmpdir(), 'floorgate-bench-door-'));
const passwordFile = path.join(dataDir, 'shelly-password');
writeFileSync(passwordFile, PASSWORD);
chmodSync(passwordFile, 0o600);
const config = loadConfig({ env: { FLOORGATE_DATA_DIR: dataDir, FLOORGATE_SIMULATOR: 'off', HOST: '127.0.0.1' }, cwd: dataDir });
config.port = 0;
config.checkin.antiPassbackMinutes = 0;
config.doors = [{ id: 'front', openOn: ['entrance'], openSeconds: 5, timeoutMs: 2000, output: { kind: 'shelly', url: shelly.url, generation: 2, channel: 0, user: 'admin', password: { file: passwordFile } } }];

let sink: DeviceSink | null = null;
const reader: DeviceAdapter = { id: 'entrance', start: async (s) => void (sink = s), stop: async () => undefined, status: () => [] };
const gateway = await startGateway(config, { log: createLogger('silent'), adapters: [reader] });
const members: Member[] = Array.from({ length: 500 }, (_, i) => ({
  id: `d-${i}`,
  name: `Door Member${i}`,
  badgeIds: [(0x20000 + i).toString(16)],
  membership: { status: 'active', validUntil: null },
  waiverSigned: true,
  privacy: { leaderboard: 'name' },
}));
new RosterStore(gateway.db, config.checkin.badgeFormat).upsert(members, new Date());

let openings = 0;
gateway.doors.on('opening', () => void openings++);
const samples: number[] = [];
for (let i = 0; i < BADGES; i++) {
  const opened = new Promise<void>((resolve) => (arrived = resolve));
  const start = performance.now();
  sink!.badge({ badge: members[i % members.length]!.badgeIds[0]!, method: 'badge', source: 'entrance' });
  await opened;
  samples.push(performance.now() - start);
}
// The last answer reaches the gateway after the Shelly saw the request: wait for its fact.
if (openings < BADGES) await new Promise<void>((resolve) => gateway.doors.on('opening', () => openings >= BADGES && resolve()));
const openedFacts = () => gateway.db.prepare("SELECT count(*) FROM journal WHERE type = 'door_opened' AND payload LIKE '%\"opened\"%'").pluck().get() as number;
const facts = openedFacts();
// The doors' own share: from the follow-up starting to the Shelly's answer (the fact's latencyMs).
const roundTrips = (gateway.db.prepare("SELECT json_extract(payload, '$.latencyMs') FROM journal WHERE type = 'door_opened'").pluck().all() as number[]).sort((a, b) => a - b);
await gateway.close();
await shelly.stop();
rmSync(dataDir, { recursive: true, force: true });

samples.sort((a, b) => a - b);
report(`door: badge → Shelly Gen2 Switch.Set (digest auth, loopback), ${BADGES} badges`, [
  ['p50', percentile(samples, 0.5), 'ms'],
  ['p95', percentile(samples, 0.95), 'ms', { target: 100, better: 'lower' }],
  ['p99', percentile(samples, 0.99), 'ms'],
  ['max', samples.at(-1)!, 'ms'],
  ['Shelly round trip p50', percentile(roundTrips, 0.5), 'ms'],
  ['Shelly round trip p95', percentile(roundTrips, 0.95), 'ms'],
  ['door_opened facts (opened)', facts, 'facts'],
]);

/**
 * Equipment ingest: samples per second through the whole path a PM's answer takes — CSAFE frame decode
 * (codec) → session detector and pairing (SessionService) → SQLite (journal + outbox + session row + 1 Hz
 * samples, synchronous=FULL, every time a session ends). 50 machines at 4 Hz on a virtual time line: 10 min
 * rows with 25 s rests, so a session ends (and is written) every 2,500 samples per machine.
 * Target ≥ 50,000 samples/s. Bounded: at most BENCH_INGEST_SAMPLES samples (default 1,000,000) or 60 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startGateway } from '../gateway/app.js';
import { loadConfig } from '../gateway/config/load.js';
import { manualClock } from '../gateway/time/clock.js';
import { createLogger } from '../gateway/log.js';
import { encodeFrame } from '../gateway/protocols/csafe/frame.js';
import { decodeCsafeResponse } from '../gateway/protocols/csafe/response.js';
import { report } from './report.js';

const MACHINES = 50;
const HZ = 4;
const ROW_FRAMES = 10 * 60 * HZ;
const REST_FRAMES = 25 * HZ;
const MAX_SAMPLES = Number(process.env.BENCH_INGEST_SAMPLES ?? 1_000_000);
const MAX_SECONDS = 60;

const u16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
const u32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];

/** One workout as a PM answers the gateway's poll, frame by frame: a 10 min row, then a rest with totals held. */
function workoutFrames(): Buffer[] {
  const frames: Buffer[] = [];
  let toggle = 0;
  const frame = (state: number, timeS: number, distanceM: number, paceSPerKm: number, spm: number, watts: number, kcal: number, hr: number) => {
    toggle ^= 1;
    const contents = [
      (toggle << 7) | state,
      ...[0x1a, 14, 0xa0, 5, ...u32(Math.round(timeS * 100)), 0, 0xa3, 5, ...u32(Math.round(distanceM * 10)), 0],
      ...[0xa6, 3, ...u16(paceSPerKm), 0x39],
      ...[0xa7, 3, ...u16(spm), 0x54],
      ...[0xb4, 3, ...u16(watts), 0x58],
      ...[0xa3, 2, ...u16(kcal)],
      ...[0xb0, 1, hr],
    ];
    frames.push(encodeFrame(Uint8Array.from(contents)));
  };
  for (let i = 1; i <= ROW_FRAMES; i++) {
    const t = i / HZ;
    const watts = 180 + ((i * 37) % 60);
    frame(5, t, t * 4.1, 244, 24 + (i % 5), watts, Math.floor(t / 4), 120 + Math.floor(t / 15));
  }
  const endT = ROW_FRAMES / HZ;
  for (let i = 0; i < REST_FRAMES; i++) frame(6, endT, endT * 4.1, 0, 0, 0, Math.floor(endT / 4), 0);
  return frames;
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'floorgate-bench-ingest-'));
const config = loadConfig({ env: { FLOORGATE_DATA_DIR: dataDir, FLOORGATE_SIMULATOR: 'off', HOST: '127.0.0.1', FLOORGATE_LOG_LEVEL: 'silent' }, cwd: dataDir });
config.port = 0;
config.sessions.idleTimeoutS = 20;
const clock = manualClock('2026-01-05T06:00:00.000Z');
const gateway = await startGateway(config, { log: createLogger('silent'), clock });
const sessions = gateway.sessions;

const frames = workoutFrames();
const names = Array.from({ length: MACHINES }, (_, m) => `Rower ${m + 1}`);
const t0 = clock.now().getTime();
let samples = 0;
let undecodable = 0;
let ended = 0;
gateway.floor.on('session', () => ended++);

const started = process.hrtime.bigint();
const deadline = Date.now() + MAX_SECONDS * 1000;
outer: for (let step = 0; ; step++) {
  const frame = frames[step % frames.length]!;
  const at = new Date(t0 + (step * 1000) / HZ);
  for (let m = 0; m < MACHINES; m++) {
    const decoded = decodeCsafeResponse(frame);
    if (!decoded.ok) {
      undecodable++;
      continue;
    }
    sessions.ingest({ equipmentId: `rower-${m + 1}`, name: names[m]!, kind: 'rower', at, metrics: decoded.value.metrics });
    samples++;
  }
  if (samples >= MAX_SAMPLES || (step % 400 === 0 && Date.now() > deadline)) break outer;
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;

const endedDuringRun = ended;
const stored = gateway.db.prepare('SELECT count(*) AS sessions, (SELECT count(*) FROM session_samples) AS samples FROM equipment_sessions').get() as {
  sessions: number;
  samples: number;
};
await gateway.close();
rmSync(dataDir, { recursive: true, force: true });

report('equipment ingest: CSAFE decode → sessions → SQLite (50 machines at 4 Hz, virtual time)', [
  ['samples', samples, ''],
  ['wall time', seconds, 's'],
  ['throughput', Math.round(samples / seconds), 'samples/s', { target: 50_000, better: 'higher' }],
  ['sessions ended + journaled', endedDuringRun, ''],
  ['sessions in SQLite', stored.sessions, ''],
  ['1 Hz samples in SQLite', stored.samples, ''],
  ['undecodable frames', undecodable, ''],
]);

/**
 * Status with a long queue: 1M pending events (the "one status call stalls the box").
 * `/api/status` and `/metrics` read counters kept by triggers plus one indexed row per event type,
 * so their cost does not grow with the queue. Targets: status p99 ≤ 5 ms; check-in p99 while
 * status is polled 10×/s no worse than without (ratio ≈ 1).
 * `status()` is timed in process; the HTTP figures come from the gateway as the box runs it (`floorgate start`, a
 * child process) with this script as its clients, so a client's own work never shares the gateway's event loop.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from 'undici';
import { v7 as uuidv7 } from 'uuid';
import { startGateway } from '../gateway/app.js';
import { loadConfig } from '../gateway/config/load.js';
import { createLogger } from '../gateway/log.js';
import { openDatabase } from '../gateway/store/database.js';
import { PRIORITY, type EventType } from '../gateway/store/journal.js';
import { freePort, killChild, startChildGateway, writeConfig } from '../test/support/child-gateway.js';
import { percentile, report } from './report.js';

const PENDING = Number(process.env.BENCH_PENDING ?? 1_000_000);
/**
 * Each HTTP phase lasts this long: 60 s, 600 polls at 10×/s, so a p99 is the seventh-slowest answer. With 300 polls it
 * was the fourth, and on this 2-vCPU VM a few stalls of the host (check-ins' own p99 tripled in the same runs) moved it
 * past 5 ms in some runs and not in others.
 */
const PHASE_MS = Number(process.env.BENCH_STATUS_PHASE_MS ?? 60_000);
const SETTLE_MS = 15_000;
const dataDir = mkdtempSync(path.join(tmpdir(), 'floorgate-bench-status-'));

// A box that was offline for a long while: 1M pending events, one check-in for every nine telemetry.
const fillStart = performance.now();
{
  const { db } = openDatabase(dataDir);
  const journal = db.prepare('INSERT INTO journal (event_id, type, occurred_at, payload) VALUES (?, ?, ?, ?)');
  const outbox = db.prepare('INSERT INTO outbox (seq, priority) VALUES (?, ?)');
  const produced = db.prepare('INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = value + excluded.value');
  const t0 = Date.now() - 30 * 86_400_000;
  const perType = new Map<EventType, number>();
  const payload = JSON.stringify({ equipmentId: 'row-1', summary: { distanceM: 2000, durationS: 480, avgPowerW: 180 } });
  for (let batch = 0; batch < PENDING; batch += 50_000) {
    db.transaction(() => {
      for (let i = batch; i < Math.min(PENDING, batch + 50_000); i++) {
        const type: EventType = i % 10 === 0 ? 'check_in' : i % 10 < 8 ? 'equipment_session' : 'device_status';
        const { lastInsertRowid } = journal.run(uuidv7(), type, t0 + i * 2_000, payload);
        outbox.run(lastInsertRowid, PRIORITY[type]);
        perType.set(type, (perType.get(type) ?? 0) + 1);
      }
    })();
  }
  for (const [type, n] of perType) produced.run(`produced:${type}`, n);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
const fillS = (performance.now() - fillStart) / 1000;

const settings = {
  checkin: { antiPassbackMinutes: 0 },
  simulator: { enabled: true, rowers: 0, bikes: 0, heartRateStraps: 0, tapsPerMinute: 0 },
  storage: { telemetryQuotaMB: 900 }, // the bench queue stays whole
};
const config = loadConfig({ env: { FLOORGATE_DATA_DIR: dataDir, FLOORGATE_SIMULATOR_TAPS_PER_MINUTE: '0', HOST: '127.0.0.1' }, cwd: dataDir });
config.port = 0;
config.checkin.antiPassbackMinutes = settings.checkin.antiPassbackMinutes;
Object.assign(config.simulator, settings.simulator);
config.storage.telemetryQuotaMB = settings.storage.telemetryQuotaMB;
const gateway = await startGateway(config, { log: createLogger('silent') });

// The scan status used to run, timed once for comparison.
const scanStart = performance.now();
gateway.db
  .prepare(
    `SELECT j.type AS type, count(*) AS n, min(j.occurred_at) AS oldest FROM outbox o JOIN journal j ON j.seq = o.seq
     WHERE o.state = 'pending' GROUP BY j.type`,
  )
  .all();
const scanMs = performance.now() - scanStart;

// Status built in process, 1,000 times; its CPU time too (wall-clock p99 on a shared box is mostly preemption).
const statusMs: number[] = [];
const statusCpuStart = process.cpuUsage();
for (let i = 0; i < 1_000; i++) {
  const start = performance.now();
  gateway.status();
  statusMs.push(performance.now() - start);
}
const statusCpu = process.cpuUsage(statusCpuStart);
const statusCpuMs = (statusCpu.user + statusCpu.system) / 1000 / 1_000;
statusMs.sort((a, b) => a - b);
// The queue part alone (what used to scan), and CPU time per status: wall-clock p99 on a shared box is mostly preemption.
const statsMs: number[] = [];
const cpuStart = process.cpuUsage();
for (let i = 0; i < 1_000; i++) {
  const start = performance.now();
  gateway.outbox.stats();
  statsMs.push(performance.now() - start);
}
const cpu = process.cpuUsage(cpuStart);
const statsCpuMs = (cpu.user + cpu.system) / 1000 / 1_000;
statsMs.sort((a, b) => a - b);
const depth = gateway.status().queue.depth;
await gateway.close();

// The HTTP part: the gateway as a child process, as it runs on the box.
const child = await startChildGateway({ port: await freePort(), dataDir, configFile: writeConfig(dataDir, settings) });

// The reader's keep-alive connection (undici's Client: light on this side's CPU, which shares the machine's two cores
// with the gateway). The dashboard's is in the poller's process.
const readerConnection = new Client(child.url);
async function post(badge: string): Promise<number> {
  const answer = await readerConnection.request({ method: 'POST', path: '/api/checkins', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ badge }) });
  await answer.body.dump();
  return answer.statusCode;
}
const badges = ['1001', '1002', '1003', '1004', '1010', '1011', '1012', '1013'];
async function checkIns(): Promise<number[]> {
  const out: number[] = [];
  for (const badge of badges) await post(badge); // warm-up, not counted
  const until = performance.now() + PHASE_MS;
  for (let i = 0; performance.now() < until; i++) {
    const start = performance.now();
    const status = await post(badges[i % badges.length]!);
    if (status !== 200) throw new Error(`check-in answered ${status}`);
    out.push(performance.now() - start);
  }
  return out.sort((a, b) => a - b);
}

/** The dashboard: a process of its own (bench/status-poller.mjs), asked over IPC, one answer per ask. */
const poller = fork(fileURLToPath(new URL('./status-poller.mjs', import.meta.url)), [child.url]);
function ask<T>(question: object): Promise<T> {
  return new Promise((resolve, reject) => {
    const exited = (code: number | null) => reject(new Error(`the poller exited (code ${code}) before it answered`));
    poller.once('exit', exited);
    poller.once('message', (answer: T & { error?: string }) => {
      poller.off('exit', exited);
      if (answer.error) reject(new Error(answer.error));
      else resolve(answer);
    });
    poller.send(question);
  });
}
/** Polls `routes` in turn, 10 times a second in all. */
const poll = async (routes: string[], count: number) =>
  (await ask<{ timings: Record<string, number[]> }>({ poll: { routes, everyMs: 100, count } })).timings;

// Each route's first call compiles its schemas (fastify's compilers load on first use) and the first /metrics scrape
// loads prom-client (gateway/status/prometheus.ts); V8 optimizes a route's code after a few hundred answers (before
// that, answers take ~2× as long: measured, the first seconds of polling held most of the slow ones), and the
// poller's HTTP client's code likewise. A box whose dashboard has been polling is past all that: warmed up before,
// not counted.
await ask({ warm: { routes: ['/api/status', '/metrics'], count: 2_000 } });
// Status and metrics over HTTP, 10 times a second in all, on the box with its 1M pending events and nothing else
// asking: the target (status p99 ≤ 5 ms with 1M pending). Measured on a box that has settled: in its first
// ~15 s V8 collects the start-up's garbage (incremental marking, 5–8 ms pauses), once.
await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
const alone = await poll(['/api/status', '/metrics'], Math.floor(PHASE_MS / 100));
const aloneMs = { status: alone['/api/status']!.sort((a, b) => a - b), metrics: alone['/metrics']!.sort((a, b) => a - b) };
const aloneAll = [...aloneMs.status, ...aloneMs.metrics].sort((a, b) => a - b);
const quiet = await checkIns();
// The same polls while check-ins run back to back (~1,000/s here: far past what the rate limit lets readers send),
// for the check-in side of the target (p99 unchanged). A poll that arrives during a check-in's commit (fsync,
// synchronous = FULL, on the one event loop) or the collection of its garbage waits for it.
const polling = poll(['/api/status', '/metrics'], Math.floor(PHASE_MS / 100));
const polled = await checkIns();
const answered = await polling;
const polledMs = { status: answered['/api/status']!, metrics: answered['/metrics']! };
const polledAll = [...polledMs.status, ...polledMs.metrics].sort((a, b) => a - b);
polledMs.status.sort((a, b) => a - b);
polledMs.metrics.sort((a, b) => a - b);

poller.disconnect();
await readerConnection.close();
await killChild(child, 'SIGTERM');
rmSync(dataDir, { recursive: true, force: true });

report(`status with ${PENDING.toLocaleString('en')} pending events`, [
  ['queue depth seen by status', depth, 'events'],
  ['fill time (bench setup)', fillS, 's'],
  ['old scan (GROUP BY), once', scanMs, 'ms'],
  ['status() p50', percentile(statusMs, 0.5), 'ms'],
  ['status() p99', percentile(statusMs, 0.99), 'ms', { target: 5, better: 'lower' }],
  ['status() CPU per call', statusCpuMs, 'ms'],
  ['scan / status() p99', scanMs / percentile(statusMs, 0.99), '×'],
  ['outbox.stats() p50', percentile(statsMs, 0.5), 'ms'],
  ['outbox.stats() p99', percentile(statsMs, 0.99), 'ms', { target: 5, better: 'lower' }],
  ['outbox.stats() CPU per call', statsCpuMs, 'ms'],
  ['HTTP status+metrics polls', aloneAll.length, ''],
  ['HTTP status/metrics p99', percentile(aloneAll, 0.99), 'ms', { target: 5, better: 'lower' }],
  ['  /api/status p50', percentile(aloneMs.status, 0.5), 'ms'],
  ['  /api/status p99', percentile(aloneMs.status, 0.99), 'ms'],
  ['  /metrics p50', percentile(aloneMs.metrics, 0.5), 'ms'],
  ['  /metrics p99', percentile(aloneMs.metrics, 0.99), 'ms'],
  ['polls during check-ins', polledAll.length, ''],
  ['  /api/status p50', percentile(polledMs.status, 0.5), 'ms'],
  ['  /api/status p99', percentile(polledMs.status, 0.99), 'ms'],
  ['  /metrics p50', percentile(polledMs.metrics, 0.5), 'ms'],
  ['  /metrics p99', percentile(polledMs.metrics, 0.99), 'ms'],
  ['check-ins, quiet', quiet.length, ''],
  ['check-ins, polled', polled.length, ''],
  ['check-in p50, quiet', percentile(quiet, 0.5), 'ms'],
  ['check-in p99, quiet', percentile(quiet, 0.99), 'ms'],
  ['check-in p99, polled 10×/s', percentile(polled, 0.99), 'ms'],
  ['polled / quiet p99', percentile(polled, 0.99) / percentile(quiet, 0.99), '×', { target: 1.25, better: 'lower' }],
]);

/**
 * N gyms' floor traffic against one broker, Debian's Mosquitto and the embedded Aedes broker side by side
 * (docs/scale.md quotes the figures). Per gym: 3 boxes × 50 machines at 4 Hz (QoS 0 readings), an evening rush of
 * a check-in every 2 s (QoS 1 facts, admissions, retained occupancy and machine state), retained presence
 * with a last will; every box subscribes to its floor as the gateway does, so each reading is delivered 3 times.
 * Each broker runs in its own process (CPU from /proc/<pid>/stat, RSS from /proc/<pid>/status); the load runs in
 * 1–2 other processes (bench/floor-traffic.ts), whose CPU is printed too: when they saturate, the figures are theirs.
 * `raw` runs: no accounts (Mosquitto allow_anonymous; Aedes without hooks). `as shipped` (N = 1): Mosquitto with a
 * password file and a per-box ACL, and the embedded broker with scrypt accounts and its ACL.
 * TCP_NODELAY is on everywhere (Mosquitto `set_tcp_nodelay true`, the embedded broker, the clients): with Nagle,
 * a box's burst of readings waits for delayed ACKs, ~20 ms each; BENCH_FLOOR_NODELAY=0 shows it.
 * BENCH_FLOOR_GYMS (default "1,10,50"), BENCH_FLOOR_BROKER_SECONDS (default 10).
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashPassword } from '../gateway/floor/broker-accounts.js';
import { startAedesChild } from './aedes-child.js';
import { startMosquitto } from './mosquitto.js';
import type { TrafficPlan, TrafficResult } from './floor-traffic.js';
import { cpuTicks, memoryMb, TICKS_PER_SECOND } from './proc-stats.js';
import { percentile, report } from './report.js';

const GYM_COUNTS = (process.env.BENCH_FLOOR_GYMS ?? '1,10,50').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_FLOOR_BROKER_SECONDS ?? 10);
const BOXES = 3;
const MACHINES = 50;
const HZ = 4;
const FACT_EVERY_S = 2;
const NO_DELAY = process.env.BENCH_FLOOR_NODELAY !== '0';
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

interface RunningBroker {
  name: string;
  url: string;
  pid: number;
  passwordFor?: Record<string, string>;
  stop(): Promise<void>;
}

const boxIds = Array.from({ length: BOXES }, (_, i) => `box-${i + 1}`);
const passwords = Object.fromEntries(boxIds.map((id) => [id, `${id}-bench-password`]));

async function mosquitto(secured: boolean): Promise<RunningBroker> {
  const broker = await startMosquitto({ accounts: secured ? passwords : undefined, noDelay: NO_DELAY });
  return { ...broker, name: secured ? 'mosquitto, as shipped' : 'mosquitto', passwordFor: secured ? passwords : undefined };
}

async function aedes(shippedFor: string | null): Promise<RunningBroker> {
  if (!shippedFor) return { ...(await startAedesChild({ mode: 'raw', noDelay: NO_DELAY })), name: 'Aedes' };
  const dir = mkdtempSync(path.join(tmpdir(), 'floorgate-bench-aedes-'));
  const accountsFile = path.join(dir, 'accounts.json');
  const accounts = await Promise.all(Object.entries(passwords).map(async ([user, password]) => ({ user, role: 'box', passwordHash: await hashPassword(password) })));
  writeFileSync(accountsFile, JSON.stringify({ accounts }), { mode: 0o600 });
  const broker = await startAedesChild({ mode: 'embedded', accountsFile, locationId: shippedFor });
  return {
    ...broker,
    name: 'embedded (Aedes), as shipped',
    passwordFor: passwords,
    async stop() {
      await broker.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function runLoad(broker: RunningBroker, gyms: string[]) {
  const workers = gyms.length >= 10 ? 2 : 1;
  const children = Array.from({ length: workers }, () => fork(path.join(here, 'floor-traffic.ts'), [], { cwd: root, execArgv: ['--import', 'tsx'] }));
  const ready = children.map((child) => new Promise<void>((resolve) => child.on('message', (m: { type: string }) => m.type === 'ready' && resolve())));
  const done = children.map(
    (child) =>
      new Promise<TrafficResult>((resolve, reject) => {
        child.on('message', (m: { type: string; result?: TrafficResult; error?: string }) => {
          if (m.type === 'done') resolve(m.result!);
          if (m.type === 'failed') reject(new Error(m.error));
        });
        child.once('exit', (code) => code !== 0 && reject(new Error(`load process exited ${code}`)));
      }),
  );
  children.forEach((child, w) => {
    const plan: TrafficPlan = {
      url: broker.url,
      gyms: gyms.filter((_, i) => i % workers === w),
      boxesPerGym: BOXES,
      machinesPerBox: MACHINES,
      readingHz: HZ,
      factEveryS: FACT_EVERY_S,
      seconds: SECONDS,
      passwordFor: broker.passwordFor,
      noDelay: NO_DELAY,
    };
    child.send(plan);
  });
  await Promise.all(ready);
  const brokerStart = cpuTicks(broker.pid);
  const wallStart = process.hrtime.bigint();
  for (const child of children) child.send({ type: 'go' });
  const results = await Promise.all(done);
  const wallS = Number(process.hrtime.bigint() - wallStart) / 1e9;
  const brokerCpu = ((cpuTicks(broker.pid) - brokerStart) / TICKS_PER_SECOND / wallS) * 100;
  const loadCpu = (results.reduce((total, r) => total + r.cpuMs, 0) / 1000 / wallS) * 100;
  const rss = memoryMb(broker.pid, 'VmRSS');
  const peak = memoryMb(broker.pid, 'VmHWM');
  return { results, wallS, brokerCpu, loadCpu, rss, peak };
}

async function measure(start: () => Promise<RunningBroker>, gymCount: number): Promise<void> {
  const broker = await start();
  const gyms = Array.from({ length: gymCount }, (_, i) => `gym-${String(i + 1).padStart(2, '0')}`);
  try {
    const load = loadavg()[0]!;
    const { results, brokerCpu, loadCpu, rss, peak, wallS } = await runLoad(broker, gyms);
    const sum = (pick: (r: TrafficResult) => number) => results.reduce((total, r) => total + pick(r), 0);
    const publishS = Math.max(...results.map((r) => r.publishSeconds));
    const readingLatency = results.flatMap((r) => r.readingLatencyMs).sort((a, b) => a - b);
    const factLatency = results.flatMap((r) => r.factLatencyMs).sort((a, b) => a - b);
    const offered = gymCount * BOXES * MACHINES * HZ;
    const delivered = sum((r) => r.delivered.total);
    const brokerUsPerMessage = ((brokerCpu / 100) * wallS * 1e6) / Math.max(1, delivered);
    const errors = results.flatMap((r) => r.connectErrors);
    if (errors.length > 0) console.log(`  connect errors: ${errors.slice(0, 3).join('; ')}`);
    report(`floor brokers: ${gymCount} gym${gymCount === 1 ? '' : 's'} → ${broker.name}, ${SECONDS} s`, [
      ['readings offered', offered, '/s'],
      ['readings published', Math.round(sum((r) => r.published.readings) / publishS), '/s'],
      ['messages delivered', Math.round(sum((r) => r.delivered.total) / publishS), '/s'],
      ['readings delivered / expected', sum((r) => r.delivered.readings) / Math.max(1, sum((r) => r.expected.readings)), 'ratio'],
      ['QoS 1 facts delivered / exp.', sum((r) => r.delivered.qos1) / Math.max(1, sum((r) => r.expected.qos1)), 'ratio'],
      ['reading p50 publish→receive', percentile(readingLatency, 0.5), 'ms'],
      ['reading p95 publish→receive', percentile(readingLatency, 0.95), 'ms'],
      ['fact p50 publish→receive', percentile(factLatency, 0.5), 'ms'],
      ['fact p95 publish→receive', percentile(factLatency, 0.95), 'ms'],
      ['broker CPU', brokerCpu, '% of one core'],
      // Per message, the broker's cost hardly depends on how starved the load is: the figure to size a broker by.
      ['broker CPU per delivery', brokerUsPerMessage, 'µs'],
      ['→ one core delivers about', Math.round(1e6 / brokerUsPerMessage), 'msgs/s'],
      ['broker RSS after the run', rss, 'MB'],
      ['broker peak RSS', peak, 'MB'],
      ['load generator CPU', loadCpu, '% of one core'],
      ['machine load average (1 min)', load, `on ${cpus().length} cores`],
    ]);
  } finally {
    await broker.stop();
  }
}

process.stdout.write(`floor-brokers: gyms ${GYM_COUNTS.join(', ')}; ${BOXES} boxes × ${MACHINES} machines at ${HZ} Hz per gym; ${SECONDS} s per run\n`);
for (const gyms of GYM_COUNTS) {
  await measure(() => mosquitto(false), gyms);
  await measure(() => aedes(null), gyms);
}
await measure(() => mosquitto(true), 1);
await measure(() => aedes('gym-01'), 1);

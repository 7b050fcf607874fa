/**
 * Start-up cost of `floorgate start` on this machine: time from spawning the process to the first 200 from
 * /healthz (median of BENCH_STARTUP_RUNS, default 7) and resident memory once it has idled, simulator off, screens
 * built. Three ways to run it: the TypeScript through tsx (before, FLOORGATE_FROM_SOURCE=1); the compiled bundle,
 * dist/gateway/floorgate.cjs, without its code cache (the first start after a build, FLOORGATE_COMPILE_CACHE=off);
 * and the bundle as a box runs it every other time, from V8's code cache (after: bin/code-cache.mjs). Each run
 * reopens a database an unmeasured first run created (and that run wrote the code cache), as a box does after a
 * reboot; the OS file cache is warm.
 * Idle RSS is read after BENCH_STARTUP_IDLE_S seconds (default 30): V8 gives the start-up's garbage back when its
 * memory reducer runs, ~8 s after the last full collection, which a start from the code cache (allocating less)
 * reaches later; the figure at 10 s is printed too.
 * Targets: ≤ 0.5 s to /healthz and ≤ 90 MB idle.
 */
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/support/child-gateway.js';
import { report, type Figure } from './report.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'floorgate.mjs');
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 7);
const IDLE_S = Number(process.env.BENCH_STARTUP_IDLE_S ?? 30);
const EARLY_S = Math.min(10, IDLE_S);

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN) / 1024;
}

/** CPU seconds (user + system) the process has used: unlike wall time, barely moved by other load on the machine. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ
}

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(url);
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** One start: spawn, poll /healthz every 5 ms, optionally idle (reading RSS at EARLY_S and at the end) or wait for `until`, then stop it. */
async function startOnce(
  env: Record<string, string>,
  dataDir: string,
  idleSeconds: number,
  until?: () => boolean,
): Promise<{ seconds: number; cpu: number; rss: number; earlyRss: number }> {
  const port = await freePort();
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [BIN, 'start'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', FLOORGATE_DATA_DIR: dataDir, FLOORGATE_CONFIG: '', FLOORGATE_SIMULATOR: 'off', FLOORGATE_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}/healthz`;
  while (!(await healthy(url))) {
    if (child.exitCode !== null) throw new Error(`gateway exited (${child.exitCode}): ${stderr.slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = cpuSeconds(child.pid!);
  let rss = Number.NaN;
  let earlyRss = Number.NaN;
  if (idleSeconds > 0) {
    await new Promise((resolve) => setTimeout(resolve, EARLY_S * 1000));
    earlyRss = rssMb(child.pid!);
    await new Promise((resolve) => setTimeout(resolve, (idleSeconds - EARLY_S) * 1000));
    rss = rssMb(child.pid!);
  }
  while (until && !until()) await new Promise((resolve) => setTimeout(resolve, 50));
  child.kill('SIGTERM');
  await exited;
  return { seconds, cpu, rss, earlyRss };
}

async function measure(name: string, env: Record<string, string>): Promise<{ medianS: number; minS: number; cpuS: number; rss: number; earlyRss: number }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `floorgate-bench-startup-${name}-`));
  // The code cache in a folder of this run's own (unless the run turns it off): the first start writes it.
  const cacheDir = path.join(dataDir, 'code-cache');
  env = { FLOORGATE_COMPILE_CACHE: cacheDir, ...env };
  const cacheWritten = () => env.FLOORGATE_COMPILE_CACHE !== cacheDir || env.FLOORGATE_FROM_SOURCE === '1' || (existsSync(cacheDir) && readdirSync(cacheDir).some((name) => name.endsWith('.v8cache')));
  try {
    await startOnce(env, dataDir, 0, cacheWritten); // creates the database (and the code cache); not counted
    const times: number[] = [];
    const cpus: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await startOnce(env, dataDir, 0);
      times.push(run.seconds);
      cpus.push(run.cpu);
    }
    const { rss, earlyRss } = await startOnce(env, dataDir, IDLE_S);
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    return { medianS: median(times), minS: Math.min(...times), cpuS: median(cpus), rss, earlyRss };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (!existsSync(path.join(ROOT, 'dist', 'renderer', 'index.html'))) {
  execFileSync('npm', ['run', 'build:renderer'], { cwd: ROOT, stdio: 'inherit' });
}
// Always compile first: a stale bundle would silently measure tsx twice (bin/ falls back to it).
execFileSync(process.execPath, [path.join(ROOT, 'build', 'build-gateway.mjs')], { cwd: ROOT, stdio: 'ignore' });

process.stdout.write(`startup: ${RUNS} runs each, idle ${IDLE_S} s, node ${process.version}, load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores\n`);
const tsx = await measure('tsx', { FLOORGATE_FROM_SOURCE: '1' });
const uncached = await measure('uncached', { FLOORGATE_COMPILE_CACHE: 'off' });
const compiled = await measure('compiled', {});
type Measured = Awaited<ReturnType<typeof measure>>;
/** The same five figures for each way of running; the targets apply to the one a box runs every day. */
function startFigures(m: Measured, targets?: { seconds: Figure[3]; rssMb: Figure[3] }): Figure[] {
  return [
    ['start to /healthz, median', m.medianS, 's', targets?.seconds],
    ['start to /healthz, fastest', m.minS, 's'],
    ['CPU used until /healthz, median', m.cpuS, 's'],
    [`RSS after ${EARLY_S} s`, Math.round(m.earlyRss), 'MB'],
    [`RSS after ${IDLE_S} s idle`, Math.round(m.rss), 'MB', targets?.rssMb],
  ];
}
report('startup: TypeScript through tsx (before)', startFigures(tsx));
report('startup: compiled dist/gateway/floorgate.cjs, no code cache (the first start after a build)', startFigures(uncached));
report('startup: compiled, from the code cache (every later start: after)', [
  ...startFigures(compiled, { seconds: { target: 0.5, better: 'lower' }, rssMb: { target: 90, better: 'lower' } }),
  ['start-up time, after/before', compiled.medianS / tsx.medianS, '×'],
  ['start-up time, cached/uncached', compiled.medianS / uncached.medianS, '×'],
  ['start-up CPU, after/before', compiled.cpuS / tsx.cpuS, '×'],
  ['idle RSS, after/before', compiled.rss / tsx.rss, '×'],
]);
export {};

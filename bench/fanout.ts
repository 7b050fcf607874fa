/**
 * Fan-out: time from a reading entering the gateway (the adapter handing it to the device sink) to its arrival at
 * 50 connected socket.io-clients joined to the equipment room, with 50 machines at 4 Hz. The gateway runs in this
 * process with a bench adapter; the 50 clients run in a worker thread (as browsers would, off the gateway's loop).
 * Target p95 ≤ 50 ms. BENCH_FANOUT_SECONDS sets the measured time (default 20 s, after a 3 s warm-up).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { startGateway } from '../gateway/app.js';
import { loadConfig } from '../gateway/config/load.js';
import type { DeviceAdapter, DeviceSink } from '../gateway/devices/types.js';
import { createLogger } from '../gateway/log.js';
import { rooms } from '../shared/live.js';
import { percentile, report } from './report.js';

const MACHINES = 50;
const HZ = 4;
const CLIENTS = 50;
/**
 * Client threads (BENCH_FANOUT_CLIENT_THREADS, default 1): browsers are separate machines, but on a 2-core box more
 * threads than cores only add contention. The clients' own decoding time is inside the figures either way.
 */
const CLIENT_THREADS = Number(process.env.BENCH_FANOUT_CLIENT_THREADS ?? 1);
const WARMUP_S = 3;
const SECONDS = Number(process.env.BENCH_FANOUT_SECONDS ?? 20);

/** When each reading entered (epoch ms, sub-ms), by `${equipmentId}|${at}`; only while measuring. */
const entered = new Map<string, number>();
let measuring = false;
const nowAbs = () => performance.timeOrigin + performance.now();

class BenchAdapter implements DeviceAdapter {
  readonly id = 'bench';
  private timer: NodeJS.Timeout | null = null;
  async start(sink: DeviceSink) {
    let tick = 0;
    this.timer = setInterval(() => {
      tick++;
      const at = new Date();
      for (let i = 0; i < MACHINES; i++) {
        const equipmentId = `bench-rower-${i + 1}`;
        if (measuring) entered.set(`${equipmentId}|${at.toISOString()}`, nowAbs());
        sink.reading({
          equipmentId,
          name: `Rower ${i + 1}`,
          kind: 'rower',
          at,
          memberId: null,
          metrics: { powerW: 150 + ((tick + i) % 50), strokeRateSpm: 26, paceSecPer500m: 118, heartRateBpm: 150, distanceM: tick * 1.1 },
        });
      }
    }, 1000 / HZ);
  }
  async stop() {
    if (this.timer) clearInterval(this.timer);
  }
  status() {
    return [];
  }
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'floorgate-bench-fanout-'));
const config = loadConfig({ env: { FLOORGATE_DATA_DIR: dataDir, FLOORGATE_SIMULATOR: 'off', HOST: '127.0.0.1' }, cwd: dataDir });
config.port = 0;
const gateway = await startGateway(config, { log: createLogger('silent'), adapters: [new BenchAdapter()] });

// The clients: a worker thread with 50 socket.io-clients, each reporting (key, arrival) pairs in batches.
const workerSource = `
  const { parentPort, workerData } = require('node:worker_threads');
  const { io } = require('socket.io-client');
  const nowAbs = () => performance.timeOrigin + performance.now();
  let batch = [];
  let joined = 0;
  for (let c = 0; c < workerData.clients; c++) {
    const socket = io(workerData.url, { transports: ['websocket'], reconnection: false, forceNew: true });
    socket.on('delta', (message) => {
      if (message.kind !== 'equipment') return;
      const at = nowAbs();
      for (const tile of message.data) batch.push(tile.equipmentId + '|' + tile.updatedAt, at);
    });
    socket.on('connect', () => socket.emit('join', workerData.room, () => { if (++joined === workerData.clients) parentPort.postMessage({ joined }); }));
  }
  setInterval(() => { if (batch.length) { parentPort.postMessage({ batch }); batch = []; } }, 200);
  parentPort.on('message', (m) => { if (m === 'stop') process.exit(0); });
`;
const workers = Array.from(
  { length: CLIENT_THREADS },
  () =>
    new Worker(workerSource, {
      eval: true,
      workerData: { url: gateway.url.replace('localhost', '127.0.0.1'), room: rooms.equipment(config.location.id), clients: Math.ceil(CLIENTS / CLIENT_THREADS) },
    }),
);
const latencies: number[] = [];
let arrivals = 0;
await Promise.all(
  workers.map(
    (worker) =>
      new Promise<void>((resolve, reject) => {
        worker.on('error', reject);
        worker.on('message', (m: { joined?: number; batch?: Array<string | number> }) => {
          if (m.joined) resolve();
          if (!m.batch) return;
          for (let i = 0; i < m.batch.length; i += 2) {
            const start = entered.get(m.batch[i] as string);
            if (start === undefined) continue; // from the warm-up
            latencies.push((m.batch[i + 1] as number) - start);
            arrivals++;
          }
        });
      }),
  ),
);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
await sleep(WARMUP_S * 1000);
measuring = true;
await sleep(SECONDS * 1000);
measuring = false;
await sleep(1000); // the last batches
const readings = entered.size;
for (const worker of workers) worker.postMessage('stop');
await gateway.close();
rmSync(dataDir, { recursive: true, force: true });

latencies.sort((a, b) => a - b);
const expected = readings * CLIENTS;
report(`fan-out: reading → ${CLIENTS} socket.io-clients, ${MACHINES} machines at ${HZ} Hz (${SECONDS} s)`, [
  ['readings in', readings, ''],
  ['deliveries', arrivals, `of ${expected}`],
  ['coalesced (not delivered)', expected - arrivals, ''],
  ['p50', percentile(latencies, 0.5), 'ms'],
  ['p95', percentile(latencies, 0.95), 'ms', { target: 50, better: 'lower' }],
  ['p99', percentile(latencies, 0.99), 'ms'],
  ['max', latencies[latencies.length - 1] ?? Number.NaN, 'ms'],
]);

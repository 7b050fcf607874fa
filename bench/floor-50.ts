/**
 * A 50-machine floor at 4 Hz in a real gateway child process (`floorgate start`): the built-in simulator drives
 * 25 rowers and 25 bikes through the real pipeline (sessions, equipment board, live hub, journal), with a floor
 * screen joined to the equipment room. Measures the gateway's CPU (% of one core, from /proc after a warm-up)
 * and its resident memory after the run. Targets ≤ 15 % and ≤ 150 MB after 10 min.
 * BENCH_FLOOR_SECONDS shortens the run (default 600).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io } from 'socket.io-client';
import { rooms } from '../shared/live.js';
import { freePort, killChild, startChildGateway, writeConfig } from '../test/support/child-gateway.js';
import { cpuTicks, memoryMb, TICKS_PER_SECOND } from './proc-stats.js';
import { report } from './report.js';

const SECONDS = Number(process.env.BENCH_FLOOR_SECONDS ?? 600);
const WARMUP_S = Math.min(15, Math.max(2, Math.floor(SECONDS / 10)));

const dataDir = mkdtempSync(path.join(tmpdir(), 'floorgate-bench-floor-'));
const configFile = writeConfig(dataDir, {
  simulator: { enabled: true, rowers: 25, bikes: 25, heartRateStraps: 0, readingHz: 4, tapsPerMinute: 2 },
});
const port = await freePort();
const child = await startChildGateway({ port, dataDir, configFile });
const pid = child.process.pid!;
const url = `http://127.0.0.1:${port}`;

// A floor screen watching the equipment board, as in the gym.
const screen = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
let deltas = 0;
let tilesSeen = new Set<string>();
screen.on('delta', (message: { kind: string; data: Array<{ equipmentId: string }> }) => {
  if (message.kind !== 'equipment') return;
  deltas++;
  for (const tile of message.data) tilesSeen.add(tile.equipmentId);
});
await screen.emitWithAck('join', rooms.equipment('main'));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
process.stdout.write(`floor-50: ${SECONDS} s run (warm-up ${WARMUP_S} s) against gateway pid ${pid}\n`);
await sleep(WARMUP_S * 1000);
tilesSeen = new Set();
const cpuStart = cpuTicks(pid);
const wallStart = process.hrtime.bigint();
const deltasStart = deltas;
await sleep((SECONDS - WARMUP_S) * 1000);
const cpuEnd = cpuTicks(pid);
const wallS = Number(process.hrtime.bigint() - wallStart) / 1e9;
const rssMb = memoryMb(pid, 'VmRSS');
const peakMb = memoryMb(pid, 'VmHWM');
const status = (await (await fetch(`${url}/api/status`)).json()) as { queue: { byType: Record<string, { depth: number } | number> } };
const sessionsQueued = status.queue.byType.equipment_session;

screen.disconnect();
await killChild(child, 'SIGTERM');
rmSync(dataDir, { recursive: true, force: true });

const cpuPercent = (((cpuEnd - cpuStart) / TICKS_PER_SECOND) / wallS) * 100;
report(`50-machine floor at 4 Hz, gateway child process, ${SECONDS} s`, [
  ['machines streaming', tilesSeen.size, ''],
  ['equipment deltas to a screen', Math.round((deltas - deltasStart) / wallS), '/s'],
  ['sessions journaled', typeof sessionsQueued === 'number' ? sessionsQueued : (sessionsQueued?.depth ?? 0), ''],
  ['gateway CPU (measured)', cpuPercent, '% of one core', { target: 15, better: 'lower' }],
  ['gateway RSS after the run', rssMb, 'MB', { target: 150, better: 'lower' }],
  ['gateway peak RSS', peakMb, 'MB'],
]);

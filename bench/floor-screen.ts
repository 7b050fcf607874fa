/**
 * Issue 14's floor bench: three boxes (`floorgate start` child processes, each with the simulator's 50 machines at
 * 4 Hz) joined through a broker, and a screen (socket.io-client) on box A's equipment room. Measures reading →
 * screen for the machines of boxes B and C (the tile's `updatedAt`, stamped when box B or C read it, to its arrival
 * on A's screen; one machine clock), split at the broker by a tap (box B/C's side: reading → broker, box A's: broker →
 * screen), beside A's own machines for comparison; CPU and RSS of the broker and of each
 * gateway. Target: p95 ≤ 50 ms. Run through Debian's Mosquitto and through box A's embedded broker, side by side.
 * It needs the floor client (gateway/floor/): when box A shows no tile of another box, it says so and skips.
 * BENCH_FLOOR_SCREEN_SECONDS (default 30), BENCH_FLOOR_SCREEN_WAIT_S (first remote tile, default 30).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket as NetSocket } from 'node:net';
import mqtt from 'mqtt';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { hashPassword } from '../gateway/floor/broker-accounts.js';
import type { EquipmentTile } from '../shared/equipment.js';
import type { FloorView } from '../shared/floor.js';
import { rooms } from '../shared/live.js';
import { freePort, killChild, startChildGateway, writeConfig, type ChildGateway } from '../test/support/child-gateway.js';
import { startAedesChild } from './aedes-child.js';
import { startMosquitto, type BenchBroker } from './mosquitto.js';
import { percentile, report, type Figure } from './report.js';

const SECONDS = Number(process.env.BENCH_FLOOR_SCREEN_SECONDS ?? 30);
const WAIT_S = Number(process.env.BENCH_FLOOR_SCREEN_WAIT_S ?? 30);
const LOCATION = 'main';
const BOXES = [
  { id: 'box-a', name: 'Entrance' },
  { id: 'box-b', name: 'Upstairs' },
  { id: 'box-c', name: 'Cardio' },
] as const;
const PASSWORDS = Object.fromEntries(BOXES.map((box) => [box.id, `${box.id}-bench-password`]));
const TICKS_PER_SECOND = 100;

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .slice(11, 13)
    .reduce((sum, field) => sum + Number(field), 0);
}

function rssMb(pid: number): number {
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN) / 1024;
}

interface Floor {
  gateways: ChildGateway[];
  brokerPid: number | null;
  brokerUrl: string;
  /** Said after the broker's name in the title. */
  note?: string;
  stop(): Promise<void>;
}

type Box = (typeof BOXES)[number];
const dataDirs: string[] = [];

async function startBoxes(brokerUrl: (box: Box) => string, extra: (box: Box) => { env?: Record<string, string>; floor?: Record<string, unknown> }): Promise<ChildGateway[]> {
  const gateways: ChildGateway[] = [];
  for (const box of BOXES) {
    const dataDir = mkdtempSync(path.join(tmpdir(), `floorgate-bench-floor-${box.id}-`));
    dataDirs.push(dataDir);
    const more = extra(box);
    const configFile = writeConfig(dataDir, {
      simulator: { enabled: true, rowers: 25, bikes: 25, heartRateStraps: 0, readingHz: 4, tapsPerMinute: 0, seed: BOXES.indexOf(box) + 1 },
      ...(more.floor ? { floor: more.floor } : {}),
    });
    gateways.push(
      await startChildGateway({
        port: await freePort(),
        dataDir,
        configFile,
        env: {
          FLOORGATE_LOCATION_ID: LOCATION,
          FLOORGATE_FLOOR_BROKER: brokerUrl(box),
          FLOORGATE_BOX_ID: box.id,
          FLOORGATE_BOX_NAME: box.name,
          FLOORGATE_FLOOR_PASSWORD: PASSWORDS[box.id]!,
          ...more.env,
        },
      }),
    );
  }
  return gateways;
}

async function throughMosquitto(): Promise<Floor> {
  const broker: BenchBroker = await startMosquitto({ accounts: PASSWORDS, noDelay: true });
  const gateways = await startBoxes(() => broker.url, () => ({}));
  return {
    gateways,
    brokerUrl: broker.url,
    brokerPid: broker.pid,
    async stop() {
      await Promise.all(gateways.map((gateway) => killChild(gateway, 'SIGTERM')));
      await broker.stop();
    },
  };
}

/** Does anything accept TCP connections on this loopback port? */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/**
 * Box A runs the embedded broker (`floor.listen`); B and C point at it. Where this build's startFloor does not
 * start it yet, the same broker (startEmbeddedBroker, same accounts) runs beside the boxes in its own process.
 */
async function throughEmbedded(): Promise<Floor> {
  const port = await freePort();
  const accountsDir = mkdtempSync(path.join(tmpdir(), 'floorgate-bench-floor-accounts-'));
  const accountsFile = path.join(accountsDir, 'floor-accounts.json');
  const accounts = await Promise.all(BOXES.map(async (box) => ({ user: box.id, role: 'box', passwordHash: await hashPassword(PASSWORDS[box.id]!) })));
  writeFileSync(accountsFile, JSON.stringify({ accounts }), { mode: 0o600 });
  const gateways = await startBoxes(
    () => `mqtt://127.0.0.1:${port}`,
    (box) => (box.id === 'box-a' ? { env: { FLOORGATE_FLOOR_LISTEN: String(port) }, floor: { accountsFile } } : {}),
  );
  const separate = (await listening(port)) ? null : await startAedesChild({ mode: 'embedded', accountsFile, locationId: LOCATION, port });
  return {
    gateways,
    brokerUrl: `mqtt://127.0.0.1:${port}`,
    brokerPid: separate?.pid ?? null,
    note: separate ? ' (in its own process: floor.listen does not start it in this build)' : '',
    async stop() {
      await Promise.all(gateways.map((gateway) => killChild(gateway, 'SIGTERM')));
      await separate?.stop();
      rmSync(accountsDir, { recursive: true, force: true });
    },
  };
}

/**
 * A tap on the broker (box B's account, its own client id): when each remote reading passed the broker, so the
 * reading → screen time splits into box B/C's side (reading → broker) and box A's (broker → screen).
 */
async function tapOn(brokerUrl: string) {
  const passed = new Map<string, number>();
  const client = await mqtt.connectAsync(brokerUrl, { clientId: 'bench-tap', username: 'box-b', password: PASSWORDS['box-b'], reconnectPeriod: 0 });
  (client.stream as Partial<NetSocket>).setNoDelay?.(true);
  client.on('message', (_topic, payload) => {
    const tile = JSON.parse(payload.toString()) as EquipmentTile;
    const key = `${tile.boxId}/${tile.equipmentId}/${tile.updatedAt}`;
    if (!passed.has(key)) passed.set(key, Date.now());
  });
  await client.subscribeAsync(`floorgate/${LOCATION}/+/public/machines/+/reading`, { qos: 0 });
  return { passed, close: () => client.endAsync(true) };
}

/** A screen on box A: equipment tiles as they arrive, and the floor view for the skip message. */
function screenOn(url: string, tapped: () => Map<string, number> | null) {
  const socket: Socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
  const remote: number[] = [];
  const local: number[] = [];
  const readingToBroker: number[] = [];
  const brokerToScreen: number[] = [];
  const remoteMachines = new Set<string>();
  let floor: FloorView | null = null;
  let recording = false;
  let firstRemote: () => void = () => {};
  const sawRemote = new Promise<void>((resolve) => (firstRemote = resolve));
  const onTiles = (tiles: EquipmentTile[]) => {
    const now = Date.now();
    for (const tile of tiles) {
      const fromAnotherBox = tile.boxId !== undefined && tile.boxId !== 'box-a';
      if (fromAnotherBox) {
        remoteMachines.add(`${tile.boxId}/${tile.equipmentId}`);
        firstRemote();
      }
      if (!recording || tile.state !== 'in_use') continue;
      (fromAnotherBox ? remote : local).push(now - Date.parse(tile.updatedAt));
      const passedAt = fromAnotherBox ? tapped()?.get(`${tile.boxId}/${tile.equipmentId}/${tile.updatedAt}`) : undefined;
      if (passedAt !== undefined) {
        readingToBroker.push(passedAt - Date.parse(tile.updatedAt));
        brokerToScreen.push(now - passedAt);
      }
    }
  };
  socket.on('snapshot', (message: { kind: string; data: unknown }) => {
    if (message.kind === 'floor') floor = message.data as FloorView;
    if (message.kind === 'equipment') onTiles(message.data as EquipmentTile[]);
  });
  socket.on('delta', (message: { kind: string; data: unknown }) => {
    if (message.kind === 'floor') floor = message.data as FloorView;
    if (message.kind === 'equipment') onTiles(message.data as EquipmentTile[]);
  });
  return {
    async join() {
      await socket.emitWithAck('join', rooms.equipment(LOCATION));
      await socket.emitWithAck('join', rooms.floor(LOCATION)).catch(() => undefined);
    },
    sawRemote,
    start() {
      recording = true;
      for (const samples of [remote, local, readingToBroker, brokerToScreen]) samples.length = 0;
    },
    results: () => {
      const sorted = (samples: number[]) => [...samples].sort((a, b) => a - b);
      return { remote: sorted(remote), local: sorted(local), readingToBroker: sorted(readingToBroker), brokerToScreen: sorted(brokerToScreen), machines: remoteMachines.size };
    },
    floorSummary: () => (floor ? `${(floor as FloorView).broker}; ${(floor as FloorView).summary}` : 'no floor view'),
    close: () => socket.disconnect(),
  };
}

/** Runs one floor; false when it had to skip (no floor client in this build). */
async function measure(name: string, start: () => Promise<Floor>): Promise<boolean> {
  const floor = await start();
  const [a, b, c] = floor.gateways as [ChildGateway, ChildGateway, ChildGateway];
  let tap: Awaited<ReturnType<typeof tapOn>> | null = null;
  const screen = screenOn(a.url, () => tap?.passed ?? null);
  try {
    await screen.join();
    const timedOut = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), WAIT_S * 1000).unref());
    if ((await Promise.race([screen.sawRemote.then(() => 'seen' as const), timedOut])) === 'timeout') {
      console.log(
        `\n== floor screen through ${name}: SKIPPED — box A's equipment board showed no tile of box B or C within ${WAIT_S} s ` +
          `(floor view: ${screen.floorSummary()}). The floor client (gateway/floor/) is not in this build yet, or it failed to join.`,
      );
      return false;
    }
    tap = await tapOn(floor.brokerUrl);
    const pids = [a, b, c].map((gateway) => gateway.process.pid!);
    const cpuStart = pids.map(cpuTicks);
    const brokerStart = floor.brokerPid ? cpuTicks(floor.brokerPid) : 0;
    const wallStart = process.hrtime.bigint();
    screen.start();
    await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
    const wallS = Number(process.hrtime.bigint() - wallStart) / 1e9;
    const cpu = pids.map((pid, i) => ((cpuTicks(pid) - cpuStart[i]!) / TICKS_PER_SECOND / wallS) * 100);
    const { remote, local, readingToBroker, brokerToScreen, machines } = screen.results();
    report(`floor screen: 3 boxes × 50 machines at 4 Hz through ${name}${floor.note ?? ''}, screen on box A, ${SECONDS} s`, [
      ['machines of B and C on A', machines, ''],
      ['remote tile updates on A', Math.round(remote.length / wallS), '/s'],
      ['reading → A screen p50 (B, C)', percentile(remote, 0.5), 'ms'],
      ['reading → A screen p95 (B, C)', percentile(remote, 0.95), 'ms', { target: 50, better: 'lower' }],
      ['  of which reading → broker p95', percentile(readingToBroker, 0.95), 'ms'],
      ['  of which broker → A screen p95', percentile(brokerToScreen, 0.95), 'ms'],
      ['  broker → A screen p50', percentile(brokerToScreen, 0.5), 'ms'],
      ['reading → A screen p50 (A own)', percentile(local, 0.5), 'ms'],
      ['reading → A screen p95 (A own)', percentile(local, 0.95), 'ms'],
      ...(floor.brokerPid
        ? ([
            ['broker CPU', ((cpuTicks(floor.brokerPid) - brokerStart) / TICKS_PER_SECOND / wallS) * 100, '% of one core'],
            ['broker RSS', rssMb(floor.brokerPid), 'MB'],
          ] satisfies Figure[])
        : []),
      [`box A CPU${floor.brokerPid ? '' : ' (with broker)'}`, cpu[0]!, '% of one core'],
      ['box B CPU', cpu[1]!, '% of one core'],
      ['box C CPU', cpu[2]!, '% of one core'],
      [`box A RSS${floor.brokerPid ? '' : ' (with broker)'}`, rssMb(pids[0]!), 'MB'],
      ['box B RSS', rssMb(pids[1]!), 'MB'],
      ['box C RSS', rssMb(pids[2]!), 'MB'],
    ]);
    return true;
  } finally {
    screen.close();
    await tap?.close();
    await floor.stop();
    for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

if (await measure('Mosquitto', throughMosquitto)) await measure("box A's embedded broker", throughEmbedded);
else console.log("   (the run through box A's embedded broker is skipped for the same reason)");

/**
 * Heart rate by broadcast: (1) the `polar-hr-adv` codec's throughput on Polar manufacturer data (with a GPB block
 * to skip, and without), and (2) 40 straps advertising at 4 Hz through the BLE adapter (fake noble: no radio
 * here) into a real gateway (sessions, board, equipment room) for BENCH_ADVERTS_SECONDS (default 30) of real
 * time: the gateway's CPU and memory. Worst case on purpose: every advertisement carries a new frame counter, so
 * each one becomes a reading (160 readings/s; a real strap steps its counter about once a second).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startGateway } from '../gateway/app.js';
import { loadConfig } from '../gateway/config/load.js';
import { BleAdapter } from '../gateway/devices/ble/ble-adapter.js';
import { bleDeviceSchema } from '../gateway/devices/ble/config.js';
import { createLogger } from '../gateway/log.js';
import { decodePolarManufacturerData } from '../gateway/protocols/polar-hr-adv.js';
import { FakeCharacteristic, FakeNoble, FakePeripheral } from '../test/support/fake-noble.js';
import { report } from './report.js';

const STRAPS = 40;
const HZ = 4;
const SECONDS = Number(process.env.BENCH_ADVERTS_SECONDS ?? 30);

// (1) codec throughput: Polar's OH1 example (polar-ble-sdk BleAdvertisementContent.swift) and 4-byte H10-style blocks.
const samples = [
  Buffer.from('6b0072067f443700000033003c', 'hex'),
  ...Array.from({ length: 255 }, (_, i) => Buffer.from([0x6b, 0x00, 0x02 | ((i & 7) << 2), 0x00, 60 + (i % 120), 60 + (i % 120)])),
];
let decoded = 0;
let checksum = 0;
const codecStart = process.hrtime.bigint();
const codecDeadline = Date.now() + 1000;
while (Date.now() < codecDeadline) {
  for (let i = 0; i < 10_000; i++) {
    const r = decodePolarManufacturerData(samples[i & 0xff]!);
    if (r.ok) checksum += r.value.heartRateBpm ?? 0;
    decoded++;
  }
}
const codecSeconds = Number(process.hrtime.bigint() - codecStart) / 1e9;

// (2) 40 straps at 4 Hz through the adapter into the gateway.
const dataDir = mkdtempSync(path.join(tmpdir(), 'floorgate-bench-adverts-'));
const config = loadConfig({ env: { FLOORGATE_DATA_DIR: dataDir, FLOORGATE_SIMULATOR: 'off', HOST: '127.0.0.1', FLOORGATE_LOG_LEVEL: 'silent' }, cwd: dataDir });
config.port = 0;
const address = (i: number) => `a0:9e:1a:00:01:${i.toString(16).padStart(2, '0')}`;
const noble = new FakeNoble();
const adapter = new BleAdapter({
  config: bleDeviceSchema.parse({
    kind: 'ble',
    id: 'ble',
    devices: Array.from({ length: STRAPS }, (_, i) => ({ id: `strap-${i + 1}`, name: `Strap ${i + 1}`, kind: 'hr_strap', address: address(i + 1) })),
  }),
  log: createLogger('silent'),
  clock: { now: () => new Date() },
  dataDir,
  loadNoble: async () => noble,
});
const gateway = await startGateway(config, { log: createLogger('silent'), adapters: [adapter] });
let readings = 0;
gateway.floor.on('reading', () => readings++);
const straps = Array.from({ length: STRAPS }, (_, i) => new FakePeripheral(address(i + 1), { localName: `Polar H10 ${i}` }, [new FakeCharacteristic('2a37')]));

let tick = 0;
const rssBefore = process.memoryUsage().rss;
const cpuStart = process.cpuUsage();
const wallStart = process.hrtime.bigint();
await new Promise<void>((resolve) => {
  const timer = setInterval(() => {
    tick++;
    for (const [i, strap] of straps.entries()) {
      const bpm = 100 + ((i + tick) % 60);
      strap.advertisement.manufacturerData = Buffer.from([0x6b, 0x00, 0x02 | ((tick & 7) << 2), 0x00, bpm, bpm]);
      noble.emit('discover', strap);
    }
    if (tick >= SECONDS * HZ) {
      clearInterval(timer);
      resolve();
    }
  }, 1000 / HZ);
});
const wallS = Number(process.hrtime.bigint() - wallStart) / 1e9;
const cpu = process.cpuUsage(cpuStart);
const cpuPct = ((cpu.user + cpu.system) / 1e6 / wallS) * 100;
const rssAfter = process.memoryUsage().rss;
const connected = adapter.status().filter((s) => s.detail === 'connected').length;
await gateway.close();
rmSync(dataDir, { recursive: true, force: true });

report('heart rate by broadcast: polar-hr-adv codec', [
  ['advertisements decoded', decoded, ''],
  ['throughput', Math.round(decoded / codecSeconds), 'adverts/s', { target: 100_000, better: 'higher' }],
  ['(checksum, ignore)', checksum % 1000, ''],
]);
report(`heart rate by broadcast: ${STRAPS} straps × ${HZ} Hz → BLE adapter → gateway (${SECONDS} s real time)`, [
  ['advertisements', tick * STRAPS, ''],
  ['readings into the floor', readings, ''],
  ['straps connected', connected, '', { target: 0, better: 'lower' }],
  ['gateway CPU', cpuPct, '% of one core', { target: 10, better: 'lower' }],
  ['RSS at the end', Math.round(rssAfter / 1024 / 1024), 'MB'],
  ['RSS growth over the run', Math.round((rssAfter - rssBefore) / 1024 / 1024), 'MB'],
]);

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayStatus } from '../../shared/status.js';
import { startGateway, type Gateway } from '../../gateway/app.js';
import { loadConfig } from '../../gateway/config/load.js';
import type { EquipmentReading } from '../../gateway/devices/types.js';
import { createLogger } from '../../gateway/log.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/captures/rowing-session.jsonl', import.meta.url));

/** A real gateway on a loopback port, configured from a JSON file as an installation would be. */
async function gatewayWith(devices: unknown[]): Promise<Gateway> {
  const dir = mkdtempSync(path.join(tmpdir(), 'floorgate-devices-'));
  const file = path.join(dir, 'floorgate.config.json');
  writeFileSync(file, JSON.stringify({ devices }));
  const config = loadConfig({
    file,
    env: { PORT: '1', HOST: '127.0.0.1', FLOORGATE_DATA_DIR: path.join(dir, 'data'), FLOORGATE_TIMEZONE: 'UTC' },
    cwd: dir,
  });
  config.port = 0;
  return startGateway(config, { log: createLogger('silent') });
}

describe('gateway with Bluetooth and replay devices configured', () => {
  let gateway: Gateway | null = null;
  afterEach(async () => {
    await gateway?.close();
    gateway = null;
  });

  it('starts without Bluetooth on this machine, keeps serving, and reports the BLE devices unavailable', async () => {
    // The real lazy import of @abandonware/noble: on this machine it fails (no Bluetooth socket family).
    gateway = await gatewayWith([
      { kind: 'ble', id: 'ble-floor', devices: [{ id: 'rower-1', name: 'Rower 1', kind: 'rower', namePattern: '^PM5' }] },
    ]);
    const health = await fetch(`${gateway.url}/healthz`);
    expect(health.status).toBe(200);
    const status = (await (await fetch(`${gateway.url}/api/status`)).json()) as GatewayStatus;
    const ble = status.devices.filter((d) => d.kind === 'ble');
    expect(ble.map((d) => [d.id, d.state])).toEqual([
      ['ble-floor', 'unavailable'],
      ['rower-1', 'unavailable'],
    ]);
    expect(ble[0]!.detail).toMatch(/^Bluetooth unavailable: /);
    expect(status.devices.some((d) => d.kind === 'simulator')).toBe(false); // devices configured: no simulator by default
  });

  it('replays a capture into readings on the floor, and reports the replay on /api/status', async () => {
    gateway = await gatewayWith([
      { kind: 'replay', id: 'replay-1', file: FIXTURE, speed: 0, equipment: [{ source: 'rower-1', id: 'rower-3', name: 'Rower 3' }] },
    ]);
    const readings: EquipmentReading[] = [];
    gateway.floor.on('reading', (r) => readings.push(r));
    await expect
      .poll(async () => ((await (await fetch(`${gateway!.url}/api/status`)).json()) as GatewayStatus).devices.find((d) => d.id === 'replay-1')?.detail)
      .toBe('finished: 1005 of 1005 frames, 335 readings');
    // Readings that arrived after the listener was attached all belong to the replayed rower.
    expect(readings.every((r) => r.equipmentId === 'rower-3' && r.kind === 'rower')).toBe(true);
  });

  it('refuses a replay entry without a file, naming the field', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'floorgate-devices-'));
    const file = path.join(dir, 'floorgate.config.json');
    writeFileSync(file, JSON.stringify({ devices: [{ kind: 'replay', id: 'replay-1' }] }));
    expect(() => loadConfig({ file, env: {}, cwd: dir })).toThrow(/devices\.0\.file/);
  });
});

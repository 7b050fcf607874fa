import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BleAdapter } from '../../gateway/devices/ble/ble-adapter.js';
import { bleDeviceSchema } from '../../gateway/devices/ble/config.js';
import type { EquipmentReading } from '../../gateway/devices/types.js';
import { createLogger } from '../../gateway/log.js';
import { systemClock } from '../../gateway/time/clock.js';
import { FakeCharacteristic, FakeNoble, FakePeripheral } from '../support/fake-noble.js';

/**
 * A Matrix-like treadmill whose Treadmill Data flags (0x040C) announce inclination it never sends
 * (see test/protocols/ftms-profile.test.ts): 12.00 km/h, 5000 m, 3600 s.
 */
const MATRIX_LIKE = '0C 04 B0 04 88 13 00 10 0E';

describe('BLE adapter with a per-model FTMS profile (fake noble, recorded bytes)', () => {
  let readings: EquipmentReading[];
  let noble: FakeNoble;
  let adapter: BleAdapter | undefined;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(new Date('2026-03-02T07:00:00Z'));
    readings = [];
    noble = new FakeNoble();
  });

  afterEach(async () => {
    await adapter?.stop();
    vi.useRealTimers();
  });

  it('reads the lying treadmill with ignoreFlagBits, and counts its frames as undecodable without', async () => {
    adapter = new BleAdapter({
      config: bleDeviceSchema.parse({
        kind: 'ble',
        id: 'ble-main',
        devices: [
          { id: 'tm-plain', name: 'Treadmill 1', kind: 'treadmill', address: 'aa:bb:cc:00:00:01' },
          { id: 'tm-matrix', name: 'Treadmill 2', kind: 'treadmill', address: 'aa:bb:cc:00:00:02', model: { ignoreFlagBits: [3] } },
        ],
      }),
      log: createLogger('silent'),
      clock: systemClock,
      dataDir: mkdtempSync(path.join(tmpdir(), 'floorgate-ble-profile-')),
      loadNoble: async () => noble,
      random: () => 1,
    });
    await adapter.start({ badge: () => {}, reading: (r) => readings.push(r) });
    const plain = new FakeCharacteristic('2acd');
    const matrix = new FakeCharacteristic('2acd');
    noble.advertise(new FakePeripheral('aa:bb:cc:00:00:01', { localName: 'Matrix T1', serviceUuids: ['1826'] }, [plain]));
    noble.advertise(new FakePeripheral('aa:bb:cc:00:00:02', { localName: 'Matrix T2', serviceUuids: ['1826'] }, [matrix]));
    await vi.advanceTimersByTimeAsync(0);

    plain.notify(MATRIX_LIKE);
    matrix.notify(MATRIX_LIKE);

    expect(readings.map((r) => r.equipmentId)).toEqual(['tm-matrix']);
    expect(readings[0]!.metrics).toMatchObject({ distanceM: 5000, elapsedS: 3600 });
    const status = (id: string) => adapter!.status().find((s) => s.id === id)!;
    expect(status('tm-plain').detail).toContain('1 undecodable notification(s), last: truncated:');
    expect(status('tm-matrix').detail ?? '').not.toContain('undecodable');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { Gateway } from '../../gateway/app.js';
import { BleAdapter } from '../../gateway/devices/ble/ble-adapter.js';
import { bleDeviceSchema } from '../../gateway/devices/ble/config.js';
import type { EquipmentReading } from '../../gateway/devices/types.js';
import { createLogger } from '../../gateway/log.js';
import { manualClock } from '../../gateway/time/clock.js';
import { FakeCharacteristic, FakeNoble, FakePeripheral } from '../support/fake-noble.js';
import { floorGateway } from '../support/floor-gateway.js';

// Polar's own capture, quoted in polarofficial/polar-ble-sdk iOS BleAdvertisementContent.swift ("polar manufacturer
// data example from OH1"): a GPB block, then the heart-rate block 33 00 3c — contact, frame counter 4, 60 bpm.
const OH1_CAPTURE = '6b 00 72 06 7f 44 37 00 00 00 33 00 3c';

/** Polar manufacturer data with a 4-byte heart-rate block (layout: polar-ble-sdk Android BlePolarHrAdvertisement.kt). */
function polarAdvert(bpm: number, frameCounter: number, contact = true): string {
  const status = (contact ? 0x02 : 0) | (frameCounter << 2);
  return Buffer.from([0x6b, 0x00, status, 0x00, bpm, bpm]).toString('hex');
}

const address = (i: number) => `a0:9e:1a:00:00:${i.toString(16).padStart(2, '0')}`;

describe('BLE heart rate by broadcast (Polar advertisements, no connection)', () => {
  const adapters: BleAdapter[] = [];
  afterEach(async () => {
    for (const a of adapters.splice(0)) await a.stop();
  });

  async function start(straps: number) {
    const noble = new FakeNoble();
    const readings: EquipmentReading[] = [];
    const adapter = new BleAdapter({
      config: bleDeviceSchema.parse({
        kind: 'ble',
        id: 'ble',
        devices: Array.from({ length: straps }, (_, i) => ({ id: `strap-${i + 1}`, name: `Strap ${i + 1}`, kind: 'hr_strap', address: address(i + 1) })),
      }),
      log: createLogger('silent'),
      clock: manualClock('2026-03-02T07:00:00Z'),
      dataDir: '.',
      loadNoble: async () => noble,
    });
    adapters.push(adapter);
    await adapter.start({ badge: () => {}, reading: (r) => readings.push(r) });
    const straps_ = Array.from({ length: straps }, (_, i) => new FakePeripheral(address(i + 1), { localName: `Polar H10 ${i}` }, [new FakeCharacteristic('2a37')]));
    const statusOf = (id: string) => adapter.status().find((s) => s.id === id)!;
    return { noble, readings, adapter, straps: straps_, statusOf };
  }

  it("reads Polar's OH1 capture as 60 bpm without connecting the strap", async () => {
    const { noble, readings, straps, statusOf } = await start(1);
    noble.broadcast(straps[0]!, OH1_CAPTURE, -71);
    expect(readings).toEqual([expect.objectContaining({ equipmentId: 'strap-1', kind: 'hr_strap', metrics: { heartRateBpm: 60 } })]);
    expect(straps[0]!.connectCalls).toBe(0);
    expect(statusOf('strap-1')).toMatchObject({ state: 'ok', rssi: -71, detail: 'heart rate by broadcast, no connection' });
  });

  it('reads 40 straps at once on one radio with no connection slot used', async () => {
    const { noble, readings, straps, statusOf } = await start(40);
    for (let round = 0; round < 4; round++) {
      for (const [i, strap] of straps.entries()) noble.broadcast(strap, polarAdvert(100 + i, round));
    }
    expect(readings).toHaveLength(160);
    expect(new Set(readings.map((r) => r.equipmentId)).size).toBe(40);
    expect(readings.find((r) => r.equipmentId === 'strap-40')!.metrics).toEqual({ heartRateBpm: 139 });
    expect(straps.every((s) => s.connectCalls === 0)).toBe(true);
    expect(statusOf('ble').detail).toBe('scanning; 0 of 5 connections in use; 40 strap(s) read by broadcast');
  });

  it('counts a repeated advertisement once: the frame counter says what is new', async () => {
    const { noble, readings, straps } = await start(1);
    noble.broadcast(straps[0]!, polarAdvert(120, 3));
    noble.broadcast(straps[0]!, polarAdvert(120, 3));
    noble.broadcast(straps[0]!, polarAdvert(120, 3));
    expect(readings).toHaveLength(1);
    noble.broadcast(straps[0]!, polarAdvert(122, 4));
    expect(readings.map((r) => r.metrics.heartRateBpm)).toEqual([120, 122]);
  });

  it('a strap that loses skin contact gives no heart rate at all, never the one still in its bytes', async () => {
    const { noble, readings, straps, statusOf } = await start(1);
    noble.broadcast(straps[0]!, polarAdvert(150, 1));
    noble.broadcast(straps[0]!, polarAdvert(150, 2, false));
    noble.broadcast(straps[0]!, polarAdvert(150, 3, false));
    expect(readings.map((r) => r.metrics.heartRateBpm)).toEqual([150]);
    expect(statusOf('strap-1').detail).toBe('heart rate by broadcast, no connection; no skin contact');
    noble.broadcast(straps[0]!, polarAdvert(90, 4));
    expect(readings.map((r) => r.metrics.heartRateBpm)).toEqual([150, 90]);
  });

  it('counts and drops a broken advertisement of a broadcasting strap', async () => {
    const { noble, readings, straps, statusOf } = await start(1);
    noble.broadcast(straps[0]!, polarAdvert(110, 1));
    noble.broadcast(straps[0]!, '6b 00 46 05 00'); // a data block that claims 5 bytes and carries 1
    expect(readings).toHaveLength(1);
    expect(statusOf('strap-1').detail).toMatch(/1 undecodable advertisement\(s\), last: data block at offset 0 says 5 bytes/);
  });

  it('a strap that does not broadcast its heart rate is connected as before', async () => {
    const { noble, straps, statusOf } = await start(1);
    noble.advertise(straps[0]!);
    await new Promise((resolve) => setImmediate(resolve));
    expect(straps[0]!.connectCalls).toBe(1);
    expect(statusOf('strap-1').state).toBe('ok');
    expect(statusOf('strap-1').detail).toBe('connected');
  });

  describe('through the gateway', () => {
    let gateway: Gateway | null = null;
    afterEach(async () => {
      await gateway?.close();
      gateway = null;
    });

    it("a paired strap's broadcast reaches the floor as its member's heart rate, and the strap is never connected", async () => {
      const noble = new FakeNoble();
      const clock = manualClock('2026-03-02T07:00:00Z');
      const adapter = new BleAdapter({
        config: bleDeviceSchema.parse({ kind: 'ble', id: 'ble', devices: [{ id: 'strap-1', name: 'Strap 1', kind: 'hr_strap', address: address(1) }] }),
        log: createLogger('silent'),
        clock,
        dataDir: '.',
        loadNoble: async () => noble,
      });
      gateway = await floorGateway({}, { clock, adapters: [adapter] });
      expect(gateway.sessions.pairStrap('strap-1', '1001', 'test').ok).toBe(true); // Anna's badge in the demo roster
      const floorReadings: EquipmentReading[] = [];
      gateway.floor.on('reading', (r) => floorReadings.push(r));
      const strap = new FakePeripheral(address(1), { localName: 'Polar OH1' }, [new FakeCharacteristic('2a37')]);
      noble.broadcast(strap, OH1_CAPTURE);
      noble.broadcast(strap, OH1_CAPTURE);
      expect(floorReadings).toEqual([expect.objectContaining({ equipmentId: 'strap-1', memberId: 'm-anna', metrics: { heartRateBpm: 60 } })]);
      expect(strap.connectCalls).toBe(0);
      expect(gateway.status().devices.find((d) => d.id === 'strap-1')).toMatchObject({ state: 'ok', detail: 'heart rate by broadcast, no connection' });
    });
  });
});

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BleAdapter } from '../../gateway/devices/ble/ble-adapter.js';
import { bleDeviceSchema } from '../../gateway/devices/ble/config.js';
import { CaptureWriter, parseCapture } from '../../gateway/devices/capture.js';
import type { EquipmentReading } from '../../gateway/devices/types.js';
import { systemClock } from '../../gateway/time/clock.js';
import { createLogger } from '../../gateway/log.js';
import { FakeCharacteristic, FakeNoble, FakePeripheral } from '../support/fake-noble.js';

// Recorded notifications of a First Degree Fitness Viking Pro V rower (nRF Connect log, zpukr/ArduRower issue #1):
// a record split over a "distance/HR/time" part (More Data set) and the stroke part that ends it.
const ROWER_PART = '05-0A-62-00-00-00-31-00';
const ROWER_END = 'F8-00-26-0B-00-C7-00-00-00-2C-00-1B-00-02-00';
const ROWER_METRICS = { distanceM: 98, elapsedS: 49, strokeRateSpm: 19, paceSecPer500m: 199, speedMps: 2.513, powerW: 44 };

function rower(address: string, name: string) {
  const data = new FakeCharacteristic('2ad1');
  return { data, peripheral: new FakePeripheral(address, { localName: name, serviceUuids: ['1826'] }, [data]) };
}

async function settle(ms = 0): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
}

describe('BLE adapter (fake noble with recorded bytes)', () => {
  let readings: EquipmentReading[];
  let noble: FakeNoble;
  const adapters: BleAdapter[] = [];

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(new Date('2026-03-02T07:00:00Z'));
    readings = [];
    noble = new FakeNoble();
  });

  afterEach(async () => {
    for (const a of adapters.splice(0)) await a.stop();
    vi.useRealTimers();
  });

  async function start(config: Record<string, unknown>, extra: Partial<ConstructorParameters<typeof BleAdapter>[0]> = {}) {
    const adapter = new BleAdapter({
      config: bleDeviceSchema.parse({ kind: 'ble', id: 'ble-main', ...config }),
      log: createLogger('silent'),
      clock: systemClock,
      dataDir: mkdtempSync(path.join(tmpdir(), 'floorgate-ble-')),
      loadNoble: async () => noble,
      random: () => 1, // no jitter: the schedule is exact
      ...extra,
    });
    adapters.push(adapter);
    await adapter.start({ badge: () => {}, reading: (r) => readings.push(r) });
    return adapter;
  }

  const statusOf = (adapter: BleAdapter, id: string) => adapter.status().find((s) => s.id === id)!;

  it('connects a known rower by name, subscribes, and turns its notifications into readings', async () => {
    const adapter = await start({ devices: [{ id: 'rower-1', name: 'Rower 1', kind: 'rower', namePattern: '^viking' }] });
    const { data, peripheral } = rower('aa:bb:cc:00:00:01', 'Viking Pro V');
    noble.advertise(peripheral, -67);
    await settle();
    expect(data.subscribed).toBe(true);
    expect(statusOf(adapter, 'rower-1')).toMatchObject({ state: 'ok', rssi: -67 });

    data.notify(ROWER_PART);
    expect(readings).toHaveLength(0); // the record is not complete yet
    data.notify(ROWER_END);
    expect(readings).toHaveLength(1);
    expect(readings[0]).toMatchObject({ equipmentId: 'rower-1', name: 'Rower 1', kind: 'rower', metrics: ROWER_METRICS });
    expect(readings[0]!.metrics).not.toHaveProperty('heartRateBpm'); // 0 bpm = no strap, not a heart rate of zero

    // Connected devices stop advertising: the adapter reads their signal strength itself.
    peripheral.rssi = -74;
    await settle(10_000);
    expect(statusOf(adapter, 'rower-1').rssi).toBe(-74);
  });

  it('matches by address before name, and leaves unconfigured devices alone (but reports them nearby)', async () => {
    const adapter = await start({
      devices: [{ id: 'bike-7', name: 'Bike 7', kind: 'bike', address: 'E8-FE-6E-91-9F-16' }],
    });
    const power = new FakeCharacteristic('00002a63-0000-1000-8000-00805f9b34fb');
    const pedals = new FakePeripheral('e8:fe:6e:91:9f:16', { localName: 'ASSIOMA17287L', serviceUuids: ['1818'] }, [power]);
    const stranger = rower('aa:bb:cc:00:00:99', 'Viking Pro V');
    noble.advertise(stranger.peripheral);
    noble.advertise(pedals);
    await settle();
    expect(stranger.peripheral.connectCalls).toBe(0);
    expect(statusOf(adapter, 'ble-main').detail).toContain('1 unconfigured fitness device(s) nearby');
    // Assioma Uno captures (doudar/SmartSpin2k test_CyclePowerData.cpp): cadence needs two crank samples.
    power.notify('20 00 00 00 01 00 00 0b');
    power.notify('20 00 2d 00 02 00 b8 12');
    expect(readings.at(-1)).toMatchObject({ equipmentId: 'bike-7', kind: 'bike', metrics: { powerW: 45, cadenceRpm: 31.09 } });
  });

  it('holds no more connections than configured; a freed slot goes to the waiting device', async () => {
    const adapter = await start({
      maxConnections: 2,
      devices: [1, 2, 3].map((n) => ({ id: `rower-${n}`, name: `Rower ${n}`, kind: 'rower', namePattern: `^Rower ${n}$` })),
    });
    const machines = [1, 2, 3].map((n) => rower(`aa:bb:cc:00:00:0${n}`, `Rower ${n}`));
    for (const m of machines) noble.advertise(m.peripheral);
    await settle();
    expect(machines.map((m) => m.peripheral.connectCalls)).toEqual([1, 1, 0]);
    expect(statusOf(adapter, 'rower-3')).toMatchObject({ state: 'disconnected', detail: expect.stringContaining('waiting for a free connection (limit 2)') });
    expect(statusOf(adapter, 'ble-main').detail).toContain('2 of 2 connections in use');

    machines[0]!.peripheral.drop();
    await settle();
    expect(machines[2]!.peripheral.connectCalls).toBe(1);
    expect(statusOf(adapter, 'rower-3').state).toBe('ok');
    expect(statusOf(adapter, 'rower-1')).toMatchObject({ state: 'connecting', detail: expect.stringContaining('reconnecting in') });
  });

  it('reconnects with exponential backoff, and starts over after a good connection', async () => {
    const adapter = await start({
      reconnect: { initialDelayMs: 1_000, maxDelayMs: 8_000 },
      devices: [{ id: 'rower-1', name: 'Rower 1', kind: 'rower', namePattern: 'viking' }],
    });
    const { peripheral } = rower('aa:bb:cc:00:00:01', 'Viking Pro V');
    peripheral.failConnects = 4;
    noble.advertise(peripheral);
    await settle();
    expect(peripheral.connectCalls).toBe(1);
    expect(statusOf(adapter, 'rower-1').problem).toEqual({ code: 'connect_failed', detail: 'connection refused' });
    // Delays with no jitter: 1 s, 2 s, 4 s, 8 s (capped).
    for (const [delay, calls] of [[1_000, 2], [2_000, 3], [4_000, 4], [8_000, 5]] as const) {
      await settle(delay - 1);
      expect(peripheral.connectCalls).toBe(calls - 1);
      await settle(1);
      expect(peripheral.connectCalls).toBe(calls);
    }
    expect(statusOf(adapter, 'rower-1').state).toBe('ok');
    peripheral.drop();
    // Switched off or out of range is no problem of the machine's: it is reconnecting, nothing to fix.
    expect(statusOf(adapter, 'rower-1')).toMatchObject({ state: 'connecting' });
    expect(statusOf(adapter, 'rower-1')).not.toHaveProperty('problem');
    await settle(999);
    expect(peripheral.connectCalls).toBe(5);
    await settle(1);
    expect(peripheral.connectCalls).toBe(6); // back to the first delay
  });

  it('jitters the delays so machines that dropped together do not retry in lockstep', async () => {
    const { reconnectDelayMs } = await import('../../gateway/devices/ble/backoff.js');
    const limits = { initialMs: 1_000, maxMs: 60_000 };
    expect(reconnectDelayMs(0, 0, limits)).toBe(500);
    expect(reconnectDelayMs(0, 1, limits)).toBe(1_000);
    expect(reconnectDelayMs(3, 0.5, limits)).toBe(6_000);
    expect(reconnectDelayMs(40, 1, limits)).toBe(60_000);
  });

  it('emits only what the machine sent: a quiet machine yields no readings, however long it stays quiet', async () => {
    await start({ devices: [{ id: 'rower-1', name: 'Rower 1', kind: 'rower', namePattern: 'viking' }] });
    const { data, peripheral } = rower('aa:bb:cc:00:00:01', 'Viking Pro V');
    noble.advertise(peripheral);
    await settle();
    data.notify(ROWER_PART);
    data.notify(ROWER_END);
    expect(readings).toHaveLength(1);
    const sentAt = readings[0]!.at.getTime();

    // Rates that fade or fall to zero would be invented: the board marks the tile stale, then offline, instead.
    await settle(60_000);
    expect(readings).toHaveLength(1);

    data.notify(ROWER_END); // the rower comes back: its live values at once, stamped when they arrived
    expect(readings).toHaveLength(2);
    expect(readings[1]!.metrics).toEqual(ROWER_METRICS);
    expect(readings[1]!.at.getTime() - sentAt).toBe(60_000);
  });

  it('counts and drops malformed notifications', async () => {
    const adapter = await start({ devices: [{ id: 'hr-1', name: 'Strap 1', kind: 'hr_strap', namePattern: 'polar' }] });
    const hr = new FakeCharacteristic('2a37');
    noble.advertise(new FakePeripheral('aa:bb:cc:00:00:05', { localName: 'Polar H10' }, [hr]));
    await settle();
    hr.notify('10 5a 00 08 00 10 00'); // an RR interval cut in half
    hr.notify('00 50'); // 80 bpm (bluetooth-sig-python heart-rate vector)
    expect(readings.map((r) => r.metrics)).toEqual([{ heartRateBpm: 80 }]);
    expect(statusOf(adapter, 'hr-1')).toMatchObject({ state: 'ok', detail: expect.stringContaining('1 undecodable notification(s)') });
  });

  it('reports Bluetooth unavailable, never throws, when noble cannot load', async () => {
    const error = Object.assign(new Error('EAFNOSUPPORT, Address family not supported by protocol'), { code: 'EAFNOSUPPORT' });
    const adapter = await start(
      { devices: [{ id: 'rower-1', name: 'Rower 1', kind: 'rower', namePattern: 'viking' }] },
      { loadNoble: () => Promise.reject(error) },
    );
    const detail = 'Bluetooth unavailable: EAFNOSUPPORT, Address family not supported by protocol';
    const problem = { code: 'bluetooth_unavailable', detail };
    expect(adapter.status()).toEqual([
      { id: 'ble-main', kind: 'ble', name: 'Bluetooth', state: 'unavailable', detail, problem },
      { id: 'rower-1', kind: 'ble', name: 'Rower 1', equipmentId: 'rower-1', state: 'unavailable', detail, problem },
    ]);
  });

  it('waits for the radio to power on before scanning', async () => {
    noble = new FakeNoble('poweredOff');
    const adapter = await start({ devices: [] });
    expect(noble.scanning).toBe(false);
    expect(statusOf(adapter, 'ble-main')).toMatchObject({
      state: 'unavailable',
      problem: { code: 'bluetooth_off', detail: 'Bluetooth adapter is poweredOff' },
    });
    noble.setState('poweredOn');
    await settle();
    expect(noble.scanning).toBe(true);
    expect(statusOf(adapter, 'ble-main').state).toBe('ok');
    expect(statusOf(adapter, 'ble-main')).not.toHaveProperty('problem');
  });

  it('captures raw notifications to a JSON-lines file that parses back frame for frame', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'floorgate-capture-')), 'rower.jsonl');
    await start(
      { devices: [{ id: 'rower-1', name: 'Rower 1', kind: 'rower', namePattern: 'viking' }] },
      { capture: new CaptureWriter(file, systemClock) },
    );
    const { data, peripheral } = rower('aa:bb:cc:00:00:01', 'Viking Pro V');
    noble.advertise(peripheral);
    await settle();
    data.notify(ROWER_PART);
    await settle(40);
    data.notify(ROWER_END);
    const { frames, rejected } = parseCapture(readFileSync(file, 'utf8'));
    expect(rejected).toEqual([]);
    expect(frames).toEqual([
      { t: expect.any(Number), source: 'rower-1', characteristic: '2ad1', hex: '050a620000003100' },
      { t: expect.any(Number), source: 'rower-1', characteristic: '2ad1', hex: 'f800260b00c70000002c001b000200' },
    ]);
    expect(frames[1]!.t - frames[0]!.t).toBe(40);
  });
});

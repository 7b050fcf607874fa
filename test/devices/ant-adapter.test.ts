import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from '../../gateway/config/load.js';
import type { Gateway } from '../../gateway/app.js';
import { AntAdapter } from '../../gateway/devices/ant/ant-adapter.js';
import { antDeviceSchema } from '../../gateway/devices/ant/config.js';
import type { EquipmentReading } from '../../gateway/devices/types.js';
import { createLogger } from '../../gateway/log.js';
import { manualClock } from '../../gateway/time/clock.js';
import type { EquipmentSession } from '../../shared/sessions.js';
import { FakeAntStick, scanMessage } from '../support/fake-ant-stick.js';
import { floorGateway } from '../support/floor-gateway.js';
import { hex } from '../protocols/hex.js';

const HR = 120;
const FE = 17;
const POWER = 11;

// Source: john-38787364/antifier, "Heart Rate Sensor ANT Messages.txt" (an ANT+ heart-rate sensor at 72 bpm, 4 Hz):
// consecutive beats, the first pair across the beat-time and beat-count wraps. Each page is on air 4 times per beat.
const HR_LOG = ['[00][FF][FF][FF][CD][FD][99][48]', '[86][FF][00][00][22][01][9A][48]', '[80][FF][FF][FF][AB][51][FF][48]', '[80][FF][FF][FF][00][55][00][48]'];
// Source: john-38787364/antifier, tacx-interface.py: a power sensor's page 0x10 (event 236, accumulated 0x4ebe, 0 W).
const POWER_PAGE = '10 ec ff 00 be 4e 00 00';

const strap = { id: 'strap-7', name: 'Strap 7', kind: 'hr_strap', deviceNumber: 4242, profile: 'heart_rate' };
const rower = { id: 'rower-3', name: 'Rower 3', kind: 'rower', deviceNumber: 777, profile: 'fitness_equipment' };
const bike = { id: 'bike-2', name: 'Bike 2', kind: 'bike', deviceNumber: 12345, profile: 'bicycle_power' };

describe('ANT+ adapter (fake stick, recorded pages through the message layer)', () => {
  const adapters: AntAdapter[] = [];
  let gateway: Gateway | null = null;
  afterEach(async () => {
    for (const a of adapters.splice(0)) await a.stop();
    await gateway?.close();
    gateway = null;
    vi.useRealTimers();
  });

  async function start(devices: object[], stick = new FakeAntStick(), clock = manualClock('2026-03-02T07:00:00Z'), loadStick = async () => stick) {
    const readings: EquipmentReading[] = [];
    const adapter = new AntAdapter({ config: antDeviceSchema.parse({ kind: 'ant', id: 'ant', devices }), log: createLogger('silent'), clock, loadStick });
    adapters.push(adapter);
    await adapter.start({ badge: () => {}, reading: (r) => readings.push(r) });
    const statusOf = (id: string) => adapter.status().find((s) => s.id === id)!;
    return { adapter, readings, stick, clock, statusOf };
  }

  it('reads a strap in continuous scan: one reading per beat, not per repeated page', async () => {
    const { readings, stick, statusOf } = await start([strap]);
    expect(stick.channel.scanning).toBe(true);
    for (const page of HR_LOG) for (let i = 0; i < 4; i++) stick.channel.receive(scanMessage(hex(page), HR, 4242, -58));
    expect(readings).toHaveLength(4);
    expect(readings[0]).toMatchObject({ equipmentId: 'strap-7', name: 'Strap 7', kind: 'hr_strap', metrics: { heartRateBpm: 72 } });
    expect(statusOf('strap-7')).toMatchObject({ kind: 'ant', state: 'ok', rssi: -58, detail: 'receiving' });
    expect(statusOf('ant')).toMatchObject({ state: 'ok', detail: 'scanning' });
  });

  it('a strap without a valid beat (0 bpm) gives no heart rate', async () => {
    const { readings, stick } = await start([strap]);
    stick.channel.receive(scanMessage(hex('00 FF FF FF 00 00 00 00'), HR, 4242));
    stick.channel.receive(scanMessage(hex('00 FF FF FF 34 12 05 3C'), HR, 4242));
    expect(readings.map((r) => r.metrics)).toEqual([{ heartRateBpm: 60 }]);
  });

  it('keeps a device of another type with the same number apart, and lists unconfigured devices nearby', async () => {
    const { readings, stick, statusOf } = await start([strap]);
    stick.channel.receive(scanMessage(hex(HR_LOG[0]!), HR, 9999));
    stick.channel.receive(scanMessage(hex(POWER_PAGE), POWER, 4242));
    expect(readings).toHaveLength(0);
    expect(statusOf('ant').detail).toBe('scanning; 2 unconfigured ANT+ device(s) nearby');
    expect(statusOf('strap-7')).toMatchObject({ state: 'disconnected', detail: 'not heard yet (device number 4242)' });
  });

  it('counts and drops a message with a bad checksum', async () => {
    const { readings, stick, statusOf } = await start([strap]);
    const broken = scanMessage(hex(HR_LOG[0]!), HR, 4242);
    broken[broken.length - 1]! ^= 0xff;
    stick.channel.receive(broken);
    stick.channel.receive(scanMessage(hex(HR_LOG[0]!), HR, 4242));
    expect(readings).toHaveLength(1);
    expect(statusOf('ant').detail).toMatch(/^scanning; 1 malformed message\(s\), last: checksum mismatch/);
  });

  it('an FE-C rower: distance and time rebuilt across their 8-bit wraps, strokes and power from page 22', async () => {
    const { readings, stick } = await start([rower]);
    const general = (quarterS: number, metres: number) => hex(`10 16 ${quarterS.toString(16).padStart(2, '0')} ${metres.toString(16).padStart(2, '0')} 88 13 FF 34`);
    stick.channel.receive(scanMessage(general(0xf0, 0xfa), FE, 777)); // 60 s, 250 m on the counters: the start
    stick.channel.receive(scanMessage(hex('50 FF FF 01 0F 00 85 83'), FE, 777)); // common page 80: no metric, not an error
    stick.channel.receive(scanMessage(hex('16 FF FF 2A 1C 96 00 30'), FE, 777)); // 28 spm, 150 W
    stick.channel.receive(scanMessage(general(0x08, 0x0e), FE, 777)); // both counters wrapped: +6 s, +20 m
    expect(readings).toHaveLength(3);
    expect(readings.at(-1)).toMatchObject({
      equipmentId: 'rower-3',
      kind: 'rower',
      metrics: { elapsedS: 6, distanceM: 20, speedMps: 5, paceSecPer500m: 100, strokeRateSpm: 28, powerW: 150 },
    });
  });

  it('a power meter: each power event once, however often it is repeated', async () => {
    const { readings, stick, statusOf } = await start([bike]);
    stick.channel.receive(scanMessage(hex(POWER_PAGE), POWER, 12345));
    stick.channel.receive(scanMessage(hex(POWER_PAGE), POWER, 12345));
    stick.channel.receive(scanMessage(hex('10 ed ff 5a 86 4f c8 00'), POWER, 12345)); // event 237: 200 W at 90 rpm
    expect(readings.map((r) => r.metrics)).toEqual([{ powerW: 0, cadenceRpm: 0 }, { powerW: 200, cadenceRpm: 90 }]);
    stick.channel.receive(scanMessage(hex('12 01 FF FF 00 00 00 00'), POWER, 12345)); // crank torque page: not read, not an error
    expect(statusOf('bike-2').detail).toBe('receiving');
  });

  it('a device not heard for a while shows as disconnected', async () => {
    const { stick, clock, statusOf } = await start([strap]);
    stick.channel.receive(scanMessage(hex(HR_LOG[0]!), HR, 4242));
    clock.advance(8_000);
    expect(statusOf('strap-7')).toMatchObject({ state: 'disconnected', detail: 'not heard for 8 s' });
  });

  it('without the library or its USB binding: unavailable with an ANT+ problem, no crash', async () => {
    const { statusOf } = await start([strap], undefined, undefined, async () => {
      throw new Error("Cannot find module 'usb'");
    });
    const problem = { code: 'ant_unavailable', detail: "ANT+ unavailable: Cannot find module 'usb'" };
    expect(statusOf('ant')).toMatchObject({ state: 'unavailable', problem });
    expect(statusOf('strap-7')).toMatchObject({ state: 'unavailable', equipmentId: 'strap-7', problem });
  });

  it('no stick plugged in: unavailable, and found by itself once plugged in', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const stick = new FakeAntStick('NoStick');
    const { statusOf } = await start([strap], stick);
    expect(statusOf('ant')).toMatchObject({
      state: 'unavailable',
      problem: { code: 'ant_unavailable', detail: 'ANT+ unavailable: no ANT+ USB stick found (Garmin/Dynastream 0fcf:1008 or 0fcf:1009)' },
    });
    stick.openResult = 'Success';
    await vi.advanceTimersByTimeAsync(10_000);
    expect(stick.opens).toBe(2);
    expect(statusOf('ant')).toMatchObject({ state: 'ok', detail: 'scanning' });
    expect(statusOf('ant').problem).toBeUndefined();
  });

  it('the real gateway with the real library and no stick here: the ANT+ stick is unavailable, the rest runs', async () => {
    gateway = await floorGateway({ devices: [{ kind: 'ant', id: 'ant-1', devices: [strap] }] });
    const devices = gateway.status().devices.filter((d) => d.kind === 'ant');
    expect(devices.map((d) => [d.id, d.state, d.problem?.code])).toEqual([
      ['ant-1', 'unavailable', 'ant_unavailable'],
      ['strap-7', 'unavailable', 'ant_unavailable'],
    ]);
    expect(devices[0]!.detail).toMatch(/^ANT\+ unavailable: /);
  });

  it('an FE-C rower through the gateway: readings make a session with its distance', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const clock = manualClock('2026-01-05T09:00:00.000Z');
    const stick = new FakeAntStick();
    const adapter = new AntAdapter({ config: antDeviceSchema.parse({ kind: 'ant', id: 'ant', devices: [rower] }), log: createLogger('silent'), clock, loadStick: async () => stick });
    gateway = await floorGateway({ sessions: { idleTimeoutS: 10, minDurationS: 10 } }, { clock, adapters: [adapter] });
    const sessions: EquipmentSession[] = [];
    gateway.floor.on('session', (s) => sessions.push(s));
    // 60 s of rowing at 2.5 m/s: a general page (¼ s and metre counters wrap) and a stroke page each second.
    for (let s = 0; s <= 60; s++) {
      const quarterS = (s * 4) & 0xff;
      const metres = Math.round(s * 2.5) & 0xff;
      stick.channel.receive(scanMessage(hex(`10 16 ${quarterS.toString(16).padStart(2, '0')} ${metres.toString(16).padStart(2, '0')} C4 09 FF 34`), FE, 777));
      stick.channel.receive(scanMessage(hex(`16 FF FF ${(s & 0xff).toString(16).padStart(2, '0')} 18 B4 00 30`), FE, 777)); // 24 spm, 180 W
      clock.advance(1000);
      await vi.advanceTimersByTimeAsync(1000);
    }
    for (let i = 0; i < 15; i++) {
      clock.advance(1000);
      await vi.advanceTimersByTimeAsync(1000);
    }
    gateway.sessions.tick();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.equipmentId).toBe('rower-3');
    expect(sessions[0]!.summary).toMatchObject({ distanceM: 150, avgPowerW: 180 });
  });
});

describe('ANT+ adapter on random bytes', () => {
  it('never throws, and every reading it makes is a configured device with finite metrics', async () => {
    const fc = await import('fast-check');
    const readings: EquipmentReading[] = [];
    const stick = new FakeAntStick();
    const adapter = new AntAdapter({
      config: antDeviceSchema.parse({ kind: 'ant', id: 'ant', devices: [strap, rower, bike] }),
      log: createLogger('silent'),
      clock: manualClock('2026-03-02T07:00:00Z'),
      loadStick: async () => stick,
    });
    await adapter.start({ badge: () => {}, reading: (r) => readings.push(r) });
    const configured = [
      [HR, 4242],
      [FE, 777],
      [POWER, 12345],
    ] as const;
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), fc.constantFrom(...configured), fc.uint8Array({ maxLength: 24 }), (page, [type, number], junk) => {
        stick.channel.receive(scanMessage(page, type, number));
        stick.channel.receive(junk);
      }),
      { numRuns: 3000 },
    );
    await adapter.stop();
    expect(readings.length).toBeGreaterThan(0);
    for (const r of readings) {
      expect(['strap-7', 'rower-3', 'bike-2']).toContain(r.equipmentId);
      for (const v of Object.values(r.metrics)) expect(Number.isFinite(v)).toBe(true);
    }
  });
});

describe('ANT+ config', () => {
  function configError(devices: unknown[]): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'floorgate-ant-config-'));
    const file = path.join(dir, 'floorgate.config.json');
    writeFileSync(file, JSON.stringify({ devices }));
    try {
      loadConfig({ env: {}, file, cwd: dir });
    } catch (error) {
      if (error instanceof ConfigError) return error.message;
      throw error;
    }
    throw new Error('config was accepted');
  }

  it('names the bad field', () => {
    expect(configError([{ kind: 'ant', id: 'ant', devices: [{ ...strap, deviceNumber: 0 }] }])).toContain('devices.0.devices.0.deviceNumber: must be 1–65535 (0 is the wildcard)');
    expect(configError([{ kind: 'ant', id: 'ant', devices: [{ ...strap, profile: 'speed' }] }])).toContain('devices.0.devices.0.profile: must be heart_rate (straps)');
    expect(configError([{ kind: 'ant', id: 'ant', devices: [{ ...strap, kind: 'kayak' }] }])).toContain('devices.0.devices.0.kind');
  });

  it('fills the defaults', () => {
    expect(antDeviceSchema.parse({ kind: 'ant', id: 'ant' })).toEqual({ kind: 'ant', id: 'ant', name: 'ANT+', devices: [], reopenMs: 10_000, silentAfterMs: 5_000 });
  });
});

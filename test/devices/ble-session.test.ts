import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EquipmentKind } from '../../shared/equipment.js';
import type { EquipmentSession } from '../../shared/sessions.js';
import type { Gateway } from '../../gateway/app.js';
import { BleAdapter } from '../../gateway/devices/ble/ble-adapter.js';
import { bleDeviceSchema } from '../../gateway/devices/ble/config.js';
import { parseCapture } from '../../gateway/devices/capture.js';
import { createLogger } from '../../gateway/log.js';
import { manualClock } from '../../gateway/time/clock.js';
import { floorGateway } from '../support/floor-gateway.js';
import { FakeCharacteristic, FakeNoble, FakePeripheral } from '../support/fake-noble.js';

const CAPTURE = fileURLToPath(new URL('../fixtures/captures/rowing-session.jsonl', import.meta.url));
const IDLE_TIMEOUT_S = 10;

/** Lets pending promise callbacks (noble's connect, subscribe) run; waits for them, not for time. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1_000 && !condition(); i++) await new Promise((resolve) => setImmediate(resolve));
  expect(condition()).toBe(true);
}

/**
 * Machines that go quiet in the middle of a workout, through the live Bluetooth path: fake noble → BleAdapter →
 * the gateway's sink → sessions → journal. Readings are facts: nothing the machine did not send may count — not
 * in the session's end, its average power, nor its distance.
 */
describe('a BLE machine that stops sending mid-session', () => {
  let gateway: Gateway | null = null;

  beforeEach(() => {
    // Only the intervals are faked (adapter, session tick, board sweep); the clock is injected, the rest is real.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  });

  afterEach(async () => {
    await gateway?.close();
    gateway = null;
    vi.useRealTimers();
  });

  /** A gateway with one Bluetooth machine connected over fake noble; `at(ms)` moves time to ms after the start. */
  async function floorWith(machine: { id: string; kind: EquipmentKind; localName: string; characteristic: string }) {
    const clock = manualClock('2026-01-05T09:00:00.000Z');
    const anchor = clock.now().getTime();
    const noble = new FakeNoble();
    const adapter = new BleAdapter({
      config: bleDeviceSchema.parse({
        kind: 'ble',
        id: 'ble',
        devices: [{ id: machine.id, name: machine.id, kind: machine.kind, namePattern: `^${machine.localName}$` }],
      }),
      log: createLogger('silent'),
      clock,
      dataDir: '.',
      loadNoble: async () => noble,
    });
    gateway = await floorGateway({ sessions: { idleTimeoutS: IDLE_TIMEOUT_S, minDurationS: 10 } }, { clock, adapters: [adapter] });
    const sessions: EquipmentSession[] = [];
    gateway.floor.on('session', (s) => sessions.push(s));
    const data = new FakeCharacteristic(machine.characteristic);
    noble.advertise(new FakePeripheral('aa:bb:cc:00:00:01', { localName: machine.localName }, [data]));
    await until(() => data.subscribed);
    // Time moves in small steps so every interval runs as it would live.
    const at = async (ms: number) => {
      while (clock.now().getTime() - anchor < ms) {
        const step = Math.min(100, ms - (clock.now().getTime() - anchor));
        clock.advance(step);
        await vi.advanceTimersByTimeAsync(step);
      }
    };
    return { g: gateway, anchor, data, sessions, at };
  }

  it('a rower cut mid-row ends at its last real reading, with the recording’s distance and average power', async () => {
    const { g, anchor, data, sessions, at } = await floorWith({ id: 'rower-1', kind: 'rower', localName: 'Viking Pro V', characteristic: '2ad1' });
    // The rowing capture cut after 120 s rowed (fixtures README: 2:00/500 m → 500 m, 203 W, 24 spm).
    const frames = parseCapture(readFileSync(CAPTURE, 'utf8')).frames.filter((f) => f.t < 125_000);
    for (const frame of frames) {
      await at(frame.t);
      data.notify(frame.hex);
    }
    const lastFrameMs = frames.at(-1)!.t;
    expect(lastFrameMs).toBe(124_040);

    // Silent from here on. Just before the idle time has passed the session is still running…
    const endsAt = lastFrameMs + IDLE_TIMEOUT_S * 1000;
    await at(endsAt - 1);
    g.sessions.tick();
    expect(sessions).toHaveLength(0);
    // …and at the idle time it ends, at the last real reading.
    await at(endsAt);
    g.sessions.tick();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({
      equipmentId: 'rower-1',
      startedAt: new Date(anchor + 5_040).toISOString(),
      endedAt: new Date(anchor + lastFrameMs).toISOString(),
    });
    expect(sessions[0]!.summary).toMatchObject({ distanceM: 500, avgPowerW: 203, maxPowerW: 203, avgStrokeRateSpm: 24, avgPaceSecPer500m: 120 });

    // Long after: no second session, nothing the rower never sent.
    await at(endsAt + 30_000);
    expect(sessions).toHaveLength(1);
  });

  it('a speed-only bike gains no distance after it goes quiet', async () => {
    const { g, anchor, data, sessions, at } = await floorWith({ id: 'bike-1', kind: 'bike', localName: 'IC Bike', characteristic: '2ad2' });
    // A Schwinn IC4 Indoor Bike Data notification (ptx2/gymnasticon src/test/bikes/ic4.js): 7.3 km/h (2.028 m/s),
    // 129 rpm, 290 W, and no distance field — the gateway integrates speed. Sent once a second for 60 s.
    for (let s = 0; s < 60; s++) {
      await at(s * 1000);
      data.notify('4402da020201220100');
    }
    await at(59_000 + IDLE_TIMEOUT_S * 1000);
    g.sessions.tick();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ startedAt: new Date(anchor).toISOString(), endedAt: new Date(anchor + 59_000).toISOString() });
    // 59 one-second gaps at 2.028 m/s = 119.652 m: only the time it was ridden.
    expect(sessions[0]!.summary).toMatchObject({ distanceM: 119.7, avgPowerW: 290, avgCadenceRpm: 129 });
  });
});

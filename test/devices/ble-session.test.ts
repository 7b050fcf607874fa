import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EquipmentSession } from '../../shared/sessions.js';
import type { Gateway } from '../../gateway/app.js';
import { BleAdapter } from '../../gateway/devices/ble/ble-adapter.js';
import { bleDeviceSchema } from '../../gateway/devices/ble/config.js';
import { parseCapture, type CaptureFrame } from '../../gateway/devices/capture.js';
import { createLogger } from '../../gateway/log.js';
import { manualClock } from '../../gateway/time/clock.js';
import { floorGateway } from '../support/floor-gateway.js';
import { FakeCharacteristic, FakeNoble, FakePeripheral } from '../support/fake-noble.js';

const CAPTURE = fileURLToPath(new URL('../fixtures/captures/rowing-session.jsonl', import.meta.url));
const IDLE_TIMEOUT_S = 10;
/** Where the recording is cut: the rower stops talking mid-row, 120 s rowed (README: 4.1667 m/s → 500 m, 203 W). */
const CUT_AT_MS = 125_000;
const LAST_FRAME_MS = 124_040;

/** Lets pending promise callbacks (noble's connect, subscribe) run; waits for them, not for time. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1_000 && !condition(); i++) await new Promise((resolve) => setImmediate(resolve));
  expect(condition()).toBe(true);
}

/**
 * A Bluetooth rower that goes quiet in the middle of a row, through the live path: fake noble → BleAdapter →
 * the gateway's sink → sessions → journal. Readings are facts: nothing the rower did not send may count.
 */
describe('a BLE recording that stops mid-session', () => {
  let gateway: Gateway | null = null;
  let adapter: BleAdapter | null = null;

  beforeEach(() => {
    // Only the intervals are faked (adapter, sessions, board); the clock is injected, everything else is real.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  });

  afterEach(async () => {
    await gateway?.close();
    gateway = null;
    adapter = null;
    vi.useRealTimers();
  });

  it('ends at the last real reading after the idle time, with the recording’s distance and average power', async () => {
    const clock = manualClock('2026-01-05T09:00:00.000Z');
    const anchor = clock.now().getTime();
    const noble = new FakeNoble();
    adapter = new BleAdapter({
      config: bleDeviceSchema.parse({ kind: 'ble', id: 'ble', devices: [{ id: 'rower-1', name: 'Rower 1', kind: 'rower', namePattern: '^Viking' }] }),
      log: createLogger('silent'),
      clock,
      dataDir: '.',
      loadNoble: async () => noble,
    });
    gateway = await floorGateway({ sessions: { idleTimeoutS: IDLE_TIMEOUT_S, minDurationS: 10 } }, { clock, adapters: [adapter] });
    const sessions: EquipmentSession[] = [];
    gateway.floor.on('session', (s) => sessions.push(s));

    const data = new FakeCharacteristic('2ad1');
    noble.advertise(new FakePeripheral('aa:bb:cc:00:00:01', { localName: 'Viking Pro V', serviceUuids: ['1826'] }, [data]));
    await until(() => data.subscribed);

    // Time moves in small steps so every interval (the adapter's, the session tick, the board sweep) runs as live.
    const moveTo = async (ms: number) => {
      while (clock.now().getTime() - anchor < ms) {
        const step = Math.min(100, ms - (clock.now().getTime() - anchor));
        clock.advance(step);
        await vi.advanceTimersByTimeAsync(step);
      }
    };
    const frames: CaptureFrame[] = parseCapture(readFileSync(CAPTURE, 'utf8')).frames.filter((f) => f.t < CUT_AT_MS);
    for (const frame of frames) {
      await moveTo(frame.t);
      data.notify(frame.hex);
    }
    expect(frames.at(-1)!.t).toBe(LAST_FRAME_MS);

    // The rower is silent from here on. Just before the idle time has passed the session is still running…
    const endsAt = LAST_FRAME_MS + IDLE_TIMEOUT_S * 1000;
    await moveTo(endsAt - 1);
    gateway.sessions.tick();
    expect(sessions).toHaveLength(0);
    // …and at the idle time it ends, at the last real reading.
    await moveTo(endsAt);
    gateway.sessions.tick();
    expect(sessions).toHaveLength(1);
    const [session] = sessions;
    expect(session).toMatchObject({
      equipmentId: 'rower-1',
      startedAt: new Date(anchor + 5_040).toISOString(),
      endedAt: new Date(anchor + LAST_FRAME_MS).toISOString(),
    });
    expect(session!.summary).toMatchObject({ distanceM: 500, avgPowerW: 203, maxPowerW: 203, avgStrokeRateSpm: 24, avgPaceSecPer500m: 120 });

    // Long after, nothing more: no second session, no reading the rower never sent.
    await moveTo(endsAt + 30_000);
    expect(sessions).toHaveLength(1);
  });
});

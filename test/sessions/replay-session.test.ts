import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { EquipmentSession } from '../../shared/sessions.js';
import type { Gateway } from '../../gateway/app.js';
import { manualClock } from '../../gateway/time/clock.js';
import { floorGateway } from '../support/floor-gateway.js';

const CAPTURE = fileURLToPath(new URL('../fixtures/captures/rowing-session.jsonl', import.meta.url));

/**
 * The rowing capture (test/fixtures/captures/README.md: 5 s idle, 300 s at 2:00/500 m, 24 spm, 203 W, 1250 m,
 * 93 kcal, heart rate 100 → 160 bpm with mean 148, then 30 s idle) replayed through the whole pipeline —
 * capture file → BLE codecs → sessions → SQLite journal — as fast as it can go, on the recorded time line.
 */
describe('replay of a rowing capture into a session', () => {
  let gateway: Gateway | null = null;
  afterEach(async () => {
    await gateway?.close();
    gateway = null;
  });

  it('yields one session with the totals the capture holds', async () => {
    const clock = manualClock('2026-01-05T09:00:00.000Z');
    const anchor = clock.now().getTime();
    const session = new Promise<EquipmentSession>((resolve) => {
      const started = floorGateway(
        {
          devices: [{ kind: 'replay', id: 'replay', file: CAPTURE, speed: 0, equipment: [{ source: 'rower-1', name: 'Rower 1' }] }],
          sessions: { idleTimeoutS: 20, minDurationS: 10 },
        },
        { clock },
      );
      void started.then((g) => {
        gateway = g;
        g.floor.on('session', resolve);
      });
    });
    const ended = await session;
    expect(ended).toMatchObject({
      equipmentId: 'rower-1',
      equipmentName: 'Rower 1',
      equipmentType: 'rower',
      memberId: null,
      startedAt: new Date(anchor + 5_040).toISOString(),
      endedAt: new Date(anchor + 304_040).toISOString(),
    });
    expect(ended.summary).toEqual({
      distanceM: 1250,
      durationS: 300,
      avgPowerW: 203,
      maxPowerW: 203,
      avgPaceSecPer500m: 120,
      avgSpeedMps: null,
      avgStrokeRateSpm: 24,
      avgCadenceRpm: null,
      energyKcal: 93,
      avgHeartRateBpm: 148,
      maxHeartRateBpm: 160,
    });

    // Journaled for the outbox, with its 1 Hz samples kept beside it.
    const g = gateway!;
    const row = g.db.prepare('SELECT session_id FROM equipment_sessions WHERE event_id = ?').get(ended.eventId) as { session_id: string };
    const samples = g.sessions.store.samples(row.session_id);
    expect(samples).toHaveLength(300);
    expect(samples[0]).toMatchObject({ t: 0, powerW: 203, strokeRateSpm: 24, heartRateBpm: 100, distanceM: 4 });
    expect(samples.at(-1)).toMatchObject({ t: 299, distanceM: 1250, heartRateBpm: 160 });
    expect(g.outbox.stats().byType).toMatchObject({ equipment_session: { depth: 1 } });
  });
});

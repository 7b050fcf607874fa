import { describe, expect, it } from 'vitest';
import type { EquipmentMetrics } from '../../shared/equipment.js';
import type { EquipmentReading } from '../../gateway/devices/types.js';
import { manualClock } from '../../gateway/time/clock.js';
import { SessionDetector, type DetectorEvent } from '../../gateway/sessions/detector.js';

const T0 = new Date('2026-01-05T09:00:00.000Z');

function rower(atMs: number, metrics: EquipmentMetrics, memberId?: string): EquipmentReading {
  return {
    equipmentId: 'rower-1',
    name: 'Rower 1',
    kind: 'rower',
    at: new Date(T0.getTime() + atMs),
    metrics,
    ...(memberId ? { memberId } : {}),
  };
}

function ended(events: DetectorEvent[]) {
  const e = events.find((x) => x.type === 'ended');
  if (!e || e.type !== 'ended') throw new Error(`no session ended in ${JSON.stringify(events)}`);
  return e.session;
}

describe('session detector (injected clock)', () => {
  it('starts on movement, ends after the idle timeout at the last movement, with the summary of the work', () => {
    const detector = new SessionDetector({ idleTimeoutMs: 30_000, minDurationMs: 10_000 });
    const clock = manualClock(T0);
    // Idle machine before the workout: sets the counters' baseline, starts nothing.
    expect(detector.ingest(rower(0, { powerW: 0, distanceM: 0, energyKcal: 0 }))).toEqual([]);
    // 120 s of rowing at 4 Hz: 2 m per reading (4 m/s → 125 s/500 m), 200 W, 26 spm, HR 140 → 160.
    const events: DetectorEvent[] = [];
    for (let i = 1; i <= 480; i++) {
      events.push(
        ...detector.ingest(
          rower(i * 250, {
            powerW: 200,
            strokeRateSpm: 26,
            speedMps: 4,
            paceSecPer500m: 125,
            heartRateBpm: 140 + Math.floor((i / 480) * 20),
            distanceM: i * 1,
            energyKcal: Math.floor(i / 16),
          }),
        ),
      );
    }
    expect(events).toEqual([{ type: 'started', equipmentId: 'rower-1', at: new Date(T0.getTime() + 250), memberId: null }]);
    // Stopped: the PM keeps reporting the totals with no power.
    for (let s = 1; s <= 29; s++) expect(detector.ingest(rower(120_000 + s * 1000, { powerW: 0, distanceM: 480, energyKcal: 30 }))).toEqual([]);
    clock.set(new Date(T0.getTime() + 120_000 + 29_999));
    expect(detector.tick(clock.now())).toEqual([]);
    clock.advance(1);
    const session = ended(detector.tick(clock.now()));
    expect(session).toMatchObject({
      equipmentId: 'rower-1',
      equipmentType: 'rower',
      memberId: null,
      startedAt: new Date(T0.getTime() + 250),
      endedAt: new Date(T0.getTime() + 120_000),
    });
    expect(session.summary).toEqual({
      distanceM: 480,
      durationS: 119.8,
      avgPowerW: 200,
      maxPowerW: 200,
      avgPaceSecPer500m: 124.8, // 500 × 119.8 s / 480 m
      avgSpeedMps: null,
      avgStrokeRateSpm: 26,
      avgCadenceRpm: null,
      energyKcal: 30,
      avgHeartRateBpm: 150,
      maxHeartRateBpm: 160,
    });
    expect(detector.active('rower-1')).toBeNull();
  });

  it('keeps one sample per second: instantaneous figures averaged, totals at the end of the second', () => {
    const detector = new SessionDetector({ idleTimeoutMs: 5_000, minDurationMs: 0 });
    // 4 Hz for 3 s with alternating power 100/300: every second averages to 200.
    for (let i = 0; i < 12; i++) {
      detector.ingest(rower(i * 250, { powerW: i % 2 === 0 ? 100 : 300, strokeRateSpm: 24, distanceM: i * 2 }));
    }
    const session = ended(detector.tick(new Date(T0.getTime() + 2750 + 5000)));
    expect(session.samples).toEqual([
      { t: 0, powerW: 200, strokeRateSpm: 24, distanceM: 6 },
      { t: 1, powerW: 200, strokeRateSpm: 24, distanceM: 14 },
      { t: 2, powerW: 200, strokeRateSpm: 24, distanceM: 22 },
    ]);
    expect(session.summary.distanceM).toBe(22);
  });

  it('drops the idle tail (samples, heart rate) and counts a counter reset as new distance', () => {
    const detector = new SessionDetector({ idleTimeoutMs: 3_000, minDurationMs: 0 });
    detector.ingest(rower(0, { powerW: 0, distanceM: 950 })); // the last workout's total
    detector.ingest(rower(1000, { powerW: 150, distanceM: 4, heartRateBpm: 150 })); // the PM reset for a new workout: 4 m are new
    detector.ingest(rower(2000, { powerW: 150, distanceM: 8, heartRateBpm: 160 }));
    detector.ingest(rower(3000, { powerW: 0, distanceM: 8, heartRateBpm: 120 }));
    detector.ingest(rower(4000, { powerW: 0, distanceM: 8, heartRateBpm: 110 }));
    const session = ended(detector.ingest(rower(5500, { powerW: 0, distanceM: 8 })));
    expect(session.summary).toMatchObject({ distanceM: 8, avgHeartRateBpm: 155, maxHeartRateBpm: 160 });
    expect(session.samples.map((s) => s.t)).toEqual([0, 1]);
    expect(session.endedAt).toEqual(new Date(T0.getTime() + 2000));
  });

  it('integrates speed for machines that report no distance (bikes with speed only), and averages cadence', () => {
    const detector = new SessionDetector({ idleTimeoutMs: 5_000, minDurationMs: 0 });
    for (let i = 0; i <= 20; i++) {
      detector.ingest({ equipmentId: 'bike-1', name: 'Bike 1', kind: 'bike', at: new Date(T0.getTime() + i * 500), metrics: { powerW: 180, cadenceRpm: 90, speedMps: 8 } });
    }
    const session = ended(detector.tick(new Date(T0.getTime() + 10_000 + 5_000)));
    expect(session.summary).toMatchObject({ distanceM: 80, durationS: 10, avgSpeedMps: 8, avgCadenceRpm: 90, avgPaceSecPer500m: null, avgStrokeRateSpm: null, energyKcal: null });
  });

  it('times the session by the machine’s work clock when it keeps one (the first reading ends the first second)', () => {
    const detector = new SessionDetector({ idleTimeoutMs: 5_000, minDurationMs: 0 });
    detector.ingest(rower(0, { powerW: 0, elapsedS: 0, distanceM: 0 }));
    for (let s = 1; s <= 10; s++) detector.ingest(rower(s * 1000, { powerW: 150, elapsedS: s, distanceM: s * 4 }));
    for (let s = 11; s <= 14; s++) detector.ingest(rower(s * 1000, { powerW: 0, elapsedS: s, distanceM: 40 })); // clock runs on idle
    const session = ended(detector.tick(new Date(T0.getTime() + 15_000)));
    expect(session.summary).toMatchObject({ durationS: 10, distanceM: 40, avgPaceSecPer500m: 125 });
    expect(session.endedAt.getTime() - session.startedAt.getTime()).toBe(9_000);
  });

  it('discards a session shorter than the minimum (a bumped flywheel)', () => {
    const detector = new SessionDetector({ idleTimeoutMs: 2_000, minDurationMs: 10_000 });
    detector.ingest(rower(0, { powerW: 40 }));
    detector.ingest(rower(1000, { powerW: 20 }));
    expect(detector.tick(new Date(T0.getTime() + 3000))).toEqual([
      { type: 'discarded', equipmentId: 'rower-1', startedAt: T0, endedAt: new Date(T0.getTime() + 1000) },
    ]);
  });

  it('takes the member from the adapter, from a pairing, and strap heart rate for the member on the machine', () => {
    const detector = new SessionDetector({ idleTimeoutMs: 2_000, minDurationMs: 0 });
    detector.ingest(rower(0, { powerW: 100 }));
    expect(detector.active('rower-1')).toEqual({ memberId: null, startedAt: T0 });
    expect(detector.assign('rower-1', 'm-anna')).toBe(true);
    expect(detector.machineOf('m-anna')).toBe('rower-1');
    detector.addHeartRate('rower-1', 150, new Date(T0.getTime() + 500));
    detector.addHeartRate('rower-1', 170, new Date(T0.getTime() + 900));
    detector.ingest(rower(1000, { powerW: 100 }));
    const session = ended(detector.tick(new Date(T0.getTime() + 3000)));
    expect(session.memberId).toBe('m-anna');
    expect(session.summary).toMatchObject({ avgHeartRateBpm: 160, maxHeartRateBpm: 170 });

    detector.ingest(rower(10_000, { powerW: 100 }, 'm-erik'));
    expect(detector.active('rower-1')?.memberId).toBe('m-erik');
  });

  it('ends every running session on shutdown, keeping what was done', () => {
    const detector = new SessionDetector({ idleTimeoutMs: 60_000, minDurationMs: 0 });
    detector.ingest(rower(0, { powerW: 100, distanceM: 0 }));
    detector.ingest(rower(5000, { powerW: 100, distanceM: 20 }));
    expect(ended(detector.endAll()).summary.distanceM).toBe(20);
  });
});

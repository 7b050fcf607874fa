/**
 * Issue 10, "Sessions eat the room kept for check-ins": a busy floor (or a forger) fills a box with a
 * small disk budget with equipment sessions — samples, leaderboard entries, achievements — and
 * check-ins must still be accepted. Real gateway, real SQLite file, injected clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Gateway } from '../../gateway/app.js';
import { databaseBytes } from '../../gateway/store/database.js';
import { manualClock } from '../../gateway/time/clock.js';
import { floorGateway, HandAdapter } from '../support/floor-gateway.js';
import { postCheckIn } from '../support/gateway.js';

const MB = 1024 * 1024;
const BUDGET = { maxDatabaseMB: 2, telemetryQuotaMB: 0.5, webhookQuotaMB: 0.25 };

describe('disk budget: sessions cannot eat the room kept for check-ins', () => {
  let gateway: Gateway | null = null;
  afterEach(async () => {
    await gateway?.close();
    gateway = null;
  });

  it('a floor full of sessions is shed oldest-first inside the quota, and check-ins are still accepted', async () => {
    const clock = manualClock('2026-01-05T06:00:00.000Z');
    const hand = new HandAdapter();
    gateway = await floorGateway(
      { storage: BUDGET, checkin: { antiPassbackMinutes: 0 }, sessions: { idleTimeoutS: 20, minDurationS: 5 } },
      { clock, adapters: [hand] },
    );
    const g = gateway;
    const telemetryBytes = () => g.store.budget.telemetryBytes();

    // 400 member sessions of 90 s at 1 Hz on 10 rowers: ~4x what the quota holds, ~2x the whole budget.
    const SESSIONS = 400;
    let lastReadingAt = 0;
    for (let n = 0; n < SESSIONS; n++) {
      const member = `m-crowd-${(n % 20) + 1}`;
      for (let s = 1; s <= 90; s++) {
        clock.advance(1000);
        hand.sink.reading({
          equipmentId: `rower-${n % 10}`,
          name: `Rower ${n % 10}`,
          kind: 'rower',
          at: clock.now(),
          memberId: member,
          metrics: { powerW: 150 + (n % 50), strokeRateSpm: 24, distanceM: s * 4 + n, heartRateBpm: 130, elapsedS: s },
        });
      }
      lastReadingAt = clock.now().getTime();
      clock.advance(21_000);
      g.sessions.tick();
      // Shedding runs just after the commit that crossed the quota (setImmediate, FIFO): let it run.
      await new Promise((resolve) => setImmediate(resolve));
    }

    const produced = g.status().queue.produced.equipment_session ?? 0;

    expect(produced).toBe(SESSIONS);
    // Telemetry stayed inside its quota, the file inside the ceiling that keeps check-ins' room.
    expect(telemetryBytes()).toBeLessThanOrEqual(BUDGET.telemetryQuotaMB * MB);
    expect(databaseBytes(g.db)).toBeLessThanOrEqual(g.store.budget.ceilingBytes!);
    const count = (table: string) => g.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    expect(count('equipment_sessions')).toBeGreaterThan(0);
    expect(count('equipment_sessions')).toBeLessThan(SESSIONS);
    // The newest session and its samples are kept; the oldest went first.
    const newest = g.db.prepare('SELECT session_id, ended_at FROM equipment_sessions ORDER BY ended_at DESC LIMIT 1').get() as { session_id: string; ended_at: number };
    expect(newest.ended_at).toBeGreaterThanOrEqual(lastReadingAt - 1000);
    expect(g.sessions.store.samples(newest.session_id).length).toBeGreaterThanOrEqual(85);
    const oldestKept = g.db.prepare('SELECT min(ended_at) FROM equipment_sessions').pluck().get() as number;
    expect(oldestKept).toBeGreaterThan(Date.parse('2026-01-05T06:01:40.000Z'));

    // Check-ins: every one of 300 is accepted and on disk.
    for (let i = 0; i < 300; i++) {
      const { status, body } = await postCheckIn(g.url, String(1010 + (i % 20)));
      expect(status).toBe(200);
      expect(body.decision).toBe('accepted');
    }
    expect(g.status().queue.byType.check_in?.depth).toBe(300);
    expect(g.status().alerts.map((a) => a.code)).not.toContain('disk_full');

    // Exact counts: what was not sent is pending or counted as shed.
    const { queue } = g.status();
    expect((queue.shed.equipment_session ?? 0) + (queue.byType.equipment_session?.depth ?? 0) + (queue.delivered.equipment_session ?? 0)).toBe(produced);
  }, 120_000);
});

/**
 * Hearing the floor counts each fact once, whatever the broker does: facts arrive late, twice (a replay after a
 * partition), out of order, mixed with malformed bytes — over a real SQLite file (fast-check).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floorTopics, type FloorFact } from '../../shared/floor.js';
import type { EquipmentSession } from '../../shared/sessions.js';
import { LastAdmissions } from '../../gateway/checkin/admissions.js';
import { loadConfig } from '../../gateway/config/load.js';
import { EquipmentBoard } from '../../gateway/equipment/board.js';
import { FloorEvents } from '../../gateway/floor-events.js';
import { FloorHearing } from '../../gateway/floor/hear-floor.js';
import { RemoteFacts } from '../../gateway/floor/remote-facts.js';
import { FloorPeers } from '../../gateway/floor/view.js';
import { createLogger } from '../../gateway/log.js';
import { OccupancyTracker } from '../../gateway/occupancy/tracker.js';
import { openStore } from '../../gateway/store/open-store.js';
import { manualClock } from '../../gateway/time/clock.js';

const NOW = new Date('2026-11-29T11:00:00Z');
const summary = { distanceM: 1000, durationS: 300, avgPowerW: null, maxPowerW: null, avgPaceSecPer500m: null, avgSpeedMps: null, avgStrokeRateSpm: null, avgCadenceRpm: null, energyKcal: null, avgHeartRateBpm: null, maxHeartRateBpm: null };

function factOf(kind: 'in' | 'denied' | 'session', i: number, member: number, box: string): FloorFact {
  const at = new Date(NOW.getTime() - (30 - (i % 30)) * 60_000).toISOString();
  if (kind === 'session') {
    return {
      type: 'equipment_session', eventId: `s-${i}`, boxId: box, at,
      session: { eventId: `s-${i}`, equipmentId: 'rower-1', equipmentName: 'Rower 1', equipmentType: 'rower', memberId: `m-${member}`, startedAt: at, endedAt: at, summary, memberDisplayName: null },
    };
  }
  return {
    type: 'check_in', eventId: `c-${i}`, boxId: box, at,
    checkIn: { memberId: `m-${member}`, locationId: 'main', badgeId: String(member), method: 'badge', decision: kind === 'in' ? 'accepted' : 'denied', decidedAt: at, offline: false, source: 'door', memberDisplayName: null },
  };
}

function setup() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'floorgate-hearing-'));
  const clock = manualClock(NOW);
  const config = loadConfig({ env: { FLOORGATE_DATA_DIR: dataDir, FLOORGATE_SIMULATOR: 'off' }, cwd: dataDir });
  const store = openStore(config, clock, createLogger('silent'));
  const occupancy = new OccupancyTracker({ locationId: 'main', timezone: 'UTC', capacity: null, dwellMinutes: 90, clock, onChange: () => undefined });
  const admissions = new LastAdmissions(5 * 60_000);
  const floor = new FloorEvents();
  const sessions: EquipmentSession[] = [];
  floor.on('session', (s, origin) => origin === 'floor' && sessions.push(s));
  const board = new EquipmentBoard({ clock, offlineAfterMs: 15_000, resolveDisplayName: () => null, onChange: () => undefined });
  const hearing = new FloorHearing({
    here: { locationId: 'main', boxId: 'entrance' },
    peers: new FloorPeers({ boxId: 'entrance', boxName: 'Entrance', timezone: 'UTC' }, NOW),
    remote: new RemoteFacts(store.db),
    occupancy, admissions, board, floor, clock, log: createLogger('silent'),
    rejoined: () => undefined,
    changed: () => undefined,
  });
  return { store, occupancy, admissions, sessions, hearing, close: () => (occupancy.stop(), board.stop(), store.close()) };
}

describe('hearing the floor', () => {
  it('counts every fact once, however often and in whatever order it arrives', () => {
    const factArb = fc.record({ kind: fc.constantFrom('in' as const, 'denied' as const, 'session' as const), member: fc.integer({ min: 1, max: 8 }), box: fc.constantFrom('upstairs', 'side') });
    fc.assert(
      fc.property(fc.array(factArb, { minLength: 1, maxLength: 25 }), fc.array(fc.nat(), { maxLength: 40 }), fc.integer(), (specs, replays, seed) => {
        const facts = specs.map((s, i) => factOf(s.kind, i, s.member, s.box));
        // Deliveries: each fact once, plus replays of random ones, shuffled, with garbage in between.
        const deliveries: Array<{ topic: string; bytes: Buffer }> = facts.map((f) => ({ topic: floorTopics.facts('main', f.boxId), bytes: Buffer.from(JSON.stringify(f)) }));
        for (const r of replays) deliveries.push(deliveries[r % facts.length]!);
        deliveries.push({ topic: floorTopics.facts('main', 'upstairs'), bytes: Buffer.from('{"type":"check_in"') });
        const order = fc.sample(fc.shuffledSubarray(deliveries, { minLength: deliveries.length }), { numRuns: 1, seed })[0]!;
        const { occupancy, admissions, sessions, hearing, close } = setup();
        try {
          for (const d of order) hearing.message(d.topic, d.bytes);
          const accepted = facts.filter((f) => f.type === 'check_in' && f.checkIn.decision === 'accepted') as Array<Extract<FloorFact, { type: 'check_in' }>>;
          expect(occupancy.count()).toBe(new Set(accepted.map((f) => f.checkIn.memberId)).size);
          expect(sessions.map((s) => s.eventId).sort()).toEqual(facts.filter((f) => f.type === 'equipment_session').map((f) => f.eventId).sort());
          expect(hearing.malformed).toBe(1);
          for (const f of accepted) {
            const latest = Math.max(...accepted.filter((a) => a.checkIn.memberId === f.checkIn.memberId).map((a) => Date.parse(a.checkIn.decidedAt)));
            const last = admissions.lastAt(f.checkIn.memberId!, NOW);
            if (NOW.getTime() - latest < 5 * 60_000) expect(last?.getTime()).toBe(latest);
          }
        } finally {
          close();
        }
      }),
      { numRuns: 40 },
    );
  });
});

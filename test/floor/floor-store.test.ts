/** The floor's tables over a real SQLite file: the lane `floor` in the fact's transaction, dedupe by eventId, replay. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FloorFact } from '../../shared/floor.js';
import { FLOOR_LANE, routeFactsToFloor } from '../../gateway/floor/fact-lane.js';
import { RemoteFacts } from '../../gateway/floor/remote-facts.js';
import { replayFacts } from '../../gateway/floor/replay.js';
import { loadConfig } from '../../gateway/config/load.js';
import { createLogger } from '../../gateway/log.js';
import { openStore } from '../../gateway/store/open-store.js';
import { manualClock } from '../../gateway/time/clock.js';

const now = new Date('2026-11-29T11:00:00Z');

function freshStore() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'floorgate-floor-store-'));
  const config = loadConfig({ env: { FLOORGATE_DATA_DIR: dataDir, FLOORGATE_SIMULATOR: 'off' }, cwd: dataDir });
  return openStore(config, manualClock(now), createLogger('silent'));
}

const checkIn = (eventId: string, memberId: string | null, decision: 'accepted' | 'denied', decidedAt: string): FloorFact => ({
  type: 'check_in',
  eventId,
  boxId: 'upstairs',
  at: decidedAt,
  checkIn: { memberId, locationId: 'main', badgeId: 'b', method: 'badge', decision, decidedAt, offline: false, source: 'door', memberDisplayName: null },
});

describe('facts heard from other boxes', () => {
  it('count once: a replay of the same eventId is recognised, across a reopen of the database', () => {
    const store = freshStore();
    const remote = new RemoteFacts(store.db);
    expect(remote.remember(checkIn('e-1', 'm-anna', 'accepted', '2026-11-29T10:50:00.000Z'))).toBe(true);
    expect(remote.remember(checkIn('e-1', 'm-anna', 'accepted', '2026-11-29T10:50:00.000Z'))).toBe(false);
    expect(new RemoteFacts(store.db).remember(checkIn('e-1', 'm-anna', 'accepted', '2026-11-29T10:50:00.000Z'))).toBe(false);
    // Never journaled and never in any outbox: this box does not forward what it heard.
    expect(store.journal.count()).toBe(0);
    expect(store.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
    store.close();
  });

  it('accepted check-ins inside the window are the visits a restart restores; denials and old ones are not', () => {
    const store = freshStore();
    const remote = new RemoteFacts(store.db);
    remote.remember(checkIn('e-old', 'm-erik', 'accepted', '2026-11-29T07:00:00.000Z'));
    remote.remember(checkIn('e-1', 'm-anna', 'accepted', '2026-11-29T10:50:00.000Z'));
    remote.remember(checkIn('e-2', 'm-maja', 'denied', '2026-11-29T10:51:00.000Z'));
    remote.remember(checkIn('e-3', null, 'accepted', '2026-11-29T10:52:00.000Z'));
    expect(remote.acceptedVisitsSince(new Date('2026-11-29T09:00:00Z'))).toEqual([{ memberId: 'm-anna', at: new Date('2026-11-29T10:50:00.000Z') }]);
    expect(remote.prune(new Date('2026-11-29T08:00:00Z'))).toBe(1);
    store.close();
  });
});

describe('the lane `floor`', () => {
  it("queues check-ins and sessions in the fact's own transaction, nothing else; a rolled-back fact queues nothing", () => {
    const store = freshStore();
    let kicked = 0;
    routeFactsToFloor({ journal: store.journal, lanes: store.lanes, boxId: 'entrance', nameOf: () => 'Anna S.', queued: () => kicked++ });
    const payload = { memberId: 'm-anna', locationId: 'main', badgeId: '1001', method: 'badge', decision: 'accepted', decidedAt: now.toISOString(), offline: false, source: 'door' };
    const entry = store.journal.append({ type: 'check_in', occurredAt: now, payload });
    store.journal.append({ type: 'machine_claim', occurredAt: now, payload: { equipmentId: 'r', memberId: 'm-anna', via: 'x', kind: 'next' } });
    expect(() =>
      store.journal.append({ type: 'check_in', occurredAt: now, payload }, () => {
        throw new Error('the rest of the transaction failed');
      }),
    ).toThrow();
    expect(store.lanes.counts(FLOOR_LANE)).toMatchObject({ queued: 1, pending: 1 });
    const [head] = store.lanes.pendingAfter(FLOOR_LANE, 0, 10);
    expect(head!.eventId).toBe(entry.eventId);
    expect(JSON.parse(head!.body)).toMatchObject({ type: 'check_in', eventId: entry.eventId, boxId: 'entrance', checkIn: { memberId: 'm-anna', memberDisplayName: 'Anna S.' } });
    store.close();
  });

  it('replays what was delivered since a time, in journal order; pending facts are the lane’s own job', () => {
    const store = freshStore();
    routeFactsToFloor({ journal: store.journal, lanes: store.lanes, boxId: 'entrance', nameOf: () => null, queued: () => undefined });
    const payload = (badgeId: string) => ({ memberId: null, locationId: 'main', badgeId, method: 'badge', decision: 'denied', reason: 'unknown_badge', decidedAt: now.toISOString(), offline: false, source: 'door' });
    const ids = ['x1', 'x2', 'x3'].map((b) => store.journal.append({ type: 'check_in', occurredAt: now, payload: payload(b) }).eventId);
    const [first, second] = store.lanes.pendingAfter(FLOOR_LANE, 0, 10);
    store.lanes.delivered(FLOOR_LANE, first!, { at: '2026-11-29T10:00:00.000Z', status: null, latencyMs: 1 });
    store.lanes.delivered(FLOOR_LANE, second!, { at: '2026-11-29T10:58:00.000Z', status: null, latencyMs: 1 });
    store.lanes.flush();
    const since = (iso: string | null) => replayFacts(store.db, { since: iso ? new Date(iso) : null, boxId: 'entrance', nameOf: () => null, now }).map((f) => f.eventId);
    expect(since('2026-11-29T10:59:00Z')).toEqual([ids[1]]); // a minute's slack before the loss
    expect(since('2026-11-29T10:30:00Z')).toEqual([ids[1]]);
    expect(since(null)).toEqual([ids[0], ids[1]]); // a box never seen: the last day
    store.close();
  });
});

/** Delivery lanes over a real SQLite file: counters in step with rows, journal pruning waits for every lane, shedding. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../gateway/config/load.js';
import { runRetention } from '../../gateway/jobs/retention.js';
import { createLogger } from '../../gateway/log.js';
import type { JournalEntry } from '../../gateway/store/journal.js';
import { openStore } from '../../gateway/store/open-store.js';
import { manualClock } from '../../gateway/time/clock.js';

const log = createLogger('silent');
const T0 = new Date('2026-11-01T12:00:00Z');

function storeWithLanes(lanes: string[]) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'floorgate-lanes-'));
  const config = loadConfig({ env: { FLOORGATE_DATA_DIR: dataDir, FLOORGATE_SIMULATOR: 'off' }, cwd: dataDir });
  const store = openStore(config, manualClock(T0), log);
  store.journal.addRouter((entry: JournalEntry<unknown>) => {
    for (const lane of lanes) store.lanes.enqueue(lane, { seq: entry.seq, eventId: entry.eventId, eventType: entry.type, body: JSON.stringify(entry.payload) });
  });
  return store;
}
const attempt = (at: Date) => ({ at: at.toISOString(), status: 204, latencyMs: 3 });

describe('delivery lanes', () => {
  it('each lane has its own order and state; counts stay in step with the rows', () => {
    const store = storeWithLanes(['webhook:a', 'webhook:b']);
    const entries = [1, 2, 3].map((i) => store.journal.append({ type: 'check_in', occurredAt: T0, payload: { i } }));
    const a = store.lanes.head('webhook:a')!;
    expect(a.eventId).toBe(entries[0]!.eventId);
    store.lanes.delivered('webhook:a', a, attempt(T0));
    store.lanes.dead('webhook:a', store.lanes.head('webhook:a')!, { ...attempt(T0), status: 410, error: 'HTTP 410' });
    expect(store.lanes.head('webhook:a')!.eventId).toBe(entries[2]!.eventId);
    expect(store.lanes.head('webhook:b')!.eventId).toBe(entries[0]!.eventId); // b is not held by a
    expect(store.lanes.counts('webhook:a')).toEqual({ queued: 3, pending: 1, delivered: 1, dead: 1, shed: 0, discarded: 0 });
    expect(store.lanes.counts('webhook:b')).toEqual({ queued: 3, pending: 3, delivered: 0, dead: 0, shed: 0, discarded: 0 });
    const rows = store.db.prepare("SELECT lane, state, count(*) AS n FROM deliveries GROUP BY lane, state ORDER BY lane, state").all();
    expect(rows).toEqual([
      { lane: 'webhook:a', state: 'dead', n: 1 },
      { lane: 'webhook:a', state: 'delivered', n: 1 },
      { lane: 'webhook:a', state: 'pending', n: 1 },
      { lane: 'webhook:b', state: 'pending', n: 3 },
    ]);
    expect(store.lanes.requeue('webhook:a', 'all', T0)).toBe(1);
    expect(store.lanes.head('webhook:a')!.eventId).toBe(entries[1]!.eventId); // back in journal order
    expect(store.lanes.counts('webhook:a')).toMatchObject({ pending: 2, dead: 0 });
  });

  it('a journal row is pruned only once the cloud and every lane are done with it', () => {
    const store = storeWithLanes(['webhook:a']);
    const entry = store.journal.append({ type: 'check_in', occurredAt: T0, payload: {} });
    const local = store.journal.append({ type: 'door_opened', occurredAt: T0, payload: {} });
    store.outbox.settle([{ seq: entry.seq, type: 'check_in', outcome: 'delivered' }], T0);
    const later = new Date(T0.getTime() + 30 * 86_400_000);
    expect(runRetention(store, 7, later, log).pruned).toBe(0); // the webhook lane still holds both
    expect(store.journal.count()).toBe(2);
    store.lanes.delivered('webhook:a', store.lanes.head('webhook:a')!, attempt(T0));
    store.lanes.delivered('webhook:a', store.lanes.head('webhook:a')!, attempt(T0));
    expect(runRetention(store, 7, later, log).pruned).toBe(2);
    expect(store.journal.count()).toBe(0);
    expect(local.seq).toBeGreaterThan(entry.seq);
  });

  it('sheds the oldest pending deliveries over the webhook quota, counted, and a removed lane is retired', () => {
    const store = storeWithLanes(['webhook:a', 'webhook:gone']);
    for (let i = 0; i < 10; i++) store.journal.append({ type: 'check_in', occurredAt: T0, payload: { filler: 'x'.repeat(1000), i } });
    const perBody = store.lanes.queuedBytes / 20;
    expect(store.lanes.shedOverQuota(perBody * 14)).toBe(6);
    expect(store.lanes.counts('webhook:a').shed + store.lanes.counts('webhook:gone').shed).toBe(6);
    expect(store.lanes.retire('webhook:', ['webhook:a'])).toBe(store.lanes.counts('webhook:gone').queued - 3);
    expect(store.lanes.counts('webhook:gone')).toMatchObject({ pending: 0, queued: 10, shed: 10 });
    expect(store.lanes.counts('webhook:a').pending).toBe(store.db.prepare("SELECT count(*) FROM deliveries WHERE lane = 'webhook:a' AND state = 'pending'").pluck().get());
  });

  it('dead letters count in the webhook quota and are shed first, oldest first, counted as shed', () => {
    const store = storeWithLanes(['webhook:refuses', 'webhook:down']);
    const entries = Array.from({ length: 10 }, (_, i) => store.journal.append({ type: 'check_in', occurredAt: T0, payload: { filler: 'x'.repeat(1000), i } }));
    const full = store.lanes.queuedBytes;
    // The refusing receiver dead-letters its first 6: their bodies stay on disk, so they stay in the count.
    for (const entry of entries.slice(0, 6)) {
      store.lanes.dead('webhook:refuses', store.lanes.pendingAfter('webhook:refuses', entry.seq - 1, 1)[0]!, { ...attempt(T0), status: 400, error: 'HTTP 400' });
    }
    store.lanes.flush();
    expect(store.lanes.queuedBytes).toBe(full);
    const perBody = full / 20;
    expect(store.lanes.shedOverQuota(perBody * 16)).toBe(4);
    // The 4 oldest dead letters went; every pending delivery (both lanes) stayed.
    expect(store.lanes.deadLetters('webhook:refuses').map((d) => d.eventId)).toEqual(entries.slice(4, 6).map((e) => e.eventId));
    expect(store.lanes.counts('webhook:refuses')).toEqual({ queued: 10, pending: 4, delivered: 0, dead: 2, shed: 4, discarded: 0 });
    expect(store.lanes.counts('webhook:down')).toMatchObject({ pending: 10, shed: 0 });
    // Past the dead letters, the oldest pending go next.
    expect(store.lanes.shedOverQuota(perBody * 13)).toBe(3);
    expect(store.lanes.counts('webhook:refuses')).toMatchObject({ dead: 0, shed: 6 });
    expect(store.lanes.counts('webhook:down')).toMatchObject({ pending: 9, shed: 1 });
  });

  it('discarded dead letters are gone for good and counted; a forgotten lane starts again from nothing', () => {
    const store = storeWithLanes(['webhook:a', 'webhook:ab']);
    const entries = [1, 2, 3].map((i) => store.journal.append({ type: 'check_in', occurredAt: T0, payload: { i } }));
    for (let i = 0; i < 2; i++) store.lanes.dead('webhook:a', store.lanes.pendingAfter('webhook:a', i === 0 ? 0 : entries[0]!.seq, 1)[0]!, { ...attempt(T0), status: 410, error: 'HTTP 410' });
    store.lanes.flush();
    expect(store.lanes.discard('webhook:a', [entries[0]!.eventId, 'no-such-event'])).toBe(1);
    expect(store.lanes.deadLetters('webhook:a').map((d) => d.eventId)).toEqual([entries[1]!.eventId]);
    expect(store.lanes.counts('webhook:a')).toEqual({ queued: 3, pending: 1, delivered: 0, dead: 1, shed: 0, discarded: 1 });
    expect(store.lanes.discard('webhook:a', 'all')).toBe(1);
    expect(store.lanes.counts('webhook:a')).toMatchObject({ pending: 1, dead: 0, discarded: 2 });

    const bytesBefore = store.lanes.queuedBytes;
    expect(store.lanes.forget('webhook:a')).toBe(1); // the one still pending
    expect(store.lanes.counts('webhook:a')).toEqual({ queued: 0, pending: 0, delivered: 0, dead: 0, shed: 0, discarded: 0 });
    expect(store.lanes.queuedBytes).toBeLessThan(bytesBefore);
    expect(store.lanes.counts('webhook:ab')).toMatchObject({ queued: 3, pending: 3 }); // a name that starts the same is untouched
  });
});

import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../gateway/config/load.js';
import { manualClock } from '../../gateway/time/clock.js';
import { runRetention } from '../../gateway/jobs/retention.js';
import { createLogger } from '../../gateway/log.js';
import { openStore } from '../../gateway/store/open-store.js';

const log = createLogger('silent');

function freshStore() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'floorgate-retention-'));
  const config = loadConfig({ env: { FLOORGATE_DATA_DIR: dataDir, FLOORGATE_SIMULATOR: 'off' }, cwd: dataDir });
  return { dataDir, store: openStore(config, manualClock('2026-11-22T12:00:00Z'), log) };
}

function deliverAll(store: ReturnType<typeof freshStore>['store'], at: Date) {
  const pending = store.outbox.pending(100_000);
  store.outbox.settle(pending.map((e) => ({ seq: e.seq, type: e.type, outcome: 'delivered' as const })), at);
}

describe('retention', () => {
  it('prunes delivered history past the retention period and gives the space back to the file system', () => {
    const { dataDir, store } = freshStore();
    const old = new Date('2026-11-01T12:00:00Z');
    store.db.transaction(() => {
      for (let i = 0; i < 3_000; i++) store.journal.append({ type: 'equipment_session', occurredAt: old, payload: { filler: 'x'.repeat(500), i } });
    })();
    deliverAll(store, old);
    const recent = store.journal.append({ type: 'check_in', occurredAt: new Date('2026-11-21T12:00:00Z'), payload: {} });
    deliverAll(store, new Date('2026-11-21T12:00:00Z'));
    const pending = store.journal.append({ type: 'check_in', occurredAt: old, payload: {} }); // never delivered: kept
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const fileBefore = statSync(path.join(dataDir, 'floorgate.db')).size;

    const result = runRetention(store, 7, new Date('2026-11-22T12:00:00Z'), log);
    expect(result.pruned).toBe(3_000);
    expect(result.bytesAfter).toBeLessThan(result.bytesBefore / 4);
    expect(statSync(path.join(dataDir, 'floorgate.db')).size).toBeLessThan(fileBefore / 2);
    const left = store.db.prepare('SELECT event_id FROM journal ORDER BY seq').pluck().all();
    expect(left).toEqual([recent.eventId, pending.eventId]);
    expect(store.outbox.stats().delivered.equipment_session).toBe(3_000); // counters stay exact
    store.close();
  });

  it('a box running for months keeps resolved alerts for the retention period and daily WODs for a month, open alerts always', () => {
    const { store } = freshStore();
    const day = 86_400_000;
    const now = new Date('2026-11-22T12:00:00Z');
    const insertAlert = store.db.prepare('INSERT INTO alerts (at, code, message, resolved_at) VALUES (?, ?, ?, ?)');
    for (let d = 1; d <= 120; d++) insertAlert.run(now.getTime() - d * day, `uplink_auth_${d}`, 'resolved long ago', now.getTime() - d * day + 60_000);
    insertAlert.run(now.getTime() - 90 * day, 'disk_full', 'still open', null);
    for (let d = 0; d < 120; d++) store.wods.put('main', { date: new Date(now.getTime() - d * day).toISOString().slice(0, 10), title: `WOD ${d}`, restDay: false, parts: ['5 rounds'], source: 'cloud' });

    const result = runRetention(store, 7, now, log);
    expect(store.db.prepare('SELECT count(*) FROM alerts WHERE resolved_at IS NOT NULL').pluck().get()).toBe(7);
    expect(store.alerts.open().map((a) => a.code)).toEqual(['disk_full']);
    expect(store.db.prepare('SELECT min(date) FROM daily_wods').pluck().get()).toBe('2026-10-22');
    expect(result.housekeeping).toBe(113 + 88);
    store.close();
  });

  it('sheds and prunes session facts that equipment sessions still point to', () => {
    const { store } = freshStore();
    const at = new Date('2026-11-01T12:00:00Z');
    const shed = store.journal.append({ type: 'equipment_session', occurredAt: at, payload: { n: 1 } });
    const delivered = store.journal.append({ type: 'equipment_session', occurredAt: at, payload: { n: 2 } });
    const insert = store.db.prepare(
      `INSERT INTO equipment_sessions (session_id, event_id, equipment_id, equipment_name, equipment_type, started_at, ended_at, summary)
       VALUES (?, ?, 'row-1', 'Rower 1', 'rower', 0, 1, '{}')`,
    );
    insert.run('s-1', shed.eventId);
    insert.run('s-2', delivered.eventId);
    store.outbox.settle([{ seq: delivered.seq, type: 'equipment_session', outcome: 'delivered' }], at);

    expect(store.outbox.shedTelemetry(0)).toBe(1);
    expect(runRetention(store, 7, new Date('2026-11-22T12:00:00Z'), log).pruned).toBe(1);
    expect(store.db.prepare('SELECT count(*) FROM equipment_sessions').pluck().get()).toBe(2); // the sessions stay
    store.close();
  });
});

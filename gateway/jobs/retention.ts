import type { Logger } from '../log.js';
import { databaseBytes } from '../store/database.js';
import type { Store } from '../store/open-store.js';

/** Daily WODs are kept at least this long (the WOD screen and member history look back). */
const WOD_KEEP_DAYS = 31;

export interface RetentionResult {
  pruned: number;
  /** Resolved staff alerts and daily WODs past their keep. */
  housekeeping: number;
  bytesBefore: number;
  bytesAfter: number;
}

/**
 * Prunes delivered history (and facts kept on the box only) past the retention period, then gives the space back: a WAL checkpoint
 * (TRUNCATE) and incremental_vacuum shrink the files. Pending and dead events are never pruned.
 * Resolved alerts go after the same period, daily WODs after a month (or the period, if longer);
 * telemetry tables (sessions, samples, boards, achievements) are bounded by the telemetry quota.
 */
export function runRetention(store: Store, retentionDays: number, now: Date, log: Logger): RetentionResult {
  const bytesBefore = databaseBytes(store.db);
  const cutoff = now.getTime() - retentionDays * 86_400_000;
  store.lanes.pruneDelivered(new Date(cutoff)); // first: a journal row goes only once no lane holds it
  const pruned = store.outbox.pruneDelivered(new Date(cutoff)) + store.journal.pruneLocal(new Date(cutoff));
  const wodCutoff = new Date(Math.min(cutoff, now.getTime() - WOD_KEEP_DAYS * 86_400_000)).toISOString().slice(0, 10);
  const housekeeping =
    store.db.prepare('DELETE FROM alerts WHERE resolved_at IS NOT NULL AND resolved_at < ?').run(cutoff).changes +
    store.db.prepare('DELETE FROM daily_wods WHERE date < ?').run(wodCutoff).changes;
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.db.pragma('incremental_vacuum');
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  const bytesAfter = databaseBytes(store.db);
  if (pruned > 0) log.info({ pruned, bytesBefore, bytesAfter }, 'retention: delivered history pruned');
  return { pruned, housekeeping, bytesBefore, bytesAfter };
}

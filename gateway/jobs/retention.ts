import type { Logger } from '../log.js';
import { databaseBytes } from '../store/database.js';
import type { Store } from '../store/open-store.js';

export interface RetentionResult {
  pruned: number;
  bytesBefore: number;
  bytesAfter: number;
}

/**
 * Prunes delivered history (and facts kept on the box only) past the retention period, then gives the space back: a WAL checkpoint
 * (TRUNCATE) and incremental_vacuum shrink the files. Pending and dead events are never pruned.
 */
export function runRetention(store: Store, retentionDays: number, now: Date, log: Logger): RetentionResult {
  const bytesBefore = databaseBytes(store.db);
  const before = new Date(now.getTime() - retentionDays * 86_400_000);
  store.lanes.pruneDelivered(before); // first: a journal row goes only once no lane holds it
  const pruned = store.outbox.pruneDelivered(before) + store.journal.pruneLocal(before);
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.db.pragma('incremental_vacuum');
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  const bytesAfter = databaseBytes(store.db);
  if (pruned > 0) log.info({ pruned, bytesBefore, bytesAfter }, 'retention: delivered history pruned');
  return { pruned, bytesBefore, bytesAfter };
}

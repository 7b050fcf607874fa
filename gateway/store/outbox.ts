import { Counters } from './counters.js';
import type { Db } from './database.js';
import { isTelemetry, type OutboundEventType as EventType } from './journal.js';

/** A pending event as it will be sent: the payload stays the JSON text it was stored as. */
export interface PendingEvent {
  seq: number;
  eventId: string;
  type: EventType;
  occurredAt: number;
  payloadJson: string;
}

export interface DeadLetter {
  seq: number;
  eventId: string;
  type: EventType;
  occurredAt: string;
  attempts: number;
  reason: string;
  payload: unknown;
}

export interface OutboxStats {
  depth: number;
  oldestAt: Date | null;
  byType: Record<string, { depth: number; oldestAt: string | null }>;
  deadLetters: number;
  produced: Record<string, number>;
  delivered: Record<string, number>;
  shed: Record<string, number>;
  pendingTelemetryBytes: number;
}

export type Settlement = { seq: number; type: EventType; outcome: 'delivered' } | { seq: number; type: EventType; outcome: 'dead'; error: string };

/**
 * The sending side of the outbox: what is pending, what became of it, and the telemetry quota.
 * Counters move in the same transaction as the rows, so produced = delivered + dead + shed + discarded + pending holds exactly.
 */
export class Outbox {
  private readonly selectPending;
  private readonly markDelivered;
  private readonly markDead;
  private readonly markAttempt;
  private readonly counters: Counters;
  /** Bytes of pending telemetry payloads, kept in step with the table (checked against the quota). */
  private telemetryBytes: number;

  constructor(private readonly db: Db) {
    this.selectPending = db.prepare(`
      SELECT j.seq, j.event_id, j.type, j.occurred_at, j.payload
      FROM outbox o JOIN journal j ON j.seq = o.seq
      WHERE o.state = 'pending'
      ORDER BY o.priority, o.seq
      LIMIT ?`);
    this.markDelivered = db.prepare(
      "UPDATE outbox SET state = 'delivered', attempts = attempts + 1, last_error = NULL, updated_at = ? WHERE seq = ? AND state = 'pending'",
    );
    this.markDead = db.prepare(
      "UPDATE outbox SET state = 'dead', attempts = attempts + 1, last_error = ?, updated_at = ? WHERE seq = ? AND state = 'pending'",
    );
    this.markAttempt = db.prepare(
      "UPDATE outbox SET attempts = attempts + 1, last_error = ?, updated_at = ? WHERE seq = ? AND state = 'pending'",
    );
    this.counters = new Counters(db);
    this.telemetryBytes = (
      db
        .prepare(
          `SELECT coalesce(sum(length(CAST(j.payload AS BLOB))), 0) AS bytes FROM outbox o JOIN journal j ON j.seq = o.seq
           WHERE o.state = 'pending' AND o.priority > 0`,
        )
        .get() as { bytes: number }
    ).bytes;
  }

  /** Journal hook: new events were committed. */
  noteCommitted(entries: Array<{ type: EventType; bytes: number }>): void {
    for (const entry of entries) if (isTelemetry(entry.type)) this.telemetryBytes += entry.bytes;
  }

  get pendingTelemetryBytes(): number {
    return this.telemetryBytes;
  }

  /** The next events to send: check-ins first, in capture order within a kind. */
  pending(limit: number): PendingEvent[] {
    return (this.selectPending.all(limit) as Array<{ seq: number; event_id: string; type: EventType; occurred_at: number; payload: string }>).map(
      (row) => ({ seq: row.seq, eventId: row.event_id, type: row.type, occurredAt: row.occurred_at, payloadJson: row.payload }),
    );
  }

  /** Records per-event outcomes of one send, in one transaction. */
  settle(settlements: Settlement[], sizes: Map<number, number>, now: Date): void {
    const at = now.getTime();
    const counts = new Map<string, number>();
    let bytesSettled = 0;
    this.db.transaction(() => {
      for (const item of settlements) {
        const changed =
          item.outcome === 'delivered' ? this.markDelivered.run(at, item.seq).changes : this.markDead.run(item.error, at, item.seq).changes;
        if (changed === 0) continue; // shed or settled meanwhile
        const counter = `${item.outcome}:${item.type}`;
        counts.set(counter, (counts.get(counter) ?? 0) + 1);
        if (isTelemetry(item.type)) bytesSettled += sizes.get(item.seq) ?? 0;
      }
      for (const [counter, n] of counts) this.counters.bump(counter, n);
    })();
    this.telemetryBytes -= bytesSettled; // only once committed: a rollback leaves the gauge true
  }

  /** A send that failed as a whole: the events stay pending with the same eventIds; the error is kept. */
  recordFailedAttempt(seqs: number[], error: string, now: Date): void {
    this.db.transaction(() => {
      for (const seq of seqs) this.markAttempt.run(error, now.getTime(), seq);
    })();
  }

  /**
   * Sheds the oldest pending telemetry until it fits `quotaBytes`. Check-ins are never shed.
   * Returns how many events were shed.
   */
  shedTelemetry(quotaBytes: number): number {
    let shed = 0;
    const oldest = this.db.prepare(`
      SELECT o.seq, j.type, length(CAST(j.payload AS BLOB)) AS bytes FROM outbox o JOIN journal j ON j.seq = o.seq
      WHERE o.state = 'pending' AND o.priority > 0 ORDER BY o.seq LIMIT 500`);
    const dropOutbox = this.db.prepare('DELETE FROM outbox WHERE seq = ?');
    const dropJournal = this.db.prepare('DELETE FROM journal WHERE seq = ?');
    while (this.telemetryBytes > quotaBytes) {
      const rows = oldest.all() as Array<{ seq: number; type: EventType; bytes: number }>;
      if (rows.length === 0) {
        this.telemetryBytes = 0;
        break;
      }
      let bytes = 0;
      let n = 0;
      this.db.transaction(() => {
        for (const row of rows) {
          if (this.telemetryBytes - bytes <= quotaBytes) break;
          dropOutbox.run(row.seq);
          dropJournal.run(row.seq);
          this.counters.bump(`shed:${row.type}`);
          bytes += row.bytes;
          n++;
        }
      })();
      this.telemetryBytes -= bytes;
      shed += n;
    }
    return shed;
  }

  deadLetters(limit = 100): DeadLetter[] {
    const rows = this.db
      .prepare(
        `SELECT o.seq, j.event_id, j.type, j.occurred_at, o.attempts, o.last_error, j.payload
         FROM outbox o JOIN journal j ON j.seq = o.seq WHERE o.state = 'dead' ORDER BY o.seq LIMIT ?`,
      )
      .all(limit) as Array<{ seq: number; event_id: string; type: EventType; occurred_at: number; attempts: number; last_error: string; payload: string }>;
    return rows.map((row) => ({
      seq: row.seq,
      eventId: row.event_id,
      type: row.type,
      occurredAt: new Date(row.occurred_at).toISOString(),
      attempts: row.attempts,
      reason: row.last_error,
      payload: JSON.parse(row.payload) as unknown,
    }));
  }

  /** Staff sends dead letters again (same eventIds). Returns how many were re-queued. */
  requeue(eventIds: string[] | 'all', now: Date): number {
    const select =
      eventIds === 'all'
        ? this.db.prepare(`SELECT o.seq, j.type, length(CAST(j.payload AS BLOB)) AS bytes FROM outbox o JOIN journal j ON j.seq = o.seq WHERE o.state = 'dead'`).all()
        : eventIds.flatMap((id) =>
            this.db
              .prepare(`SELECT o.seq, j.type, length(CAST(j.payload AS BLOB)) AS bytes FROM outbox o JOIN journal j ON j.seq = o.seq WHERE o.state = 'dead' AND j.event_id = ?`)
              .all(id),
          );
    const rows = select as Array<{ seq: number; type: EventType; bytes: number }>;
    const revive = this.db.prepare("UPDATE outbox SET state = 'pending', last_error = NULL, updated_at = ? WHERE seq = ? AND state = 'dead'");
    let revived = 0;
    let bytes = 0;
    this.db.transaction(() => {
      for (const row of rows) {
        if (revive.run(now.getTime(), row.seq).changes === 0) continue;
        this.counters.bump(`dead:${row.type}`, -1);
        if (isTelemetry(row.type)) bytes += row.bytes;
        revived++;
      }
    })();
    this.telemetryBytes += bytes;
    return revived;
  }

  /**
   * Staff gives up on a dead letter: its outbox and journal rows go (as shed telemetry does) and `discarded:<type>` counts
   * it. Returns what was dropped, for the caller to journal as a staff action in the same transaction; null if no such dead letter.
   */
  discard(eventId: string): { type: EventType; payload: unknown } | null {
    const row = this.db
      .prepare(`SELECT o.seq, j.type, j.payload FROM outbox o JOIN journal j ON j.seq = o.seq WHERE o.state = 'dead' AND j.event_id = ?`)
      .get(eventId) as { seq: number; type: EventType; payload: string } | undefined;
    if (!row) return null;
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM outbox WHERE seq = ?').run(row.seq);
      this.db.prepare('DELETE FROM journal WHERE seq = ?').run(row.seq);
      this.counters.bump(`dead:${row.type}`, -1);
      this.counters.bump(`discarded:${row.type}`);
    })();
    return { type: row.type, payload: JSON.parse(row.payload) as unknown };
  }

  /** Deletes delivered events older than `before`, with their journal rows. Returns the count. */
  pruneDelivered(before: Date): number {
    const cutoff = before.getTime();
    const seqs = this.db
      .prepare("SELECT seq FROM outbox WHERE state = 'delivered' AND updated_at < ? ORDER BY seq LIMIT 5000")
      .pluck();
    const dropOutbox = this.db.prepare('DELETE FROM outbox WHERE seq = ?');
    const dropJournal = this.db.prepare('DELETE FROM journal WHERE seq = ?');
    let pruned = 0;
    for (;;) {
      const batch = seqs.all(cutoff) as number[];
      if (batch.length === 0) return pruned;
      this.db.transaction(() => {
        for (const seq of batch) {
          dropOutbox.run(seq);
          dropJournal.run(seq);
        }
      })();
      pruned += batch.length;
    }
  }

  stats(): OutboxStats {
    const rows = this.db
      .prepare(
        `SELECT j.type AS type, count(*) AS n, min(j.occurred_at) AS oldest
         FROM outbox o JOIN journal j ON j.seq = o.seq
         WHERE o.state = 'pending' GROUP BY j.type`,
      )
      .all() as Array<{ type: string; n: number; oldest: number }>;
    const dead = this.db.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'dead'").get() as { n: number };
    const byType: OutboxStats['byType'] = {};
    let depth = 0;
    let oldest: number | null = null;
    for (const row of rows) {
      byType[row.type] = { depth: row.n, oldestAt: new Date(row.oldest).toISOString() };
      depth += row.n;
      oldest = oldest === null ? row.oldest : Math.min(oldest, row.oldest);
    }
    return {
      depth,
      oldestAt: oldest === null ? null : new Date(oldest),
      byType,
      deadLetters: dead.n,
      produced: this.counters.byType('produced'),
      delivered: this.counters.byType('delivered'),
      shed: this.counters.byType('shed'),
      pendingTelemetryBytes: this.telemetryBytes,
    };
  }
}

import type { Db } from './database.js';
import type { EventType, JournalEntry } from './journal.js';

export interface OutboxStats {
  depth: number;
  oldestAt: Date | null;
  byType: Record<string, number>;
  deadLetters: number;
}

interface PendingRow {
  seq: number;
  event_id: string;
  type: EventType;
  occurred_at: number;
  payload: string;
}

/** The sending side of the outbox: what is pending, and what became of it. */
export class Outbox {
  private readonly selectPending;
  private readonly markDelivered;
  private readonly markDead;
  private readonly markAttempt;

  constructor(private readonly db: Db) {
    this.selectPending = db.prepare(`
      SELECT j.seq, j.event_id, j.type, j.occurred_at, j.payload
      FROM outbox o JOIN journal j ON j.seq = o.seq
      WHERE o.state = 'pending'
      ORDER BY o.priority, o.seq
      LIMIT ?`);
    this.markDelivered = db.prepare(
      "UPDATE outbox SET state = 'delivered', attempts = attempts + 1, last_error = NULL, updated_at = ? WHERE seq = ?",
    );
    this.markDead = db.prepare(
      "UPDATE outbox SET state = 'dead', attempts = attempts + 1, last_error = ?, updated_at = ? WHERE seq = ?",
    );
    this.markAttempt = db.prepare(
      'UPDATE outbox SET attempts = attempts + 1, last_error = ?, updated_at = ? WHERE seq = ?',
    );
  }

  /** The next events to send, check-ins first, in capture order within a kind. */
  pending(limit: number): JournalEntry[] {
    return (this.selectPending.all(limit) as PendingRow[]).map((row) => ({
      seq: row.seq,
      eventId: row.event_id,
      type: row.type,
      occurredAt: new Date(row.occurred_at),
      payload: JSON.parse(row.payload) as unknown,
    }));
  }

  /** Records per-event outcomes of one send in one transaction. */
  settle(
    outcomes: Array<{ seq: number; outcome: 'delivered' } | { seq: number; outcome: 'dead'; error: string }>,
    now: Date,
  ): void {
    const at = now.getTime();
    this.db.transaction(() => {
      for (const item of outcomes) {
        if (item.outcome === 'delivered') this.markDelivered.run(at, item.seq);
        else this.markDead.run(item.error, at, item.seq);
      }
    })();
  }

  /** A send that failed as a whole: the events stay pending, the error is kept for staff. */
  recordFailedAttempt(seqs: number[], error: string, now: Date): void {
    this.db.transaction(() => {
      for (const seq of seqs) this.markAttempt.run(error, now.getTime(), seq);
    })();
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
    const byType: Record<string, number> = {};
    let depth = 0;
    let oldest: number | null = null;
    for (const row of rows) {
      byType[row.type] = row.n;
      depth += row.n;
      oldest = oldest === null ? row.oldest : Math.min(oldest, row.oldest);
    }
    return { depth, oldestAt: oldest === null ? null : new Date(oldest), byType, deadLetters: dead.n };
  }
}

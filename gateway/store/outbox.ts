import { Counters } from './counters.js';
import type { Db } from './database.js';
import type { Lanes } from './lanes.js';
import { isTelemetry, PRIORITY, type OutboundEventType as EventType } from './journal.js';

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

/** Priorities of telemetry kinds (check-ins are 0 and never shed). */
const TELEMETRY_PRIORITIES = [...new Set(Object.values(PRIORITY).filter((p) => p > 0))];

export type Settlement = { seq: number; type: EventType; outcome: 'delivered' } | { seq: number; type: EventType; outcome: 'dead'; error: string };

/**
 * The sending side of the outbox: what is pending, what became of it, and the telemetry quota.
 * Counters move in the same transaction as the rows, so produced = delivered + dead + shed + discarded + pending holds exactly.
 * Pending counts and bytes per type are kept by triggers (migration 6), so `stats()` reads a few
 * counters and one indexed row per type: constant time however long the queue is.
 */
export class Outbox {
  private readonly selectPending;
  private readonly markDelivered;
  private readonly markDead;
  private readonly markAttempt;
  private readonly oldestPending;
  private readonly pendingTelemetryBytesStmt;
  private readonly oldestOfPriority;
  private readonly dropOutbox;
  private readonly dropJournal;
  private readonly counters: Counters;

  constructor(
    private readonly db: Db,
    /** Other lanes holding the same journal rows: shedding a row sheds their deliveries of it too. */
    private readonly lanes?: Lanes,
  ) {
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
    // The first pending row of one priority (one type) by the partial index outbox_pending: O(log n).
    this.oldestPending = db
      .prepare(
        `SELECT j.occurred_at FROM outbox o JOIN journal j ON j.seq = o.seq
         WHERE o.state = 'pending' AND o.priority = ? ORDER BY o.priority, o.seq LIMIT 1`,
      )
      .pluck();
    this.oldestOfPriority = db.prepare(
      `SELECT o.seq, j.type FROM outbox o JOIN journal j ON j.seq = o.seq
       WHERE o.state = 'pending' AND o.priority = ? ORDER BY o.priority, o.seq LIMIT ?`,
    );
    this.dropOutbox = db.prepare('DELETE FROM outbox WHERE seq = ?');
    this.dropJournal = db.prepare('DELETE FROM journal WHERE seq = ?');
    this.counters = new Counters(db);
    const telemetry = (Object.keys(PRIORITY) as EventType[]).filter(isTelemetry).map((type) => `'pending_bytes:${type}'`);
    this.pendingTelemetryBytesStmt = db.prepare(`SELECT coalesce(sum(value), 0) FROM counters WHERE name IN (${telemetry.join(', ')})`).pluck();
  }

  /** Payload bytes of pending telemetry (checked against the quota), from the counters. */
  get pendingTelemetryBytes(): number {
    return this.pendingTelemetryBytesStmt.get() as number;
  }

  /** The next events to send: check-ins first, in capture order within a kind. */
  pending(limit: number): PendingEvent[] {
    return (this.selectPending.all(limit) as Array<{ seq: number; event_id: string; type: EventType; occurred_at: number; payload: string }>).map(
      (row) => ({ seq: row.seq, eventId: row.event_id, type: row.type, occurredAt: row.occurred_at, payloadJson: row.payload }),
    );
  }

  /** Records per-event outcomes of one send, in one transaction. */
  settle(settlements: Settlement[], now: Date): void {
    const at = now.getTime();
    const counts = new Map<string, number>();
    this.db.transaction(() => {
      for (const item of settlements) {
        const changed =
          item.outcome === 'delivered' ? this.markDelivered.run(at, item.seq).changes : this.markDead.run(item.error, at, item.seq).changes;
        if (changed === 0) continue; // shed or settled meanwhile
        const counter = `${item.outcome}:${item.type}`;
        counts.set(counter, (counts.get(counter) ?? 0) + 1);
      }
      for (const [counter, n] of counts) this.counters.bump(counter, n);
    })();
  }

  /** A send that failed as a whole: the events stay pending with the same eventIds; the error is kept. */
  recordFailedAttempt(seqs: number[], error: string, now: Date): void {
    this.db.transaction(() => {
      for (const seq of seqs) this.markAttempt.run(error, now.getTime(), seq);
    })();
  }

  /**
   * Sheds the oldest pending telemetry until its payloads fit `quotaBytes`. Check-ins are never shed.
   * Returns how many events were shed.
   */
  shedTelemetry(quotaBytes: number): number {
    let shed = 0;
    while (this.pendingTelemetryBytes > quotaBytes) {
      const n = this.shedOldestTelemetry(500, () => this.pendingTelemetryBytes > quotaBytes);
      if (n === 0) break;
      shed += n;
    }
    return shed;
  }

  /** When the oldest pending telemetry happened (first by capture order per kind), or null. */
  oldestPendingTelemetryAt(): number | null {
    let oldest: number | null = null;
    for (const priority of TELEMETRY_PRIORITIES) {
      const at = this.oldestPending.get(priority) as number | undefined;
      if (at !== undefined) oldest = oldest === null ? at : Math.min(oldest, at);
    }
    return oldest;
  }

  /**
   * Sheds up to `limit` of the oldest pending telemetry events in one transaction, each counted as
   * `shed:<type>`, while `stillOver()` holds. Returns how many were shed.
   */
  shedOldestTelemetry(limit: number, stillOver: () => boolean = () => true): number {
    // The oldest `limit` of each telemetry kind by the pending index, merged: the oldest overall, no sort of the queue.
    const rows = TELEMETRY_PRIORITIES.flatMap((priority) => this.oldestOfPriority.all(priority, limit) as Array<{ seq: number; type: EventType }>)
      .sort((a, b) => a.seq - b.seq)
      .slice(0, limit);
    let n = 0;
    this.db.transaction(() => {
      for (const row of rows) {
        if (!stillOver()) break;
        this.dropOutbox.run(row.seq);
        this.lanes?.shedSeq(row.seq); // the webhooks of a shed fact go with it
        this.dropJournal.run(row.seq);
        this.counters.bump(`shed:${row.type}`);
        n++;
      }
    })();
    return n;
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
        ? this.db.prepare(`SELECT o.seq, j.type FROM outbox o JOIN journal j ON j.seq = o.seq WHERE o.state = 'dead'`).all()
        : eventIds.flatMap((id) =>
            this.db
              .prepare(`SELECT o.seq, j.type FROM outbox o JOIN journal j ON j.seq = o.seq WHERE o.state = 'dead' AND j.event_id = ?`)
              .all(id),
          );
    const rows = select as Array<{ seq: number; type: EventType }>;
    const revive = this.db.prepare("UPDATE outbox SET state = 'pending', last_error = NULL, updated_at = ? WHERE seq = ? AND state = 'dead'");
    let revived = 0;
    this.db.transaction(() => {
      for (const row of rows) {
        if (revive.run(now.getTime(), row.seq).changes === 0) continue;
        this.counters.bump(`dead:${row.type}`, -1);
        revived++;
      }
    })();
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
      // A webhook lane may still hold the fact: its journal row then stays until that lane is done.
      this.db.prepare('DELETE FROM journal WHERE seq = ? AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.seq = ?)').run(row.seq, row.seq);
      this.counters.bump(`dead:${row.type}`, -1);
      this.counters.bump(`discarded:${row.type}`);
    })();
    return { type: row.type, payload: JSON.parse(row.payload) as unknown };
  }

  /** Deletes delivered events older than `before`, with their journal rows, once no other lane holds them. Returns the count. */
  pruneDelivered(before: Date): number {
    const cutoff = before.getTime();
    const seqs = this.db
      .prepare(
        `SELECT seq FROM outbox WHERE state = 'delivered' AND updated_at < ?
         AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.seq = outbox.seq) ORDER BY seq LIMIT 5000`,
      )
      .pluck();
    let pruned = 0;
    for (;;) {
      const batch = seqs.all(cutoff) as number[];
      if (batch.length === 0) return pruned;
      this.db.transaction(() => {
        for (const seq of batch) {
          this.dropOutbox.run(seq);
          this.dropJournal.run(seq);
        }
      })();
      pruned += batch.length;
    }
  }

  /** What `/api/status` and `/metrics` show, from counters and one indexed lookup per type: no scan. */
  stats(): OutboxStats {
    const counters = this.counters.all();
    const pick = (prefix: string) => {
      const out: Record<string, number> = {};
      for (const [name, value] of Object.entries(counters)) if (name.startsWith(`${prefix}:`)) out[name.slice(prefix.length + 1)] = value;
      return out;
    };
    const byType: OutboxStats['byType'] = {};
    let depth = 0;
    let oldest: number | null = null;
    let pendingTelemetryBytes = 0;
    const pendingBytes = pick('pending_bytes');
    for (const [type, n] of Object.entries(pick('pending'))) {
      if (n <= 0) continue;
      const at = type in PRIORITY ? (this.oldestPending.get(PRIORITY[type as EventType]) as number | undefined) : undefined;
      byType[type] = { depth: n, oldestAt: at === undefined ? null : new Date(at).toISOString() };
      depth += n;
      if (at !== undefined) oldest = oldest === null ? at : Math.min(oldest, at);
      if (isTelemetry(type as EventType)) pendingTelemetryBytes += pendingBytes[type] ?? 0;
    }
    return {
      depth,
      oldestAt: oldest === null ? null : new Date(oldest),
      byType,
      deadLetters: Object.values(pick('dead')).reduce((a, b) => a + b, 0),
      produced: pick('produced'),
      delivered: pick('delivered'),
      shed: pick('shed'),
      pendingTelemetryBytes,
    };
  }
}

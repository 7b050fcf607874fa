import { Counters } from './counters.js';
import type { Db } from './database.js';

/** One delivery waiting at the head of its lane. */
export interface LaneDelivery {
  seq: number;
  eventId: string;
  eventType: string;
  body: string;
  attempts: number;
  nextAt: number;
}

export interface LaneCounts {
  queued: number;
  pending: number;
  delivered: number;
  dead: number;
  shed: number;
  /** Dead deliveries staff discarded. */
  discarded: number;
}

export interface LaneAttempt {
  eventId: string;
  eventType: string;
  at: string;
  status: number | null;
  latencyMs: number;
  outcome: 'delivered' | 'retry' | 'dead' | 'paused';
  error: string | null;
}

export interface LaneDeadLetter {
  eventId: string;
  eventType: string;
  attempts: number;
  reason: string | null;
  updatedAt: string | null;
}

/** Attempts kept per lane for staff (the log is trimmed past this). */
const ATTEMPTS_KEPT = 50;

const KINDS = ['queued', 'delivered', 'dead', 'shed', 'discarded'] as const;
type CountKind = (typeof KINDS)[number];
const counterName = (kind: CountKind, lane: string) => `lane-${kind}:${lane}`;
/** A lane's counter, for writers outside this class that move rows in the same step (salvage). */
export const laneCounterName = counterName;

/**
 * Deliveries per lane (`webhook:<name>`; the floor mesh later): each lane has its own pending / delivered / dead
 * rows, in journal order. Counters move in the same transaction as the rows, so a lane's figures never need a scan:
 * pending = queued − delivered − dead − shed − discarded.
 */
export class Lanes {
  private readonly counters: Counters;
  private readonly insert;
  private readonly selectHead;
  private readonly markDelivered;
  private readonly markRetry;
  private readonly markDead;
  private readonly insertAttempt;
  private readonly trimAttempts;
  /**
   * Bytes of pending and dead bodies (all lanes), counted against the webhook quota. Dead letters count too: a
   * receiver that refuses everything would otherwise fill the disk with them. Recomputed at start.
   */
  private bytes: number;
  private readonly logged = new Map<string, number>();
  /** Outcomes waiting for their group commit (see `settleLater`). */
  private buffer: Array<() => void> = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly selectWindow;

  constructor(private readonly db: Db) {
    this.counters = new Counters(db);
    this.insert = db.prepare('INSERT OR IGNORE INTO deliveries (lane, seq, event_id, event_type, body) VALUES (?, ?, ?, ?, ?)');
    this.selectHead = db.prepare(
      "SELECT seq, event_id, event_type, body, attempts, next_at FROM deliveries WHERE lane = ? AND state = 'pending' ORDER BY seq LIMIT 1",
    );
    this.markDelivered = db.prepare(
      "UPDATE deliveries SET state = 'delivered', body = '', attempts = attempts + 1, last_error = NULL, updated_at = ? WHERE lane = ? AND seq = ? AND state = 'pending'",
    );
    this.markRetry = db.prepare(
      "UPDATE deliveries SET attempts = attempts + ?, next_at = ?, last_error = ?, updated_at = ? WHERE lane = ? AND seq = ? AND state = 'pending'",
    );
    this.markDead = db.prepare(
      "UPDATE deliveries SET state = 'dead', attempts = attempts + 1, last_error = ?, updated_at = ? WHERE lane = ? AND seq = ? AND state = 'pending'",
    );
    this.selectWindow = db.prepare(
      "SELECT seq, event_id, event_type, body, attempts, next_at FROM deliveries WHERE lane = ? AND state = 'pending' AND seq > ? ORDER BY seq LIMIT ?",
    );
    this.insertAttempt = db.prepare(
      'INSERT INTO lane_attempts (lane, event_id, event_type, at, status, latency_ms, outcome, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.trimAttempts = db.prepare(
      'DELETE FROM lane_attempts WHERE lane = ? AND id <= (SELECT id FROM lane_attempts WHERE lane = ? ORDER BY id DESC LIMIT 1 OFFSET ?)',
    );
    this.bytes = 0;
    this.recount();
  }

  /** Counts the held bodies again from the rows (at start, and after a salvage wrote rows directly). */
  recount(): void {
    this.bytes = (
      this.db.prepare("SELECT coalesce(sum(length(CAST(body AS BLOB))), 0) AS bytes FROM deliveries WHERE state IN ('pending', 'dead')").get() as { bytes: number }
    ).bytes;
  }

  /** Bytes of the bodies still held: pending and dead deliveries. */
  get queuedBytes(): number {
    return this.bytes;
  }

  /** Queues one fact on one lane; call inside the journal's transaction. */
  enqueue(lane: string, item: { seq: number; eventId: string; eventType: string; body: string }): void {
    if (this.insert.run(lane, item.seq, item.eventId, item.eventType, item.body).changes === 0) return;
    this.counters.bump(counterName('queued', lane));
    this.bytes += Buffer.byteLength(item.body);
  }

  /** The oldest pending delivery of a lane (after committing outcomes still buffered). */
  head(lane: string): LaneDelivery | null {
    this.flush();
    return this.pendingAfter(lane, 0, 1)[0] ?? null;
  }

  /**
   * The next pending deliveries of a lane after `afterSeq`, in journal order. A worker passes the last seq it settled,
   * so outcomes still waiting for their group commit are not read back as pending.
   */
  pendingAfter(lane: string, afterSeq: number, limit: number): LaneDelivery[] {
    const rows = this.selectWindow.all(lane, afterSeq, limit) as Array<{ seq: number; event_id: string; event_type: string; body: string; attempts: number; next_at: number }>;
    return rows.map((row) => ({ seq: row.seq, eventId: row.event_id, eventType: row.event_type, body: row.body, attempts: row.attempts, nextAt: row.next_at }));
  }

  /**
   * Outcomes are group-committed (≤ 100 ms, ≤ 500) without an fsync of their own, so busy lanes do not hold up
   * the event loop. A crash before the commit only sends those events again — same webhook-id.
   */
  private settleLater(op: () => void): void {
    this.buffer.push(op);
    if (this.buffer.length >= 500) this.flush();
    else this.timer ??= setTimeout(() => this.flushFromTimer(), 100);
  }

  /** A timer's commit: a failure keeps the outcomes for the next try (flush re-arms the timer), never an uncaught error. */
  private flushFromTimer(): void {
    try {
      this.flush();
    } catch {
      // kept and retried in a second
    }
  }

  /** Commits buffered outcomes now (also before shutdown). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const ops = this.buffer;
    this.buffer = [];
    if (ops.length === 0 || !this.db.open) return;
    // Outcomes need no fsync of their own: losing one to a power cut only sends an event again (same webhook-id).
    // The next FULL commit (a check-in) makes them durable too. One thread: nothing else commits in between.
    this.db.pragma('synchronous = NORMAL');
    try {
      this.db.transaction(() => ops.forEach((op) => op()))();
    } catch (error) {
      this.buffer = [...ops, ...this.buffer]; // kept for the next commit (a full disk may pass)
      this.timer ??= setTimeout(() => this.flushFromTimer(), 1_000);
      throw error;
    } finally {
      this.db.pragma('synchronous = FULL');
    }
  }

  delivered(lane: string, item: LaneDelivery, attempt: Omit<LaneAttempt, 'eventId' | 'eventType' | 'outcome' | 'error'>): void {
    this.settleLater(() => {
      if (this.markDelivered.run(Date.parse(attempt.at), lane, item.seq).changes > 0) {
        this.counters.bump(counterName('delivered', lane));
        this.bytes -= Buffer.byteLength(item.body);
      }
      this.log(lane, item, { ...attempt, outcome: 'delivered', error: null });
    });
  }

  /** A failed attempt: stays pending until `nextAt`. `counted` false for a pause the receiver asked for (Retry-After). */
  retry(lane: string, item: LaneDelivery, nextAt: number, attempt: Omit<LaneAttempt, 'eventId' | 'eventType'>, counted = true): void {
    this.settleLater(() => {
      this.markRetry.run(counted ? 1 : 0, nextAt, attempt.error, Date.parse(attempt.at), lane, item.seq);
      this.log(lane, item, attempt);
    });
  }

  dead(lane: string, item: LaneDelivery, attempt: Omit<LaneAttempt, 'eventId' | 'eventType' | 'outcome'>): void {
    this.settleLater(() => {
      if (this.markDead.run(attempt.error, Date.parse(attempt.at), lane, item.seq).changes > 0) {
        this.counters.bump(counterName('dead', lane)); // its body stays, and stays counted in the quota
      }
      this.log(lane, item, { ...attempt, outcome: 'dead' });
    });
  }

  counts(lane: string): LaneCounts {
    const all = this.counters.all();
    const get = (kind: CountKind) => all[counterName(kind, lane)] ?? 0;
    const [queued, delivered, dead, shed, discarded] = KINDS.map(get) as [number, number, number, number, number];
    return { queued, pending: queued - delivered - dead - shed - discarded, delivered, dead, shed, discarded };
  }

  recentAttempts(lane: string, limit = 10): LaneAttempt[] {
    const rows = this.db
      .prepare('SELECT event_id, event_type, at, status, latency_ms, outcome, error FROM lane_attempts WHERE lane = ? ORDER BY id DESC LIMIT ?')
      .all(lane, limit) as Array<{ event_id: string; event_type: string; at: number; status: number | null; latency_ms: number; outcome: LaneAttempt['outcome']; error: string | null }>;
    return rows.map((r) => ({
      eventId: r.event_id,
      eventType: r.event_type,
      at: new Date(r.at).toISOString(),
      status: r.status,
      latencyMs: r.latency_ms,
      outcome: r.outcome,
      error: r.error,
    }));
  }

  /** When the lane last delivered, from its attempt log (seeds health after a restart). */
  lastSuccessAt(lane: string): Date | null {
    const at = this.db.prepare("SELECT max(at) FROM lane_attempts WHERE lane = ? AND outcome = 'delivered'").pluck().get(lane) as number | null;
    return at === null ? null : new Date(at);
  }

  deadLetters(lane: string, limit = 100): LaneDeadLetter[] {
    const rows = this.db
      .prepare("SELECT event_id, event_type, attempts, last_error, updated_at FROM deliveries WHERE lane = ? AND state = 'dead' ORDER BY seq LIMIT ?")
      .all(lane, limit) as Array<{ event_id: string; event_type: string; attempts: number; last_error: string | null; updated_at: number | null }>;
    return rows.map((r) => ({
      eventId: r.event_id,
      eventType: r.event_type,
      attempts: r.attempts,
      reason: r.last_error,
      updatedAt: r.updated_at === null ? null : new Date(r.updated_at).toISOString(),
    }));
  }

  /** Staff sends dead deliveries again (same ids, same bytes), in journal order. Returns how many. */
  requeue(lane: string, eventIds: string[] | 'all', now: Date): number {
    this.flush();
    const rows = (
      eventIds === 'all'
        ? this.db.prepare("SELECT seq FROM deliveries WHERE lane = ? AND state = 'dead'").all(lane)
        : eventIds.flatMap((id) => this.db.prepare("SELECT seq FROM deliveries WHERE lane = ? AND state = 'dead' AND event_id = ?").all(lane, id))
    ) as Array<{ seq: number }>;
    const revive = this.db.prepare(
      "UPDATE deliveries SET state = 'pending', attempts = 0, next_at = 0, last_error = NULL, updated_at = ? WHERE lane = ? AND seq = ? AND state = 'dead'",
    );
    let revived = 0;
    this.db.transaction(() => {
      for (const row of rows) if (revive.run(now.getTime(), lane, row.seq).changes > 0) revived++;
      this.counters.bump(counterName('dead', lane), -revived);
    })();
    return revived; // dead bodies were counted in the quota already
  }

  /** Staff discard dead deliveries (some or all): gone for good, counted as discarded. Returns how many. */
  discard(lane: string, eventIds: string[] | 'all'): number {
    this.flush();
    const drop = this.db.prepare(
      "DELETE FROM deliveries WHERE lane = ? AND state = 'dead' AND (? IS NULL OR event_id = ?) RETURNING length(CAST(body AS BLOB)) AS bytes",
    );
    let discarded = 0;
    const dropped = (rows: unknown[]) => {
      discarded += rows.length;
      for (const row of rows as Array<{ bytes: number }>) this.bytes -= row.bytes;
    };
    this.db.transaction(() => {
      if (eventIds === 'all') dropped(drop.all(lane, null, null));
      else for (const id of eventIds) dropped(drop.all(lane, id, id));
      this.counters.bump(counterName('dead', lane), -discarded);
      this.counters.bump(counterName('discarded', lane), discarded);
    })();
    return discarded;
  }

  /**
   * A destination deleted by staff: its lane goes entirely — deliveries in any state, attempts, counters — so a new
   * destination of the same name starts from nothing. Returns the deliveries dropped that were not yet delivered.
   */
  forget(lane: string): number {
    this.flush();
    let dropped = 0;
    this.db.transaction(() => {
      const held = this.db.prepare("SELECT count(*) AS n, coalesce(sum(length(CAST(body AS BLOB))), 0) AS bytes FROM deliveries WHERE lane = ? AND state IN ('pending', 'dead')").get(lane) as { n: number; bytes: number };
      dropped = held.n;
      this.bytes -= held.bytes;
      this.db.prepare('DELETE FROM deliveries WHERE lane = ?').run(lane);
      this.db.prepare('DELETE FROM lane_attempts WHERE lane = ?').run(lane);
      this.db.prepare('DELETE FROM counters WHERE name IN (' + KINDS.map(() => '?').join(', ') + ')').run(...KINDS.map((kind) => counterName(kind, lane)));
    })();
    this.logged.delete(lane);
    return dropped;
  }

  /** The journal row `seq` is being shed (telemetry quota): its pending and dead deliveries go with it. Inside the caller's transaction. */
  shedSeq(seq: number): void {
    const rows = this.db.prepare("SELECT lane, state, body FROM deliveries WHERE seq = ? AND state IN ('pending', 'dead')").all(seq) as Array<{ lane: string; state: string; body: string }>;
    for (const row of rows) {
      if (row.state === 'dead') this.counters.bump(counterName('dead', row.lane), -1);
      this.counters.bump(counterName('shed', row.lane));
      this.bytes -= Buffer.byteLength(row.body);
    }
    this.db.prepare('DELETE FROM deliveries WHERE seq = ?').run(seq);
  }

  /**
   * Sheds until the held bodies fit `quotaBytes`: the oldest dead letters first (any lane; a receiver refusing
   * everything cannot grow them without bound), then the oldest pending deliveries. Each one is counted as shed on
   * its lane. Webhooks give way so check-ins never do. Returns how many were shed.
   */
  shedOverQuota(quotaBytes: number): number {
    this.flush();
    let shed = 0;
    for (const state of ['dead', 'pending'] as const) {
      const oldest = this.db.prepare(`SELECT lane, seq, length(CAST(body AS BLOB)) AS bytes FROM deliveries WHERE state = '${state}' ORDER BY seq LIMIT 500`);
      const drop = this.db.prepare(`DELETE FROM deliveries WHERE lane = ? AND seq = ? AND state = '${state}'`);
      while (this.bytes > quotaBytes) {
        const rows = oldest.all() as Array<{ lane: string; seq: number; bytes: number }>;
        if (rows.length === 0) break;
        this.db.transaction(() => {
          for (const row of rows) {
            if (this.bytes <= quotaBytes) break;
            if (drop.run(row.lane, row.seq).changes === 0) continue;
            if (state === 'dead') this.counters.bump(counterName('dead', row.lane), -1);
            this.counters.bump(counterName('shed', row.lane));
            this.bytes -= row.bytes;
            shed++;
          }
        })();
      }
    }
    if (this.bytes > quotaBytes) this.bytes = 0; // nothing left to shed: the estimate was off, start again from zero
    return shed;
  }

  /**
   * Lanes under `prefix` that are no longer configured: their deliveries are dropped (counted as shed), so a
   * removed destination does not hold journal rows forever. Returns how many were dropped.
   */
  retire(prefix: string, active: string[]): number {
    this.flush();
    const lanes = (this.db.prepare('SELECT DISTINCT lane FROM deliveries WHERE lane LIKE ?').pluck().all(`${prefix}%`) as string[]).filter(
      (lane) => !active.includes(lane),
    );
    let dropped = 0;
    for (const lane of lanes) {
      this.db.transaction(() => {
        const pending = this.db.prepare("SELECT count(*) AS n, coalesce(sum(length(CAST(body AS BLOB))), 0) AS bytes FROM deliveries WHERE lane = ? AND state = 'pending'").get(lane) as { n: number; bytes: number };
        const dead = this.db.prepare("SELECT count(*) AS n, coalesce(sum(length(CAST(body AS BLOB))), 0) AS bytes FROM deliveries WHERE lane = ? AND state = 'dead'").get(lane) as { n: number; bytes: number };
        this.counters.bump(counterName('shed', lane), pending.n);
        this.counters.bump(counterName('dead', lane), -dead.n);
        this.counters.bump(counterName('shed', lane), dead.n);
        this.bytes -= pending.bytes + dead.bytes;
        dropped += pending.n + dead.n;
        this.db.prepare("DELETE FROM deliveries WHERE lane = ? AND state != 'delivered'").run(lane);
      })();
    }
    return dropped;
  }

  /** Forgets delivered rows older than `before` (the journal row can then be pruned). Returns the count. */
  pruneDelivered(before: Date): number {
    this.flush();
    return this.db.prepare("DELETE FROM deliveries WHERE state = 'delivered' AND updated_at < ?").run(before.getTime()).changes;
  }

  private log(lane: string, item: LaneDelivery, attempt: Omit<LaneAttempt, 'eventId' | 'eventType'>): void {
    this.insertAttempt.run(
      lane,
      item.eventId,
      item.eventType,
      Date.parse(attempt.at),
      attempt.status,
      Math.round(attempt.latencyMs),
      attempt.outcome,
      attempt.error,
    );
    const logged = (this.logged.get(lane) ?? 0) + 1;
    this.logged.set(lane, logged);
    if (logged % 10 === 0) this.trimAttempts.run(lane, lane, ATTEMPTS_KEPT);
  }
}

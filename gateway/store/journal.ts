import { v7 as uuidv7 } from 'uuid';
import { Counters } from './counters.js';
import type { Db } from './database.js';

/** Facts that leave the box (cloud-api.md's event types). */
export type OutboundEventType = 'check_in' | 'equipment_session' | 'device_status';
/**
 * Facts kept on the box only: the journal records them, the cloud outbox never sends them (lanes such as
 * webhooks may): door openings, achievements, device health changes, a staff-requested test event, staff actions at the console,
 * class summaries (class mode: the cloud contract has no type for them).
 */
export type LocalEventType = 'machine_claim' | 'door_opened' | 'achievement' | 'device_health' | 'webhook_test' | 'staff_action' | 'class_summary';
export type EventType = OutboundEventType | LocalEventType;

/** Lower drains first: a member's check-in matters more than a minute of telemetry. */
export const PRIORITY: Record<OutboundEventType, number> = { check_in: 0, equipment_session: 1, device_status: 2 };

const isOutbound = (type: EventType): type is OutboundEventType => type in PRIORITY;

export const isTelemetry = (type: EventType) => type !== 'check_in';

export interface JournalEntry<P = unknown> {
  seq: number;
  eventId: string;
  type: EventType;
  occurredAt: Date;
  payload: P;
}

/** A fact waiting to be journaled. */
export interface NewFact<P> {
  type: EventType;
  occurredAt: Date;
  payload: P;
}

/** Queues a committed fact on other lanes (webhooks…); runs inside the fact's transaction. */
export type LaneRouter = (entry: JournalEntry<unknown>) => void;

export interface GroupCommitOptions {
  /** Longest a buffered fact waits before its commit. */
  maxDelayMs: number;
  /** Commit at once when this many facts are waiting. */
  maxRows: number;
}

interface Buffered {
  eventId: string;
  fact: NewFact<unknown>;
  json: string;
  also?: (entry: JournalEntry<unknown>) => void;
  resolve: (entry: JournalEntry<unknown>) => void;
  reject: (error: unknown) => void;
}

/**
 * The append-only journal of facts; each fact is queued in the outbox in the same transaction.
 * The eventId is made once, at capture, and never again — a retry or a restart sends the same id.
 *
 * Two ways in:
 * - `append`: committed (synchronous=FULL) before it returns. Check-ins: the member sees nothing
 *   that is not on disk.
 * - `appendBuffered`: group commit for telemetry, at most `maxDelayMs` or `maxRows` per commit;
 *   the promise resolves once the fact is on disk.
 */
export class Journal {
  private readonly insertEntry;
  private readonly insertOutbox;
  private readonly counters: Counters;
  private buffer: Buffered[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly routers: LaneRouter[] = [];

  constructor(
    private readonly db: Db,
    private readonly options: {
      groupCommit?: GroupCommitOptions;
      /** Told of every committed entry the outbox will send, with its payload size in bytes. */
      onCommitted?: (entries: Array<{ type: OutboundEventType; bytes: number }>) => void;
    } = {},
  ) {
    this.insertEntry = db.prepare('INSERT INTO journal (event_id, type, occurred_at, payload) VALUES (?, ?, ?, ?)');
    this.insertOutbox = db.prepare('INSERT INTO outbox (seq, priority) VALUES (?, ?)');
    this.counters = new Counters(db);
  }

  append<P>(fact: NewFact<P>, alsoInTransaction?: (entry: JournalEntry<P>) => void): JournalEntry<P> {
    const eventId = uuidv7();
    const json = JSON.stringify(fact.payload);
    const entry = this.db.transaction(() => {
      const written = this.write(eventId, fact, json);
      alsoInTransaction?.(written);
      if (isOutbound(fact.type)) this.counters.bump(`produced:${fact.type}`);
      return written;
    })();
    if (isOutbound(fact.type)) this.options.onCommitted?.([{ type: fact.type, bytes: Buffer.byteLength(json) }]);
    return entry;
  }

  appendBuffered<P>(fact: NewFact<P>, alsoInTransaction?: (entry: JournalEntry<P>) => void): Promise<JournalEntry<P>> {
    return new Promise((resolve, reject) => {
      this.buffer.push({
        eventId: uuidv7(),
        fact,
        json: JSON.stringify(fact.payload),
        also: alsoInTransaction as Buffered['also'],
        resolve: resolve as Buffered['resolve'],
        reject,
      });
      const { maxDelayMs = 50, maxRows = 500 } = this.options.groupCommit ?? {};
      if (this.buffer.length >= maxRows) this.flush();
      else if (!this.timer) this.timer = setTimeout(() => this.flush(), maxDelayMs);
    });
  }

  /** Commits everything buffered, in one transaction. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length === 0) return;
    let entries: JournalEntry<unknown>[];
    try {
      entries = this.db.transaction(() => {
        const written = batch.map((item) => {
          const entry = this.write(item.eventId, item.fact, item.json);
          item.also?.(entry);
          return entry;
        });
        const perType = new Map<EventType, number>();
        for (const item of batch) if (isOutbound(item.fact.type)) perType.set(item.fact.type, (perType.get(item.fact.type) ?? 0) + 1);
        for (const [type, n] of perType) this.counters.bump(`produced:${type}`, n);
        return written;
      })();
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    this.options.onCommitted?.(
      batch.filter((item) => isOutbound(item.fact.type)).map((item) => ({ type: item.fact.type as OutboundEventType, bytes: Buffer.byteLength(item.json) })),
    );
    batch.forEach((item, i) => item.resolve(entries[i]!));
  }

  /** Adds a router: every fact written from now on is offered to it in its own transaction. Returns a remover. */
  addRouter(router: LaneRouter): () => void {
    this.routers.push(router);
    return () => {
      const i = this.routers.indexOf(router);
      if (i >= 0) this.routers.splice(i, 1);
    };
  }

  /** Flushes and stops the group-commit timer (on shutdown). */
  close(): void {
    this.flush();
  }

  /** Deletes facts kept on the box only (never in the outbox) older than `before`, once no lane still holds them. Returns the count. */
  pruneLocal(before: Date): number {
    const local = Object.keys(PRIORITY).map((t) => `'${t}'`).join(', ');
    return this.db
      .prepare(
        `DELETE FROM journal WHERE type NOT IN (${local}) AND occurred_at < ?
         AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.seq = journal.seq)`,
      )
      .run(before.getTime()).changes;
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM journal').get() as { n: number }).n;
  }

  private write<P>(eventId: string, fact: NewFact<P>, json: string): JournalEntry<P> {
    const { lastInsertRowid } = this.insertEntry.run(eventId, fact.type, fact.occurredAt.getTime(), json);
    const entry: JournalEntry<P> = { seq: Number(lastInsertRowid), eventId, ...fact };
    if (isOutbound(fact.type)) this.insertOutbox.run(entry.seq, PRIORITY[fact.type]);
    for (const route of this.routers) route(entry);
    return entry;
  }
}

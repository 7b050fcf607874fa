import { v7 as uuidv7 } from 'uuid';
import type { Db } from './database.js';

export type EventType = 'check_in' | 'equipment_session' | 'device_status';

/** Lower drains first: a member's check-in matters more than a minute of telemetry. */
export const PRIORITY: Record<EventType, number> = { check_in: 0, equipment_session: 1, device_status: 2 };

export interface JournalEntry<P = unknown> {
  seq: number;
  eventId: string;
  type: EventType;
  occurredAt: Date;
  payload: P;
}

/** A fact waiting to be journaled. The eventId is made here, once, and never again. */
export interface NewFact<P> {
  type: EventType;
  occurredAt: Date;
  payload: P;
}

/**
 * Append-only journal of facts, each also queued in the outbox, in one transaction.
 * `alsoInTransaction` lets a caller write its projection atomically with the fact.
 */
export class Journal {
  private readonly insertEntry;
  private readonly insertOutbox;

  constructor(private readonly db: Db) {
    this.insertEntry = db.prepare(
      'INSERT INTO journal (event_id, type, occurred_at, payload) VALUES (?, ?, ?, ?)',
    );
    this.insertOutbox = db.prepare('INSERT INTO outbox (seq, priority) VALUES (?, ?)');
  }

  append<P>(fact: NewFact<P>, alsoInTransaction?: (entry: JournalEntry<P>) => void): JournalEntry<P> {
    const eventId = uuidv7();
    return this.db.transaction(() => {
      const { lastInsertRowid } = this.insertEntry.run(
        eventId,
        fact.type,
        fact.occurredAt.getTime(),
        JSON.stringify(fact.payload),
      );
      const entry: JournalEntry<P> = { seq: Number(lastInsertRowid), eventId, ...fact };
      this.insertOutbox.run(entry.seq, PRIORITY[fact.type]);
      alsoInTransaction?.(entry);
      return entry;
    })();
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM journal').get() as { n: number }).n;
  }
}

import type { FloorFact } from '../../shared/floor.js';
import type { Db } from '../store/database.js';
import type { EventType, JournalEntry } from '../store/journal.js';
import { FLOOR_LANE } from './fact-lane.js';
import { floorFactOf, type NameOf } from './outgoing.js';

/** A box this box never saw before is told this much of the past (occupancy, anti-passback, today's boards). */
export const REPLAY_FOR_NEW_BOX_MS = 24 * 3_600_000;
/** Facts the broker took just before it died may never have reached the others: a little before the loss too. */
const SLACK_MS = 60_000;

/**
 * The facts this box told the floor since `since` (lane `floor`, delivered), in journal order: what a box that
 * rejoined may have missed. Facts still pending are not here; the lane sends them itself.
 */
export function replayFacts(db: Db, options: { since: Date | null; boxId: string; nameOf: NameOf; now: Date }): FloorFact[] {
  const from = (options.since?.getTime() ?? options.now.getTime() - REPLAY_FOR_NEW_BOX_MS) - SLACK_MS;
  const rows = db
    .prepare(
      `SELECT j.seq, j.event_id, j.type, j.occurred_at, j.payload FROM deliveries d JOIN journal j ON j.seq = d.seq
       WHERE d.lane = ? AND d.state = 'delivered' AND d.updated_at >= ? ORDER BY d.seq`,
    )
    .all(FLOOR_LANE, from) as Array<{ seq: number; event_id: string; type: EventType; occurred_at: number; payload: string }>;
  return rows.flatMap((row) => {
    const entry: JournalEntry<unknown> = { seq: row.seq, eventId: row.event_id, type: row.type, occurredAt: new Date(row.occurred_at), payload: JSON.parse(row.payload) };
    const fact = floorFactOf(entry, options.boxId, options.nameOf);
    return fact ? [fact] : [];
  });
}

import type { FloorFact } from '../../shared/floor.js';
import type { Logger } from '../log.js';
import type { Db } from '../store/database.js';
import type { EventType, JournalEntry } from '../store/journal.js';
import type { Lanes } from '../store/lanes.js';
import type { Clock } from '../time/clock.js';
import { FLOOR_LANE } from './fact-lane.js';
import type { MqttLink } from './mqtt-link.js';
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

export interface TellAgainDeps {
  db: Db;
  lanes: Lanes;
  link: MqttLink;
  factsTopic: string;
  boxId: string;
  nameOf: NameOf;
  clock: Clock;
  log: Logger;
}

/** A box (re)joined: it may have missed what this box told the floor while it was away. Receivers dedupe. */
export async function tellAgain(deps: TellAgainDeps, to: string, since: Date | null): Promise<void> {
  const { link, lanes, log } = deps;
  await link.untilReady(); // retained presence may be handled before our subscription's own acknowledgement
  if (!link.connected) return; // closing
  lanes.flush(); // outcomes still in their group commit are delivered facts too
  const facts = replayFacts(deps.db, { since, boxId: deps.boxId, nameOf: deps.nameOf, now: deps.clock.now() });
  let sent = 0;
  for (const fact of facts) {
    try {
      await link.publishAcked(deps.factsTopic, JSON.stringify(fact));
      sent++;
    } catch {
      break; // the link dropped: the box will rejoin again, and hear it then
    }
  }
  if (sent > 0) log.info({ to, sent }, 'facts told the floor again for a box that rejoined');
}

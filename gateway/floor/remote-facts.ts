import type { FloorFact } from '../../shared/floor.js';
import type { Visit } from '../occupancy/occupancy.js';
import type { Db } from '../store/database.js';

/**
 * Facts heard from the other boxes (table `floor_facts`, migration 8): remembered by eventId so a fact replayed after
 * a partition, or heard again after a restart, counts once. Never journaled: this box does not forward them.
 */
export class RemoteFacts {
  private readonly insert;
  private readonly visits;

  constructor(private readonly db: Db) {
    this.insert = db.prepare('INSERT OR IGNORE INTO floor_facts (event_id, box_id, type, occurred_at, payload) VALUES (?, ?, ?, ?, ?)');
    this.visits = db.prepare("SELECT payload FROM floor_facts WHERE type = 'check_in' AND occurred_at > ? ORDER BY occurred_at");
  }

  /** Stores a fact; false when it was already known (a replay). */
  remember(fact: FloorFact): boolean {
    const at = Date.parse(fact.type === 'check_in' ? fact.checkIn.decidedAt : fact.at);
    return this.insert.run(fact.eventId, fact.boxId, fact.type, Number.isFinite(at) ? at : 0, JSON.stringify(fact)).changes > 0;
  }

  /** Accepted check-ins at other boxes since `since`: occupancy and anti-passback after a restart. */
  acceptedVisitsSince(since: Date): Visit[] {
    const visits: Visit[] = [];
    for (const { payload } of this.visits.all(since.getTime()) as Array<{ payload: string }>) {
      const visit = visitOf(JSON.parse(payload) as FloorFact);
      if (visit) visits.push(visit);
    }
    return visits;
  }

  /** Forgets facts older than `before` (a replay older than that would count again: keep it above any partition). */
  prune(before: Date): number {
    return this.db.prepare('DELETE FROM floor_facts WHERE occurred_at < ?').run(before.getTime()).changes;
  }
}

/** A remote accepted check-in as a visit (who, when); null for denials and unknown badges. */
export function visitOf(fact: FloorFact): Visit | null {
  if (fact.type !== 'check_in' || fact.checkIn.decision !== 'accepted' || !fact.checkIn.memberId) return null;
  return { memberId: fact.checkIn.memberId, at: new Date(fact.checkIn.decidedAt) };
}

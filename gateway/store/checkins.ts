import type { DenialCode, Decision } from '../../shared/checkin.js';
import type { Visit } from '../domain/occupancy.js';
import type { Db } from './database.js';

export interface CheckInRow {
  eventId: string;
  memberId: string | null;
  badge: string;
  decision: Decision;
  reason: DenialCode | null;
  decidedAt: Date;
}

/** The check-in projection: what the look-back rules (anti-passback, occupancy) read. */
export class CheckInStore {
  private readonly insert;
  private readonly lastAccepted;
  private readonly acceptedSince;

  constructor(db: Db) {
    this.insert = db.prepare(
      'INSERT INTO checkins (event_id, member_id, badge, decision, reason, decided_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.lastAccepted = db.prepare(
      "SELECT max(decided_at) AS at FROM checkins WHERE member_id = ? AND decision = 'accepted'",
    );
    this.acceptedSince = db.prepare(
      "SELECT member_id, decided_at FROM checkins WHERE decision = 'accepted' AND decided_at > ? ORDER BY decided_at",
    );
  }

  /** Call inside the journal's transaction, so the projection never disagrees with the journal. */
  add(row: CheckInRow): void {
    this.insert.run(row.eventId, row.memberId, row.badge, row.decision, row.reason, row.decidedAt.getTime());
  }

  lastAcceptedAt(memberId: string): Date | null {
    const { at } = this.lastAccepted.get(memberId) as { at: number | null };
    return at === null ? null : new Date(at);
  }

  acceptedVisitsSince(since: Date): Visit[] {
    return (this.acceptedSince.all(since.getTime()) as Array<{ member_id: string; decided_at: number }>).map(
      (row) => ({ memberId: row.member_id, at: new Date(row.decided_at) }),
    );
  }
}

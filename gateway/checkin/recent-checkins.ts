import type { Visit } from '../occupancy/occupancy.js';
import type { Db } from '../store/database.js';

/** Check-ins are appended in capture order; a little slack covers a clock stepped back meanwhile. */
const CLOCK_SLACK_MS = 10 * 60_000;

/**
 * Accepted check-ins since `since`, read from the journal's tail: what anti-passback and occupancy
 * need after a restart. Nothing else is written per check-in for them.
 */
export function acceptedCheckInsSince(db: Db, since: Date): Visit[] {
  const rows = db
    .prepare("SELECT occurred_at, payload FROM journal WHERE type = 'check_in' ORDER BY seq DESC")
    .iterate() as IterableIterator<{ occurred_at: number; payload: string }>;
  const visits: Visit[] = [];
  for (const row of rows) {
    if (row.occurred_at < since.getTime() - CLOCK_SLACK_MS) break;
    if (row.occurred_at <= since.getTime()) continue;
    const payload = JSON.parse(row.payload) as { decision?: string; memberId?: string | null };
    if (payload.decision === 'accepted' && payload.memberId) visits.push({ memberId: payload.memberId, at: new Date(row.occurred_at) });
  }
  return visits.reverse();
}

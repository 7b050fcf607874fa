import type { FastifyInstance } from 'fastify';
import { occupancyByHourSchema, type OccupancyByHour } from '../../shared/occupancy.js';
import { acceptedCheckInsSince } from '../checkin/recent-checkins.js';
import type { Store } from '../store/open-store.js';
import type { Clock } from '../time/clock.js';
import { occupancyByHour, USUAL_WEEKS } from './by-hour.js';

/** Without a new check-in the answer is kept this long (the hour and the day move on). */
const CACHE_MS = 60_000;

export interface OccupancyRouteDeps {
  store: Pick<Store, 'db'>;
  clock: Clock;
  locationId: string;
  timezone: string;
}

/** `GET /api/occupancy/by-hour`: today's visits by hour beside the usual for this weekday, from the journal. */
export function registerOccupancyRoutes(app: FastifyInstance, deps: OccupancyRouteDeps): void {
  let cached: { at: number; lastSeq: number; answer: OccupancyByHour } | null = null;
  // The newest check-in's place in the journal (a short walk back from the tail): a new one makes the answer stale.
  const lastCheckIn = deps.store.db.prepare("SELECT seq FROM journal WHERE type = 'check_in' ORDER BY seq DESC LIMIT 1");
  app.get('/api/occupancy/by-hour', async (): Promise<OccupancyByHour> => {
    const now = deps.clock.now();
    const lastSeq = (lastCheckIn.get() as { seq: number } | undefined)?.seq ?? 0;
    if (cached && cached.lastSeq === lastSeq && now.getTime() - cached.at < CACHE_MS && cached.at <= now.getTime()) return cached.answer;
    const since = new Date(now.getTime() - (USUAL_WEEKS * 7 + 1) * 86_400_000);
    const visits = acceptedCheckInsSince(deps.store.db, since).map((v) => v.at);
    const answer = occupancyByHourSchema.parse(occupancyByHour(visits, now, deps.timezone, deps.locationId));
    cached = { at: now.getTime(), lastSeq, answer };
    return answer;
  });
}

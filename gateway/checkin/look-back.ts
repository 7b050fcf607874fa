import type { OccupancyState } from '../../shared/occupancy.js';
import type { FloorgateConfig } from '../config/schema.js';
import { OccupancyTracker } from '../occupancy/tracker.js';
import type { Db } from '../store/database.js';
import type { Clock } from '../time/clock.js';
import { LastAdmissions } from './admissions.js';
import { acceptedCheckInsSince } from './recent-checkins.js';

/**
 * The check-in rules that look back (who is in the gym; who checked in too recently to do it again), rebuilt from the
 * journal's tail — so a restart keeps the occupancy count and anti-passback.
 */
export function restoreFromJournal(db: Db, config: FloorgateConfig, clock: Clock, onOccupancy: (state: OccupancyState) => void) {
  const occupancy = new OccupancyTracker({
    locationId: config.location.id,
    timezone: config.location.timezone,
    capacity: config.location.capacity,
    dwellMinutes: config.checkin.dwellMinutes,
    clock,
    onChange: onOccupancy,
  });
  const admissions = new LastAdmissions(config.checkin.antiPassbackMinutes * 60_000);
  const lookBackMs = Math.max(config.checkin.dwellMinutes, config.checkin.antiPassbackMinutes) * 60_000;
  const recentVisits = acceptedCheckInsSince(db, new Date(clock.now().getTime() - lookBackMs));
  occupancy.load(recentVisits);
  for (const visit of recentVisits) admissions.admit(visit);
  return { occupancy, admissions };
}

import type { OccupancyByHour } from '../../shared/occupancy.js';
import { localTime } from '../time/local-time.js';

/** How many earlier same weekdays make "the usual". */
export const USUAL_WEEKS = 4;

/**
 * Visits (accepted check-ins) per local hour: today's, and the mean over the last `USUAL_WEEKS` same weekdays that the
 * visits cover (a box installed last week has a usual of one week, a new box none). Pure: the caller reads the journal.
 */
export function occupancyByHour(visits: readonly Date[], now: Date, timeZone: string, locationId: string): Omit<OccupancyByHour, never> {
  const here = localTime(now, timeZone);
  const today = new Array<number>(24).fill(0);
  const earlier = new Map<string, number[]>();
  let firstDate: string | null = null;
  for (const at of visits) {
    const t = localTime(at, timeZone);
    if (firstDate === null || t.date < firstDate) firstDate = t.date;
    const hour = Math.floor(t.minutes / 60);
    if (t.date === here.date) today[hour]! += 1;
    else if (t.weekday === here.weekday && t.date < here.date) {
      const day = earlier.get(t.date) ?? new Array<number>(24).fill(0);
      day[hour]! += 1;
      earlier.set(t.date, day);
    }
  }
  // Same weekdays the journal covers, even those with no visit (a closed holiday counts as a quiet day).
  const days: string[] = [];
  for (let week = 1; week <= USUAL_WEEKS; week++) {
    const date = localTime(new Date(now.getTime() - week * 7 * 86_400_000), timeZone).date;
    if (firstDate !== null && date >= firstDate) days.push(date);
  }
  const usual =
    days.length === 0
      ? null
      : today.map((_, hour) => round1(days.reduce((sum, date) => sum + (earlier.get(date)?.[hour] ?? 0), 0) / days.length));
  return { locationId, date: here.date, hour: Math.floor(here.minutes / 60), today, usual, weeks: days.length };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

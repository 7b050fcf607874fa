import { createRequire } from 'node:module';
import type ical from 'node-ical';
import type { ScheduledClass } from '../../shared/screens.js';
import { localTime } from '../time/local-time.js';

/** The instant a local day starts in a time zone (DST-safe: checked against the zone's own clock). */
export function startOfLocalDay(date: string, timeZone: string): Date {
  let guess = Date.parse(`${date}T00:00:00Z`);
  for (let i = 0; i < 3; i++) {
    const local = localTime(new Date(guess), timeZone);
    const dayShift = local.date === date ? 0 : local.date < date ? -1440 : 1440;
    const off = local.minutes + dayShift;
    if (off === 0) break;
    guess -= off * 60_000;
  }
  return new Date(guess);
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (value && typeof value === 'object' && 'val' in value && typeof (value as { val: unknown }).val === 'string') {
    return ((value as { val: string }).val).trim() || null;
  }
  return null;
}

/** "Coach: Anna" in the description names the coach; otherwise no coach is shown. */
function coachOf(description: string | null): string | null {
  const match = description ? /coach\s*:\s*([^\n\\]+)/i.exec(description) : null;
  return match?.[1]?.trim() || null;
}

export class IcsError extends Error {
  override name = 'IcsError';
}

/**
 * The classes of one local day from an ICS calendar (recurring events expanded, EXDATEs and overrides applied,
 * cancelled ones left out), in start order. Pure: parsing by node-ical, no I/O.
 */
// Loaded on first use: node-ical and its Temporal polyfill cost start-up time and memory on every box,
// and only a box with a schedule feed needs them.
let nodeIcal: typeof ical | undefined;
function icalParser(): typeof ical {
  nodeIcal ??= createRequire(import.meta.url)('node-ical') as typeof ical;
  return nodeIcal;
}

export function classesOn(icsText: string, date: string, timeZone: string): ScheduledClass[] {
  if (!/BEGIN:VCALENDAR/i.test(icsText)) throw new IcsError('not an iCalendar file (no BEGIN:VCALENDAR)');
  let calendar: ical.CalendarResponse;
  try {
    calendar = icalParser().sync.parseICS(icsText);
  } catch (error) {
    throw new IcsError(`unreadable iCalendar: ${(error as Error).message}`);
  }
  const from = startOfLocalDay(date, timeZone);
  const nextDay = new Date(Date.parse(`${date}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const to = new Date(startOfLocalDay(nextDay, timeZone).getTime() - 1);
  const classes: ScheduledClass[] = [];
  for (const component of Object.values(calendar)) {
    if (!component || component.type !== 'VEVENT') continue;
    const event = component as ical.VEvent;
    if (!event.start) continue;
    for (const instance of icalParser().expandRecurringEvent(event, { from, to })) {
      if (instance.isFullDay) continue; // "Gym closed" notes and the like are not classes
      if (instance.event.status === 'CANCELLED') continue;
      const start = instance.start.getTime();
      if (start < from.getTime() || start > to.getTime()) continue;
      const description = text(instance.event.description);
      classes.push({
        id: `${event.uid ?? text(instance.summary) ?? 'class'}@${instance.start.toISOString()}`,
        title: text(instance.summary) ?? 'Class',
        start: instance.start.toISOString(),
        end: instance.end.toISOString(),
        coach: coachOf(description),
        room: text(instance.event.location),
      });
    }
  }
  return classes.sort((a, b) => a.start.localeCompare(b.start) || a.title.localeCompare(b.title));
}

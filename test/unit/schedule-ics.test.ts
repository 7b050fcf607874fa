import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../gateway/time/clock.js';
import { createLogger } from '../../gateway/log.js';
import { ScheduleFeed } from '../../gateway/schedule/feed.js';
import { classesOn, startOfLocalDay } from '../../gateway/schedule/ics.js';

const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Floorgate//test//EN',
  'BEGIN:VEVENT',
  'UID:hiit@floorgate',
  'DTSTART;TZID=Europe/Stockholm:20260105T070000',
  'DTEND;TZID=Europe/Stockholm:20260105T074500',
  'RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
  'EXDATE;TZID=Europe/Stockholm:20261111T070000',
  'SUMMARY:HIIT Express',
  'LOCATION:Studio 1',
  'DESCRIPTION:Coach: Anna',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:row@floorgate',
  'DTSTART:20261110T170000Z',
  'DTEND:20261110T180000Z',
  'SUMMARY:Row Club',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:cancelled@floorgate',
  'DTSTART:20261110T120000Z',
  'DTEND:20261110T130000Z',
  'STATUS:CANCELLED',
  'SUMMARY:Yoga',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:closed@floorgate',
  'DTSTART;VALUE=DATE:20261110',
  'SUMMARY:Staff day',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe('ICS schedule', () => {
  it('lists the day’s classes in the gym’s time zone: recurring ones expanded, cancelled and all-day ones left out', () => {
    const classes = classesOn(ICS, '2026-11-10', 'Europe/Stockholm');
    expect(classes.map((c) => [c.title, c.start, c.coach, c.room])).toEqual([
      ['HIIT Express', '2026-11-10T06:00:00.000Z', 'Anna', 'Studio 1'],
      ['Row Club', '2026-11-10T17:00:00.000Z', null, null],
    ]);
  });

  it('honours EXDATE and weekdays', () => {
    expect(classesOn(ICS, '2026-11-11', 'Europe/Stockholm').map((c) => c.title)).toEqual([]);
    expect(classesOn(ICS, '2026-11-14', 'Europe/Stockholm')).toEqual([]); // Saturday
  });

  it('refuses what is not a calendar, with a reason', () => {
    expect(() => classesOn('<html>404</html>', '2026-11-10', 'UTC')).toThrow(/not an iCalendar file/);
  });

  it('finds local midnight across DST', () => {
    expect(startOfLocalDay('2026-03-29', 'Europe/Stockholm').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfLocalDay('2026-03-30', 'Europe/Stockholm').toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });
});

describe('schedule feed', () => {
  const clock = manualClock('2026-11-10T09:00:00Z');
  const log = createLogger('silent');

  it('reads a feed over HTTP and keeps the last good copy when it breaks', async () => {
    let body = ICS;
    let status = 200;
    const server = createServer((_, res) => {
      res.writeHead(status, { 'content-type': 'text/calendar' });
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/classes.ics`;
    try {
      const feed = new ScheduleFeed({ source: url, baseDir: '/', refreshMinutes: 15, timezone: 'Europe/Stockholm', clock, log });
      await feed.refresh();
      expect(feed.answer().classes.map((c) => c.title)).toEqual(['HIIT Express', 'Row Club']);
      status = 503;
      body = 'down';
      await feed.refresh();
      const answer = feed.answer();
      expect(answer.classes).toHaveLength(2);
      expect(answer.source?.error).toMatch(/HTTP 503/);
    } finally {
      server.close();
    }
  });

  it('reads a file path relative to the config', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'floorgate-ics-'));
    writeFileSync(path.join(dir, 'classes.ics'), ICS);
    const feed = new ScheduleFeed({ source: 'classes.ics', baseDir: dir, refreshMinutes: 15, timezone: 'Europe/Stockholm', clock, log });
    await feed.refresh();
    expect(feed.answer('2026-11-10').classes).toHaveLength(2);
    expect(feed.answer('2026-11-10').source).toMatchObject({ kind: 'ics', error: null });
  });
});

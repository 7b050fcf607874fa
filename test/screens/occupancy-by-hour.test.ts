import { describe, expect, it } from 'vitest';
import { occupancyByHour } from '../../gateway/occupancy/by-hour.js';

const TZ = 'Europe/Stockholm'; // UTC+1 in November
const at = (iso: string) => new Date(iso);

describe('occupancy by hour', () => {
  it('counts today by local hour and averages the same weekday of earlier weeks', () => {
    const now = at('2026-11-25T16:30:00Z'); // Wednesday 17:30 local
    const visits = [
      at('2026-11-25T06:10:00Z'), // today 07:10
      at('2026-11-25T06:50:00Z'), // today 07:50
      at('2026-11-25T16:05:00Z'), // today 17:05
      at('2026-11-18T16:20:00Z'), // last Wednesday 17:20
      at('2026-11-18T16:40:00Z'),
      at('2026-11-11T16:10:00Z'), // two weeks ago 17:10
      at('2026-11-12T16:10:00Z'), // a Thursday: not the usual for Wednesday
    ];
    const answer = occupancyByHour(visits, now, TZ, 'loc-1');
    expect(answer).toMatchObject({ locationId: 'loc-1', date: '2026-11-25', hour: 17, weeks: 2 });
    expect(answer.today[7]).toBe(2);
    expect(answer.today[17]).toBe(1);
    expect(answer.today.reduce((a, b) => a + b)).toBe(3);
    expect(answer.usual![17]).toBe(1.5); // (2 + 1) / 2 weeks
    expect(answer.usual![7]).toBe(0);
  });

  it('has no usual before the journal holds an earlier same weekday', () => {
    const now = at('2026-11-25T16:30:00Z');
    const answer = occupancyByHour([at('2026-11-24T10:00:00Z'), at('2026-11-25T10:00:00Z')], now, TZ, 'loc-1');
    expect(answer.usual).toBeNull();
    expect(answer.weeks).toBe(0);
    expect(answer.today[11]).toBe(1);
  });
});

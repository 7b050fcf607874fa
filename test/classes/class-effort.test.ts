/** Class mode's pure rules on an injected clock: which class runs, who is in it, minutes per zone, effort points. */
import { describe, expect, it } from 'vitest';
import { ClassEffort, effortPoints, MAX_CREDITED_GAP_MS } from '../../gateway/classes/class-effort.js';
import { currentClass, nextClass, NO_OVERRIDES, type ClassSlot } from '../../gateway/classes/current-class.js';
import { manualClock } from '../../gateway/time/clock.js';
import type { ScheduledClass } from '../../shared/screens.js';

const at = (hhmmss: string) => new Date(`2026-03-02T${hhmmss}Z`);
const schedule: ScheduledClass[] = [
  { id: 'hiit@06:30', title: 'Early Bird HIIT', start: '2026-03-02T06:30:00.000Z', end: '2026-03-02T07:15:00.000Z', coach: 'Sara', room: 'Studio 1' },
  { id: 'row@09:00', title: 'Row Club', start: '2026-03-02T09:00:00.000Z', end: '2026-03-02T10:00:00.000Z', coach: 'Erik', room: null },
  { id: 'spin@09:30', title: 'Spin', start: '2026-03-02T09:30:00.000Z', end: '2026-03-02T10:15:00.000Z', coach: null, room: null },
];
const rowClub: ClassSlot = { id: 'row@09:00', title: 'Row Club', coach: 'Erik', room: null, start: at('09:00:00'), end: at('10:00:00'), source: 'schedule' };
const names: Record<string, string | null> = { anna: 'Anna S.', bo: 'Bo K.', hidden: null };
const nameOf = (id: string) => names[id] ?? null;

/** Heart rates every `everyS` seconds from `from` for `seconds`, on the clock (190 max HR: 0.8 × 190 = 152 is zone 4). */
function stream(effort: ClassEffort, clock: ReturnType<typeof manualClock>, memberId: string, bpm: number, seconds: number, everyS = 1) {
  for (let s = 0; s < seconds; s += everyS) {
    effort.heartRate(memberId, bpm, clock.now());
    clock.advance(everyS * 1000);
  }
}

describe('which class is running', () => {
  it('follows the schedule: nothing before, the class inside its window, nothing after its end', () => {
    expect(currentClass(schedule, NO_OVERRIDES, at('08:59:59'))).toBeNull();
    expect(currentClass(schedule, NO_OVERRIDES, at('09:00:00'))?.title).toBe('Row Club');
    expect(currentClass(schedule, NO_OVERRIDES, at('09:45:00'))?.title).toBe('Spin'); // overlapping: the one that started last
    expect(currentClass(schedule, NO_OVERRIDES, at('10:15:00'))).toBeNull();
    expect(nextClass(schedule, at('08:00:00'))?.title).toBe('Row Club');
    expect(nextClass(schedule, at('11:00:00'))).toBeNull();
  });

  it('lets staff start a class by hand (it wins while it lasts) and stop a scheduled one for good', () => {
    const byHand: ClassSlot = { ...rowClub, id: 'staff@x', title: 'Open spin', start: at('11:00:00'), end: at('11:45:00'), source: 'staff' };
    expect(currentClass(schedule, { started: byHand, stopped: new Set() }, at('11:10:00'))?.title).toBe('Open spin');
    expect(currentClass(schedule, { started: byHand, stopped: new Set() }, at('11:45:00'))).toBeNull();
    expect(currentClass(schedule, { started: null, stopped: new Set(['row@09:00']) }, at('09:10:00'))).toBeNull();
  });
});

describe('a class’s effort', () => {
  it('counts members checked in within the window (30 min before the start to the end) who send a heart rate', () => {
    const effort = new ClassEffort(rowClub);
    effort.checkIn('anna', at('08:35:00'));
    effort.checkIn('early', at('08:25:00')); // too early: an earlier visit
    effort.checkIn('hidden', at('09:05:00'));
    for (const id of ['anna', 'early', 'stranger', 'hidden']) effort.heartRate(id, 120, at('09:06:00'));
    const view = effort.view(at('09:06:01'), nameOf);
    expect(view.tiles.map((t) => t.displayName)).toEqual(['Anna S.', null]);
    expect(view.tiles.map((t) => t.key)).toEqual(['t1', 't2']); // no member ids on a public screen
    expect(JSON.stringify(view)).not.toContain('hidden');
  });

  it('adds up minutes per zone from the readings and gives 1/2/3 points a minute in zones 3/4/5', () => {
    const clock = manualClock('2026-03-02T09:00:00Z');
    const effort = new ClassEffort(rowClub);
    effort.checkIn('anna', at('08:50:00'));
    stream(effort, clock, 'anna', 110, 5 * 60); // zone 1 (≥ 95)
    stream(effort, clock, 'anna', 140, 10 * 60); // zone 3 (≥ 133)
    stream(effort, clock, 'anna', 160, 4 * 60); // zone 4 (≥ 152)
    stream(effort, clock, 'anna', 180, 2 * 60 + 1); // zone 5 (≥ 171); the last reading closes the interval
    const tile = effort.view(clock.now(), nameOf).tiles[0]!;
    expect(tile.zoneMinutes).toEqual([5, 0, 10, 4, 2]);
    expect(tile.points).toBe(10 * 1 + 4 * 2 + 2 * 3);
    expect(tile.zone).toBe(5);
    expect(tile.bpm).toBe(180);
  });

  it('credits no more than 15 s for a gap (a lost signal earns nothing) and says "no signal" after 15 s of silence', () => {
    const effort = new ClassEffort(rowClub);
    effort.checkIn('bo', at('09:00:00'));
    effort.heartRate('bo', 160, at('09:10:00'));
    effort.heartRate('bo', 160, at('09:20:00')); // ten silent minutes
    const fact = effort.summary(at('10:00:00'));
    expect(fact.members[0]!.zoneSeconds).toEqual([0, 0, 0, MAX_CREDITED_GAP_MS / 1000, 0]);
    const tile = effort.view(at('09:20:16'), nameOf).tiles[0]!;
    expect([tile.bpm, tile.zone]).toEqual([null, 0]);
  });

  it('counts only time inside the class: warm-up readings before the start and readings after the end earn nothing', () => {
    const clock = manualClock('2026-03-02T08:58:00Z');
    const effort = new ClassEffort(rowClub);
    effort.checkIn('anna', at('08:55:00'));
    stream(effort, clock, 'anna', 175, 3 * 60 + 1); // 08:58–09:01: one minute of it in the class
    expect(effort.view(clock.now(), nameOf).tiles[0]!.zoneMinutes[4]).toBe(1);
    expect(effort.heartRate('anna', 175, at('10:00:00'))).toBe(false);
  });

  it('ends with a summary: each member’s seconds and points, the total and the top effort', () => {
    const clock = manualClock('2026-03-02T09:00:00Z');
    const effort = new ClassEffort(rowClub);
    for (const id of ['anna', 'bo']) effort.checkIn(id, at('08:59:00'));
    stream(effort, clock, 'anna', 140, 6 * 60 + 1); // 6 min zone 3: 6 points
    clock.set('2026-03-02T09:00:00Z');
    stream(effort, clock, 'bo', 165, 6 * 60 + 1); // 6 min zone 4: 12 points
    const fact = effort.summary(at('10:00:00'));
    expect(fact).toMatchObject({ classId: 'row@09:00', title: 'Row Club', totalPoints: 18, topMemberId: 'bo', endedAt: '2026-03-02T10:00:00.000Z' });
    expect(fact.members.map((m) => [m.memberId, m.points])).toEqual([['anna', 6], ['bo', 12]]);
  });

  it('rounds points down and never for less than the time it took', () => {
    expect(effortPoints([0, 0, 0, 59_999, 0, 0])).toBe(0);
    expect(effortPoints([0, 0, 0, 60_000, 30_000, 20_000])).toBe(1 + 1 + 1);
    expect(effortPoints([3_600_000, 3_600_000, 0, 0, 0, 0])).toBe(0); // zones 1–2 are the warm-up
  });
});

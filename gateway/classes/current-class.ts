import type { ClassSource } from '../../shared/classes.js';
import type { ScheduledClass } from '../../shared/screens.js';

/** A class that can run: from the schedule or started by staff. */
export interface ClassSlot {
  id: string;
  title: string;
  coach: string | null;
  room: string | null;
  start: Date;
  end: Date;
  source: ClassSource;
}

/** What staff did by hand: a class they started (until it ends or they stop it), scheduled ones they stopped early. */
export interface StaffOverrides {
  started: ClassSlot | null;
  stopped: ReadonlySet<string>;
}

export const NO_OVERRIDES: StaffOverrides = { started: null, stopped: new Set() };

export function slotOf(scheduled: ScheduledClass): ClassSlot {
  return {
    id: scheduled.id,
    title: scheduled.title,
    coach: scheduled.coach,
    room: scheduled.room,
    start: new Date(scheduled.start),
    end: new Date(scheduled.end),
    source: 'schedule',
  };
}

/**
 * The class running at `now`: one staff started (it wins while it lasts), else the scheduled class whose window holds
 * `now` and that staff did not stop — the latest-starting one when classes overlap. Pure.
 */
export function currentClass(scheduled: readonly ScheduledClass[], overrides: StaffOverrides, now: Date): ClassSlot | null {
  const t = now.getTime();
  const started = overrides.started;
  if (started && started.start.getTime() <= t && t < started.end.getTime()) return started;
  let running: ClassSlot | null = null;
  for (const c of scheduled) {
    const slot = slotOf(c);
    if (overrides.stopped.has(slot.id) || slot.start.getTime() > t || t >= slot.end.getTime()) continue;
    if (!running || slot.start.getTime() >= running.start.getTime()) running = slot;
  }
  return running;
}

/** The next scheduled class that starts after `now`, for the screen to name while nothing runs. */
export function nextClass(scheduled: readonly ScheduledClass[], now: Date): ScheduledClass | null {
  return scheduled.find((c) => Date.parse(c.start) > now.getTime()) ?? null;
}

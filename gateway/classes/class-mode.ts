import type { ClassRoomState, ClassSummaryView } from '../../shared/classes.js';
import type { ScheduledClass } from '../../shared/screens.js';
import type { Achievements } from '../achievements/achievements.js';
import { acceptedCheckInsSince } from '../checkin/recent-checkins.js';
import type { EquipmentReading } from '../devices/types.js';
import type { FloorEvents } from '../floor-events.js';
import type { Logger } from '../log.js';
import type { Db } from '../store/database.js';
import type { Journal } from '../store/journal.js';
import type { Clock } from '../time/clock.js';
import { ClassEffort, CHECK_IN_LEAD_MS, type ClassSummaryFact } from './class-effort.js';
import { currentClass, nextClass, type ClassSlot } from './current-class.js';

export interface ClassModeDeps {
  db: Db;
  journal: Journal;
  clock: Clock;
  floor: FloorEvents;
  log: Logger;
  locationId: string;
  /** Today's scheduled classes (the ICS feed), or none without a schedule; `version` changes with each new read. */
  schedule: { classes(): ScheduledClass[]; version(): string };
  achievements: Achievements;
  /** Public name or null (hidden / unknown). */
  nameOf: (memberId: string) => string | null;
  publish: (state: ClassRoomState) => void;
}

export type StaffClassOutcome = { ok: true; state: ClassRoomState } | { ok: false; code: 'class_running' | 'no_class'; message: string };

const TICK_MS = 1_000;

/**
 * Class mode on the box: follows the schedule (or staff) to start and end classes, feeds each running class its
 * members' check-ins and heart rates (domain: class-effort.ts), publishes the class room at most once a second, and
 * at the end journals the `class_summary` fact and puts it on the achievements screen.
 */
export class ClassMode {
  private running: ClassEffort | null = null;
  private started: ClassSlot | null = null;
  private readonly stopped = new Set<string>();
  private lastSummary: ClassSummaryView | null = null;
  private lastPublished = '';
  private timer: NodeJS.Timeout | null = null;
  private scheduleCache: { key: string; classes: ScheduledClass[] } | null = null;

  constructor(private readonly deps: ClassModeDeps) {}

  start(): void {
    this.lastSummary = this.latestSummary();
    this.deps.floor.on('checkin', this.onCheckIn);
    this.deps.floor.on('reading', this.onReading);
    this.tick();
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  /** Stops following; a running class is left unfinished (a restart picks it up from the schedule again). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.deps.floor.off('checkin', this.onCheckIn);
    this.deps.floor.off('reading', this.onReading);
  }

  /** Starts, ends and publishes as time passes. */
  tick(): void {
    try {
      const now = this.deps.clock.now();
      const slot = currentClass(this.scheduled(now), { started: this.started, stopped: this.stopped }, now);
      if (this.running && this.running.slot.id !== slot?.id) this.finish(this.running, now);
      if (slot && !this.running) this.begin(slot, now);
      this.publishIfChanged(now);
    } catch (error) {
      this.deps.log.error({ err: error }, 'class mode tick failed');
    }
  }

  state(now = this.deps.clock.now()): ClassRoomState {
    const next = this.running ? null : nextClass(this.scheduled(now), now);
    return {
      locationId: this.deps.locationId,
      current: this.running?.view(now, this.deps.nameOf) ?? null,
      next: next && { title: next.title, startsAt: next.start },
      lastSummary: this.lastSummary,
    };
  }

  /** Staff start a class now, for `minutes`; refused while one runs. */
  startByHand(title: string, minutes: number): StaffClassOutcome {
    const now = this.deps.clock.now();
    if (this.running) return { ok: false, code: 'class_running', message: `"${this.running.slot.title}" is running: stop it first.` };
    this.started = { id: `staff@${now.toISOString()}`, title, coach: null, room: null, start: now, end: new Date(now.getTime() + minutes * 60_000), source: 'staff' };
    this.tick();
    return { ok: true, state: this.state(now) };
  }

  /** Staff end the running class now: its summary is written as of now. */
  stopByHand(): StaffClassOutcome {
    if (!this.running) return { ok: false, code: 'no_class', message: 'No class is running.' };
    const id = this.running.slot.id;
    if (this.started?.id === id) this.started = null;
    else this.stopped.add(id);
    this.tick();
    return { ok: true, state: this.state() };
  }

  private readonly onCheckIn = (_result: unknown, payload: { memberId: string | null; decision: string; decidedAt: string }) => {
    if (!this.running || payload.decision !== 'accepted' || !payload.memberId) return;
    this.running.checkIn(payload.memberId, new Date(payload.decidedAt));
  };

  private readonly onReading = (reading: EquipmentReading) => {
    const bpm = reading.metrics.heartRateBpm;
    if (!this.running || !reading.memberId || !bpm) return;
    this.running.heartRate(reading.memberId, bpm, reading.at);
  };

  private begin(slot: ClassSlot, now: Date): void {
    const effort = new ClassEffort(slot);
    // Members who checked in before the class started (or before this box restarted) are in it too.
    for (const visit of acceptedCheckInsSince(this.deps.db, new Date(slot.start.getTime() - CHECK_IN_LEAD_MS - 1))) {
      if (visit.at.getTime() <= now.getTime()) effort.checkIn(visit.memberId, visit.at);
    }
    this.running = effort;
    this.deps.log.info({ classId: slot.id, title: slot.title, source: slot.source }, 'class started');
  }

  /** Journal first: a summary that cannot be stored leaves the class running, and the next tick tries again. */
  private finish(effort: ClassEffort, now: Date): void {
    const endedAt = new Date(Math.min(now.getTime(), effort.slot.end.getTime()));
    const fact = effort.summary(endedAt);
    const journal = fact.members.length > 0 && !this.alreadyJournaled(fact.classId); // nobody with a strap: nothing to remember
    if (journal) this.deps.journal.append({ type: 'class_summary', occurredAt: endedAt, payload: fact });
    this.running = null;
    this.deps.log.info({ classId: fact.classId, members: fact.members.length, totalPoints: fact.totalPoints }, 'class ended');
    if (fact.members.length === 0) return;
    this.lastSummary = this.summaryView(fact);
    if (journal) this.deps.achievements.classEnded(fact);
  }

  /** The last class's summary survives a restart: it is in the journal. */
  private latestSummary(): ClassSummaryView | null {
    const row = this.deps.db.prepare("SELECT payload FROM journal WHERE type = 'class_summary' ORDER BY seq DESC LIMIT 1").get() as { payload: string } | undefined;
    return row ? this.summaryView(JSON.parse(row.payload) as ClassSummaryFact) : null;
  }

  private alreadyJournaled(classId: string): boolean {
    return (
      this.deps.db.prepare("SELECT 1 FROM journal WHERE type = 'class_summary' AND json_extract(payload, '$.classId') = ? LIMIT 1").get(classId) !== undefined
    );
  }

  private summaryView(fact: ClassSummaryFact): ClassSummaryView {
    const top = fact.members.find((m) => m.memberId === fact.topMemberId);
    return {
      classId: fact.classId,
      title: fact.title,
      endedAt: fact.endedAt,
      members: fact.members.length,
      totalPoints: fact.totalPoints,
      top: top ? { displayName: this.deps.nameOf(top.memberId), points: top.points } : null,
    };
  }

  /** Today's classes, parsed once per minute of the clock and per read of the feed (parsing ICS is not free). */
  private scheduled(now: Date): ScheduledClass[] {
    const key = `${Math.floor(now.getTime() / 60_000)}|${this.deps.schedule.version()}`;
    if (this.scheduleCache?.key !== key) this.scheduleCache = { key, classes: this.deps.schedule.classes() };
    return this.scheduleCache.classes;
  }

  private publishIfChanged(now: Date): void {
    const state = this.state(now);
    const fingerprint = JSON.stringify(state);
    if (fingerprint === this.lastPublished) return;
    this.lastPublished = fingerprint;
    this.deps.publish(state);
  }

  /** Names changed with the roster: the tiles say them as they are now. */
  refreshNames(): void {
    this.publishIfChanged(this.deps.clock.now());
  }
}

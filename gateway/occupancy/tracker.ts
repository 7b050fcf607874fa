import type { OccupancyState } from '../../shared/occupancy.js';
import type { Clock } from '../domain/clock.js';
import { localTime } from '../domain/local-time.js';
import { membersPresent, nextCheckoutAt, type Visit } from '../domain/occupancy.js';

export interface OccupancyOptions {
  locationId: string;
  timezone: string;
  capacity: number | null;
  dwellMinutes: number;
  clock: Clock;
  /** Called whenever the state a screen would show changes (check-in or auto-checkout). */
  onChange: (state: OccupancyState) => void;
}

/**
 * Keeps the visits inside the dwell window and wakes up exactly when the next member
 * is checked out automatically. The counting itself is the pure domain/occupancy.ts.
 */
export class OccupancyTracker {
  /** Each member's latest accepted check-in: presence depends on nothing else. */
  private readonly lastVisit = new Map<string, Date>();
  private peak = { date: '', count: 0 };
  private timer: NodeJS.Timeout | null = null;
  private lastCount = -1;

  constructor(private readonly options: OccupancyOptions) {}

  /** Seeds the tracker from the journal's recent accepted check-ins (after a restart). */
  load(visits: Visit[]): void {
    for (const visit of visits) this.remember(visit);
    this.refresh();
  }

  admit(visit: Visit): void {
    this.remember(visit);
    this.refresh();
  }

  count(): number {
    return this.present().size;
  }

  state(): OccupancyState {
    const now = this.options.clock.now();
    const count = this.present().size;
    return {
      locationId: this.options.locationId,
      count,
      capacity: this.options.capacity,
      peakToday: Math.max(this.peakFor(now, count), count),
      updatedAt: now.toISOString(),
    };
  }

  /** Recomputes, publishes on change, and schedules the next auto-checkout. */
  refresh(): void {
    const now = this.options.clock.now();
    const since = now.getTime() - this.options.dwellMinutes * 60_000;
    for (const [memberId, at] of this.lastVisit) if (at.getTime() <= since) this.lastVisit.delete(memberId);
    const count = this.present().size;
    this.peak = { date: localTime(now, this.options.timezone).date, count: this.peakFor(now, count) };
    if (count !== this.lastCount) {
      this.lastCount = count;
      this.options.onChange(this.state());
    }
    this.schedule(now);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private remember(visit: Visit): void {
    const known = this.lastVisit.get(visit.memberId);
    if (!known || known < visit.at) this.lastVisit.set(visit.memberId, visit.at);
  }

  private visits(): Visit[] {
    return [...this.lastVisit].map(([memberId, at]) => ({ memberId, at }));
  }

  private present(): Set<string> {
    return membersPresent(this.visits(), this.options.clock.now(), this.options.dwellMinutes);
  }

  private peakFor(now: Date, count: number): number {
    const today = localTime(now, this.options.timezone).date;
    return this.peak.date === today ? Math.max(this.peak.count, count) : count;
  }

  private schedule(now: Date): void {
    this.stop();
    const next = nextCheckoutAt(this.visits(), now, this.options.dwellMinutes);
    if (!next) return;
    // Cap the wait so a clock jump (NTP at boot on a Pi) cannot leave a stale count for hours.
    const delay = Math.min(Math.max(next.getTime() - now.getTime(), 0) + 5, 60_000);
    this.timer = setTimeout(() => this.refresh(), delay);
    this.timer.unref();
  }
}

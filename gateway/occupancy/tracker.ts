import type { OccupancyState } from '../../shared/occupancy.js';
import type { Clock } from '../time/clock.js';
import { localTime } from '../time/local-time.js';
import { Presence, type Visit } from './occupancy.js';

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
 * Keeps who is in the gym (occupancy/occupancy.ts) and wakes up exactly when the next member is
 * checked out automatically, publishing every change; keeps today's peak.
 */
export class OccupancyTracker {
  private readonly presence: Presence;
  private peak = { date: '', count: 0 };
  private timer: NodeJS.Timeout | null = null;
  private lastCount = -1;

  constructor(private options: OccupancyOptions) {
    this.presence = new Presence(options.dwellMinutes * 60_000);
  }

  /** Seeds the tracker from the journal's recent accepted check-ins (after a restart). */
  load(visits: Visit[]): void {
    for (const visit of visits) this.presence.admit(visit);
    this.refresh();
  }

  admit(visit: Visit): void {
    this.presence.admit(visit);
    this.refresh();
  }

  /** Staff changed the gym's capacity: screens show it at once. */
  setCapacity(capacity: number | null): void {
    if (capacity === this.options.capacity) return;
    this.options = { ...this.options, capacity };
    this.options.onChange(this.state());
  }

  count(): number {
    this.presence.expire(this.options.clock.now());
    return this.presence.count;
  }

  state(): OccupancyState {
    const now = this.options.clock.now();
    const count = this.count();
    return {
      locationId: this.options.locationId,
      count,
      capacity: this.options.capacity,
      peakToday: this.peakFor(now, count),
      updatedAt: now.toISOString(),
    };
  }

  /** Recomputes, publishes on change, and schedules the next auto-checkout. */
  refresh(): void {
    const now = this.options.clock.now();
    const count = this.count();
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

  private peakFor(now: Date, count: number): number {
    const today = localTime(now, this.options.timezone).date;
    return this.peak.date === today ? Math.max(this.peak.count, count) : count;
  }

  private schedule(now: Date): void {
    this.stop();
    const next = this.presence.nextCheckoutAt();
    if (!next) return;
    // Cap the wait so a clock jump (NTP at boot on a Pi) cannot leave a stale count for hours.
    const delay = Math.min(Math.max(next.getTime() - now.getTime(), 0) + 5, 60_000);
    this.timer = setTimeout(() => this.refresh(), delay);
    this.timer.unref();
  }
}

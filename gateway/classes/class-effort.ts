import { EFFORT_POINTS_PER_MINUTE, type ClassTile, type ClassView } from '../../shared/classes.js';
import { heartRateZone } from '../../shared/screens.js';
import type { ClassSlot } from './current-class.js';

/** Members checked in this long before the start belong to the class (they warm up before the coach starts). */
export const CHECK_IN_LEAD_MS = 30 * 60_000;
/**
 * A gap between two readings counts for at most this long: straps send about once a second, so a longer gap is a
 * lost signal, and time nobody measured earns no minutes.
 */
export const MAX_CREDITED_GAP_MS = 15_000;
/** A strap silent this long shows "no signal" instead of an old heart rate. */
export const SIGNAL_LOST_MS = 15_000;

interface Participant {
  key: string;
  memberId: string;
  /** Milliseconds in zones 0–5. */
  zoneMs: number[];
  last: { at: number; bpm: number; zone: number } | null;
}

/** One member's part in a finished class, as the `class_summary` fact keeps it. */
export interface MemberEffort {
  memberId: string;
  /** Seconds in zones 1–5 (index 0 = zone 1). */
  zoneSeconds: number[];
  points: number;
}

/** The `class_summary` fact (journal; a local fact: the cloud contract has no type for it). */
export interface ClassSummaryFact {
  classId: string;
  title: string;
  coach: string | null;
  source: ClassSlot['source'];
  startedAt: string;
  endedAt: string;
  members: MemberEffort[];
  totalPoints: number;
  /** The member with the most points (the first to join on a tie); null when nobody earned a point. */
  topMemberId: string | null;
}

/** Effort points for time in each zone: EFFORT_POINTS_PER_MINUTE, pro rata by the second, rounded down. */
export function effortPoints(zoneMs: readonly number[]): number {
  const exact = zoneMs.reduce((sum, ms, zone) => sum + (ms / 60_000) * (EFFORT_POINTS_PER_MINUTE[zone] ?? 0), 0);
  return Math.floor(exact + 1e-9);
}

/**
 * The effort of one class: who is in it (checked in within the class window and sending a heart rate), the time each
 * spends in each zone, and their points. Pure and clocked by its inputs: readings carry their time, views take `now`.
 */
export class ClassEffort {
  private readonly checkedIn = new Set<string>();
  private readonly participants = new Map<string, Participant>();

  constructor(readonly slot: ClassSlot, private readonly maxHr?: number) {}

  /** Does a check-in at `at` put the member in this class? */
  inWindow(at: Date): boolean {
    const t = at.getTime();
    return t >= this.slot.start.getTime() - CHECK_IN_LEAD_MS && t < this.slot.end.getTime();
  }

  checkIn(memberId: string, at: Date): void {
    if (this.inWindow(at)) this.checkedIn.add(memberId);
  }

  /**
   * A heart rate from a member's strap (or a machine's HR). The gap since their previous reading is credited to the
   * zone they were in then, clipped to the class and to MAX_CREDITED_GAP_MS. Returns whether the class changed.
   */
  heartRate(memberId: string, bpm: number, at: Date): boolean {
    if (!this.checkedIn.has(memberId) || !Number.isFinite(bpm) || bpm <= 0) return false;
    const t = at.getTime();
    const start = this.slot.start.getTime();
    const end = this.slot.end.getTime();
    if (t >= end) return false;
    let p = this.participants.get(memberId);
    if (!p) {
      p = { key: `t${this.participants.size + 1}`, memberId, zoneMs: [0, 0, 0, 0, 0, 0], last: null };
      this.participants.set(memberId, p);
    }
    if (p.last && t > p.last.at) {
      const from = Math.max(p.last.at, start);
      const to = Math.min(t, p.last.at + MAX_CREDITED_GAP_MS);
      if (to > from) p.zoneMs[p.last.zone]! += to - from;
    }
    if (!p.last || t >= p.last.at) p.last = { at: t, bpm, zone: heartRateZone(bpm, this.maxHr) };
    return true;
  }

  /** The live view at `now`, names through `nameOf` (display names only). */
  view(now: Date, nameOf: (memberId: string) => string | null): ClassView {
    const tiles: ClassTile[] = [];
    let totalPoints = 0;
    for (const p of this.participants.values()) {
      const live = p.last !== null && now.getTime() - p.last.at < SIGNAL_LOST_MS;
      const points = effortPoints(p.zoneMs);
      totalPoints += points;
      tiles.push({
        key: p.key,
        displayName: nameOf(p.memberId),
        bpm: live ? Math.round(p.last!.bpm) : null,
        zone: live ? p.last!.zone : 0,
        zoneMinutes: [1, 2, 3, 4, 5].map((z) => Math.floor(p.zoneMs[z]! / 60_000)) as ClassTile['zoneMinutes'],
        points,
      });
    }
    const { slot } = this;
    return {
      classId: slot.id,
      title: slot.title,
      coach: slot.coach,
      room: slot.room,
      source: slot.source,
      startsAt: slot.start.toISOString(),
      endsAt: slot.end.toISOString(),
      minutesLeft: Math.max(0, Math.ceil((slot.end.getTime() - now.getTime()) / 60_000)),
      totalPoints,
      tiles,
    };
  }

  /** The class ends at `endedAt` (its scheduled end, or earlier when staff stop it). */
  summary(endedAt: Date): ClassSummaryFact {
    const members = [...this.participants.values()].map((p) => ({
      memberId: p.memberId,
      zoneSeconds: p.zoneMs.slice(1).map((ms) => Math.round(ms / 1000)),
      points: effortPoints(p.zoneMs),
    }));
    let top: MemberEffort | null = null;
    for (const m of members) if (m.points > 0 && (!top || m.points > top.points)) top = m;
    return {
      classId: this.slot.id,
      title: this.slot.title,
      coach: this.slot.coach,
      source: this.slot.source,
      startedAt: this.slot.start.toISOString(),
      endedAt: endedAt.toISOString(),
      members,
      totalPoints: members.reduce((sum, m) => sum + m.points, 0),
      topMemberId: top?.memberId ?? null,
    };
  }

  get size(): number {
    return this.participants.size;
  }
}

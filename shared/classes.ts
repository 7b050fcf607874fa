/**
 * Class mode (room `location:{id}:class`): the class running now, a zone-coloured tile per member in it, and the
 * summary of the last class. Plain types and constants only, so the screens' bundle stays free of zod.
 */

/** Effort points per minute in each heart-rate zone 0–5 (zones from `heartRateZone`, shared/screens.ts). README: "Class mode". */
export const EFFORT_POINTS_PER_MINUTE = [0, 0, 0, 1, 2, 3] as const;

/** How a class came to run: from the ICS schedule, or started by staff at the console. */
export type ClassSource = 'schedule' | 'staff';

/** One member in the class, as any screen may see them: a display name, never an id. */
export interface ClassTile {
  /** Stable while the class runs ("t3"): the order members joined, not who they are. */
  key: string;
  /** "Anna S.", an alias, or null for a member who hides their name (the tile says "Member"). */
  displayName: string | null;
  /** Latest heart rate; null when the strap has been silent for a while (the tile says so). */
  bpm: number | null;
  /** 0–5; 0 = below zone 1 or no signal. */
  zone: number;
  /** Whole minutes in zones 1–5 (index 0 = zone 1). */
  zoneMinutes: [number, number, number, number, number];
  /** Effort points so far, whole. */
  points: number;
}

export interface ClassView {
  classId: string;
  title: string;
  coach: string | null;
  room: string | null;
  source: ClassSource;
  startsAt: string;
  endsAt: string;
  /** Whole minutes until the end, by the gateway's clock (screens do not trust their own clocks). */
  minutesLeft: number;
  totalPoints: number;
  tiles: ClassTile[];
}

/** The end of a class as the screens show it (names only); the journal's `class_summary` fact keeps member ids. */
export interface ClassSummaryView {
  classId: string;
  title: string;
  endedAt: string;
  members: number;
  totalPoints: number;
  top: { displayName: string | null; points: number } | null;
}

/** The class room's payload, whole every time (≤ a few dozen tiles). */
export interface ClassRoomState {
  locationId: string;
  current: ClassView | null;
  /** The next scheduled class today, when none runs. */
  next: { title: string; startsAt: string } | null;
  lastSummary: ClassSummaryView | null;
}

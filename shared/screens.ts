/** The floor screens and widgets: names, parameters, and the HTTP answers they read. */
import type { Wod } from './checkin.js';
import type { EquipmentKind } from './equipment.js';

/** Screens a playlist can rotate through (`/screen/<name>`); the entrance takes input, so it is not one of them. */
export const PLAYLIST_SCREENS = ['leaderboard', 'wod', 'equipment', 'achievements', 'occupancy', 'schedule'] as const;
export type PlaylistScreen = (typeof PLAYLIST_SCREENS)[number];

/** Every `/screen/<name>` and `/widgets/<name>` page; any other name is a 404 (the server's status and the page). */
export const SCREEN_NAMES = ['entrance', ...PLAYLIST_SCREENS, 'playlist'] as const;
export const WIDGET_NAMES = ['leaderboard', 'daily-wod', 'achievements', 'equipment-status'] as const;

/** True for a page path this box does not have ("/screen/nope"); false for known pages and everything else. */
export function isUnknownPage(pathname: string): boolean {
  const match = /^\/(screen|widgets)\/([^/?#]*)\/?$/.exec(pathname);
  if (!match) return /^\/(screen|widgets)\/.+\//.test(pathname);
  const names: readonly string[] = match[1] === 'screen' ? SCREEN_NAMES : WIDGET_NAMES;
  return !names.includes(match[2]!);
}

export interface PlaylistItem {
  screen: PlaylistScreen;
  params: Record<string, string>;
  seconds: number;
}

/** `GET /api/playlists/:name` */
export interface Playlist {
  name: string;
  items: PlaylistItem[];
}

/** `GET /api/wod?location=&date=`: the day's workout, or null when none is posted. */
export interface WodAnswer {
  locationId: string;
  date: string;
  wod: Wod | null;
}

export interface ScheduledClass {
  id: string;
  title: string;
  start: string;
  end: string;
  /** Coach, room: from the feed's DESCRIPTION / LOCATION when present. */
  coach: string | null;
  room: string | null;
}

/** `GET /api/schedule?date=`: the day's classes in start order. */
export interface ScheduleAnswer {
  date: string;
  timezone: string;
  /** Null when no feed is configured; else when it was last read. */
  source: { kind: 'ics'; fetchedAt: string | null; error: string | null } | null;
  classes: ScheduledClass[];
}

/** Heart-rate zones 1–5 by share of max HR (50/60/70/80/90 %); 0 = below zone 1. */
export function heartRateZone(bpm: number, maxHr = 190): 0 | 1 | 2 | 3 | 4 | 5 {
  const share = bpm / maxHr;
  if (share >= 0.9) return 5;
  if (share >= 0.8) return 4;
  if (share >= 0.7) return 3;
  if (share >= 0.6) return 2;
  if (share >= 0.5) return 1;
  return 0;
}

export const EQUIPMENT_LABEL: Record<EquipmentKind, string> = {
  rower: 'Rower',
  bike: 'Bike',
  treadmill: 'Treadmill',
  cross_trainer: 'Cross trainer',
  ski: 'Ski erg',
  hr_strap: 'HR strap',
};

/** `GET /api/challenges`: the challenges running here now, soonest-ending first (the first is a screen's default). */
export interface ChallengesAnswer {
  locationId: string;
  challenges: import('./leaderboard.js').ChallengeSummary[];
}

/** `GET /api/equipment`: every tile (what the equipment-status widget polls). */
export interface EquipmentAnswer {
  locationId: string;
  tiles: import('./equipment.js').EquipmentTile[];
}

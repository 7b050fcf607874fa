/**
 * The live hub's contract (Socket.IO). Rooms follow seed 001 §4.3, plus one for the entrance screen.
 * A client emits `join` with a room name; the server answers with a `snapshot` of that room, then `delta`s.
 */
import type { AchievementsState } from './achievements.js';
import type { CheckInResult } from './checkin.js';
import type { ClassRoomState } from './classes.js';
import type { EquipmentTile } from './equipment.js';
import type { FloorView } from './floor.js';
import type { LeaderboardView } from './leaderboard.js';
import type { OccupancyState } from './occupancy.js';
import type { GatewayStatus } from './status.js';

export const rooms = {
  occupancy: (locationId: string) => `location:${locationId}:occupancy`,
  equipment: (locationId: string) => `location:${locationId}:equipment`,
  entrance: (locationId: string) => `location:${locationId}:entrance`,
  leaderboard: (challengeId: string) => `challenge:${challengeId}:leaderboard`,
  notifications: (memberId: string) => `member:${memberId}:notifications`,
  /** Recent personal records and goals reached at the location. */
  achievements: (locationId: string) => `location:${locationId}:achievements`,
  /** The floor's boxes and whether each is reachable (shared/floor.ts); public: box names only. */
  floor: (locationId: string) => `location:${locationId}:floor`,
  /** Class mode: the class running now, a tile per member in it (display names only), the last class's summary. */
  class: (locationId: string) => `location:${locationId}:class`,
  /** What the floor screens are set to show (playlists): a change reaches every open screen at once. */
  screens: (locationId: string) => `location:${locationId}:screens`,
  /** Staff only (staff token): the gateway's status, live. */
  staff: (locationId: string) => `location:${locationId}:staff`,
} as const;

export type RoomKind = keyof typeof rooms;

/** Rows live with the rest of the board's types. */
export type { LeaderboardRow } from './leaderboard.js';

/** The `screens` room: a revision that moves when staff edit a playlist (playlist screens then read theirs again). */
export interface ScreensLive {
  playlistsRevision: number;
}

export interface MemberNotification {
  id: string;
  at: string;
  text: string;
}

/** Payload of each room kind, for snapshots and deltas alike. */
export interface RoomPayloads {
  /** Whole state every time: it is tiny. */
  occupancy: OccupancyState;
  /** Snapshot: every tile. Delta: the tiles that changed. */
  equipment: EquipmentTile[];
  /** Snapshot: the latest check-ins (newest first). Delta: one new check-in. */
  entrance: CheckInResult[];
  /** Whole board every time (a few dozen rows): ranks move together. */
  leaderboard: LeaderboardView;
  notifications: MemberNotification[];
  /** Whole state every time: the latest achievements, newest first. */
  achievements: AchievementsState;
  /** Whole view every time: a few boxes. */
  floor: FloorView;
  /** Whole state every time: a class has at most a few dozen tiles. */
  class: ClassRoomState;
  /** Whole state every time: one number. */
  screens: ScreensLive;
  staff: GatewayStatus;
}

export type LiveMessage = {
  [K in RoomKind]: { room: string; kind: K; data: RoomPayloads[K] };
}[RoomKind];

export type JoinAck = { ok: true } | { ok: false; error: string };

export interface ServerToClientEvents {
  snapshot: (message: LiveMessage) => void;
  delta: (message: LiveMessage) => void;
}

export interface ClientToServerEvents {
  join: (room: string, ack: (result: JoinAck) => void) => void;
  leave: (room: string) => void;
}

/** Parses a room name into its kind and id, or null when it is not one of ours. */
export function parseRoom(room: string): { kind: RoomKind; id: string } | null {
  const match = /^(location|challenge|member):([A-Za-z0-9_.-]{1,64}):(occupancy|equipment|entrance|leaderboard|notifications|staff|achievements|floor|class|screens)$/.exec(room);
  if (!match) return null;
  const [, scope, id = '', kind] = match;
  const scopeOf: Record<RoomKind, string> = {
    occupancy: 'location',
    equipment: 'location',
    entrance: 'location',
    leaderboard: 'challenge',
    notifications: 'member',
    achievements: 'location',
    floor: 'location',
    class: 'location',
    screens: 'location',
    staff: 'location',
  };
  return scopeOf[kind as RoomKind] === scope ? { kind: kind as RoomKind, id } : null;
}

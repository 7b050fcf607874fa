/** Challenge leaderboards as the floor screens and widgets see them (room `challenge:{id}:leaderboard`). */
import type { EquipmentKind } from './equipment.js';

export const CHALLENGE_TYPES = ['distance', 'time', 'workouts', 'pr_count', 'consistency', 'team', 'improvement'] as const;
export type ChallengeType = (typeof CHALLENGE_TYPES)[number];

/** What a row's `value` counts: metres, seconds, kilocalories, workouts, personal records, active days, or % better. */
export type LeaderboardUnit = 'm' | 's' | 'kcal' | 'workouts' | 'prs' | 'days' | '%';

export interface ChallengeSummary {
  id: string;
  name: string;
  description: string | null;
  type: ChallengeType;
  unit: LeaderboardUnit;
  /** Goal per member (per team in team challenges), in `unit`; null = no goal. */
  target: number | null;
  startsAt: string;
  endsAt: string;
  isTeam: boolean;
  divisions: string[];
  /** Machine multipliers for distance and time (bike 0.5 = a bike's metres count half); absent = 1. */
  multipliers: Partial<Record<EquipmentKind, number>>;
  prizes: Record<string, string> | null;
}

/**
 * One place on the board. No member id and no full name ever: `key` is an opaque stable id (for animating
 * rank changes), `displayName` is "Anna S.", an alias, a team's name, or null for a member who hides their name.
 */
export interface LeaderboardRow {
  key: string;
  rank: number;
  displayName: string | null;
  value: number;
  /** Percent of the target (0–100), null without a target. */
  progress: number | null;
  /** True when sessions this box saw are counted here before the cloud has counted them. */
  provisional: boolean;
  /** Team rows: how many members scored. */
  members?: number;
}

export interface LeaderboardGroup {
  /** The division ("Rx", "Scaled"), or null when the challenge has none. Ranks are per group. */
  division: string | null;
  rows: LeaderboardRow[];
  participants: number;
}

export interface LeaderboardView {
  challenge: ChallengeSummary;
  groups: LeaderboardGroup[];
  participants: number;
  /** Sessions from this box counted provisionally (not yet in the cloud's board). */
  provisionalSessions: number;
  /** When the cloud's board was last pulled; null = local only (standalone, or not pulled yet). */
  cloudUpdatedAt: string | null;
  updatedAt: string;
}

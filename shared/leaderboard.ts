/** Challenge leaderboards as the floor screens and widgets see them (room `challenge:{id}:leaderboard`). */
import { z } from 'zod';
import { equipmentKindSchema } from './equipment.js';
import { CHALLENGE_TYPES } from './challenge-types.js';

export { CHALLENGE_TYPES } from './challenge-types.js';
export const challengeTypeSchema = z.enum(CHALLENGE_TYPES);
export type ChallengeType = z.infer<typeof challengeTypeSchema>;

/** What a row's `value` counts: metres, seconds, kilocalories, workouts, personal records, active days, or % better. */
export const leaderboardUnitSchema = z.enum(['m', 's', 'kcal', 'workouts', 'prs', 'days', '%']);
export type LeaderboardUnit = z.infer<typeof leaderboardUnitSchema>;

export const challengeSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  type: challengeTypeSchema,
  unit: leaderboardUnitSchema,
  target: z.number().nullable().describe('Goal per member (per team in team challenges), in `unit`; null = no goal'),
  startsAt: z.string(),
  endsAt: z.string(),
  isTeam: z.boolean(),
  divisions: z.array(z.string()),
  multipliers: z
    .partialRecord(equipmentKindSchema, z.number())
    .describe('Machine multipliers for distance and time (bike 0.5 = a bike’s metres count half); absent = 1'),
  prizes: z.record(z.string(), z.string()).nullable(),
});
export type ChallengeSummary = z.infer<typeof challengeSummarySchema>;

/**
 * One place on the board. No member id and no full name ever: `key` is an opaque stable id (for animating
 * rank changes), `displayName` is "Anna S.", an alias, a team's name, or null for a member who hides their name.
 */
export const leaderboardRowSchema = z.object({
  key: z.string(),
  rank: z.number(),
  displayName: z.string().nullable(),
  value: z.number(),
  progress: z.number().nullable().describe('Percent of the target (0–100), null without a target'),
  provisional: z.boolean().describe('True when sessions this box saw are counted here before the cloud has counted them'),
  members: z.number().optional().describe('Team rows: how many members scored'),
});
export type LeaderboardRow = z.infer<typeof leaderboardRowSchema>;

export const leaderboardGroupSchema = z.object({
  division: z.string().nullable().describe('The division ("Rx", "Scaled"), or null when the challenge has none. Ranks are per group'),
  rows: z.array(leaderboardRowSchema),
  participants: z.number(),
});
export type LeaderboardGroup = z.infer<typeof leaderboardGroupSchema>;

export const leaderboardViewSchema = z.object({
  challenge: challengeSummarySchema,
  groups: z.array(leaderboardGroupSchema),
  participants: z.number(),
  provisionalSessions: z.number().describe('Sessions from this box counted provisionally (not yet in the cloud’s board)'),
  cloudUpdatedAt: z.string().nullable().describe('When the cloud’s board was last pulled; null = local only'),
  updatedAt: z.string(),
});
export type LeaderboardView = z.infer<typeof leaderboardViewSchema>;

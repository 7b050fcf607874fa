/**
 * Challenges and leaderboards as the cloud serves them (seed 001 §2.1; ../shared/cloud-api.md), defined once.
 * The uplink pulls `GET /challenges?locationId=&active=true` and `GET /challenges/:id/leaderboard` and hands the
 * answers to `ChallengeStore` (store.ts). Fields marked (ext) are this project's additions to the seed's shapes;
 * all of them are optional, so a cloud that only knows the seed's fields works (without divisions, multipliers, teams).
 */
import { z } from 'zod';
import { equipmentKindSchema } from '../../shared/equipment.js';
import { CHALLENGE_TYPES, type ChallengeType } from '../../shared/leaderboard.js';

export { CHALLENGE_TYPES, type ChallengeType };

const instant = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO 8601 date or date-time')
  // A date-only end ("2026-11-30") means through the end of that day (UTC); start dates are that day's start.
  .transform((value) => value);

const optionalText = z.string().nullish().transform((v) => v ?? null);

/** Seed 001's `Challenge` model, as JSON. */
export const cloudChallengeSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1–64 letters, digits, _ . -'),
  businessId: z.string().optional(),
  name: z.string().trim().min(1, 'must not be empty'),
  description: optionalText,
  type: z.enum(CHALLENGE_TYPES),
  /** "rowing_meters", "workout_count", "avg_power_watts", …: what `value` measures (see challenges/metric.ts). */
  metric: z.string().min(1),
  /** Optional goal per member (per team in team challenges), in the metric's unit. */
  target: z.number().positive().nullish().transform((v) => v ?? null),
  startDate: instant,
  endDate: instant,
  /** Empty = all locations. */
  locationIds: z.array(z.string()).default([]),
  isPublic: z.boolean().default(true),
  isTeamChallenge: z.boolean().default(false),
  teamSize: z.number().int().positive().nullish().transform((v) => v ?? null),
  /** `{ "1": "Free month", "2": "T-shirt" }` */
  prizes: z.record(z.string(), z.string()).nullish().transform((v) => v ?? null),
  badgeId: optionalText,
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),

  /** (ext) Fair classes ranked apart, e.g. ["Rx", "Scaled"]. Members name theirs in `participants`. */
  divisions: z.array(z.string().trim().min(1)).default([]),
  /**
   * (ext) Machine multipliers for distance and time, as Concept2 challenges do (a bike erg's metres count half:
   * `{ "bike": 0.5 }`). A kind not named counts 1; 0 = that machine does not count at all (also not as a workout).
   */
  machineMultipliers: z.partialRecord(equipmentKindSchema, z.number().min(0).max(10)).default({}),
  /** (ext) Teams of a team challenge. Members may also be placed by `participants[].teamId` or leaderboard rows. */
  teams: z
    .array(z.object({ id: z.string().min(1), name: z.string().trim().min(1), memberIds: z.array(z.string()).default([]) }))
    .default([]),
  /** (ext) Who takes part (seed: ChallengeParticipant), with their division and team. See `autoJoin`. */
  participants: z
    .array(
      z.object({
        memberId: z.string().min(1),
        division: optionalText,
        teamId: optionalText,
      }),
    )
    .default([]),
  /**
   * (ext) Whether a member not in `participants` joins when a session of theirs counts (in the first division, on
   * no team). Default: only when no participants are listed.
   */
  autoJoin: z.boolean().optional(),
});
export type CloudChallenge = z.infer<typeof cloudChallengeSchema>;
/** What a caller may hand in: the seed's fields, with the (ext) ones optional. */
export type CloudChallengeInput = z.input<typeof cloudChallengeSchema>;

/** One row of the seed's leaderboard response. */
export const cloudLeaderboardRowSchema = z.object({
  rank: z.number().int().min(1),
  member: z.object({ id: z.string().min(1), name: z.string().nullish().transform((v) => v ?? null) }),
  value: z.number().finite(),
  /** Percent of the target (87.5 = 87.5 %), as in the seed's example. */
  progress: z.number().nullish().transform((v) => v ?? null),
  /** (ext) The member's division (see `divisions`). */
  division: optionalText,
  /** (ext) The member's team in a team challenge; the row's value is the member's contribution. */
  teamId: optionalText,
  /** (ext) improvement challenges: the member's baseline in the metric's unit (first result of the challenge). */
  baseline: z.number().nullish().transform((v) => v ?? null),
});
export type CloudLeaderboardRow = z.infer<typeof cloudLeaderboardRowSchema>;

/** Seed 001's leaderboard response (`GET /challenges/:id/leaderboard`). */
export const cloudLeaderboardSchema = z.object({
  challenge: z
    .object({ id: z.string().optional(), name: z.string().optional(), endsAt: z.string().nullish() })
    .optional(),
  leaderboard: z.array(cloudLeaderboardRowSchema),
  myPosition: z.unknown().optional(),
  totalParticipants: z.number().int().min(0).default(0),
  /**
   * (ext) eventIds of this location's equipment sessions already counted in these values. The device counts a
   * session it captured as a provisional entry until it appears here, so nothing is counted twice or dropped
   * between the upload and the next pull. A cloud without this field: provisional entries count until they age out
   * of the challenge (see README), which may count a session twice for one pull interval.
   */
  countedEventIds: z.array(z.string()).default([]),
});
export type CloudLeaderboard = z.infer<typeof cloudLeaderboardSchema>;
export type CloudLeaderboardInput = z.input<typeof cloudLeaderboardSchema>;

export interface RejectedChallenge {
  index: number;
  id: string | null;
  error: string;
}

/** Names the first problem of a zod error as `field: message`. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  return `${issue.path.join('.') || 'value'}: ${issue.message}`;
}

/**
 * `GET /challenges?locationId=&active=true`: a list (a bare array, or `{ items }` / `{ challenges }`). Each item is
 * validated on its own: a bad one is named in `rejected` and the good ones still load.
 */
export const cloudChallengesAnswerSchema = z
  .union([
    z.array(z.unknown()),
    z.object({ items: z.array(z.unknown()) }).transform((v) => v.items),
    z.object({ challenges: z.array(z.unknown()) }).transform((v) => v.challenges),
  ])
  .transform((items) => parseCloudChallenges(items));

export function parseCloudChallenges(items: unknown[]): { challenges: CloudChallenge[]; rejected: RejectedChallenge[] } {
  const challenges: CloudChallenge[] = [];
  const rejected: RejectedChallenge[] = [];
  items.forEach((item, index) => {
    const parsed = cloudChallengeSchema.safeParse(item);
    if (parsed.success) {
      if (Date.parse(parsed.data.endDate) < Date.parse(parsed.data.startDate)) {
        rejected.push({ index, id: parsed.data.id, error: 'endDate: must not be before startDate' });
      } else {
        challenges.push(parsed.data);
      }
    } else {
      const id = typeof (item as { id?: unknown })?.id === 'string' ? (item as { id: string }).id : null;
      rejected.push({ index, id, error: describeIssue(parsed.error) });
    }
  });
  return { challenges, rejected };
}

/** The challenge's window as instants; a date-only end date includes that whole day (UTC). */
export function challengeWindow(challenge: Pick<CloudChallenge, 'startDate' | 'endDate'>): { start: number; end: number } {
  const start = Date.parse(challenge.startDate);
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(challenge.endDate);
  const end = Date.parse(challenge.endDate) + (dateOnly ? 86_400_000 - 1 : 0);
  return { start, end };
}

import { z } from 'zod';

/** `sessions` in the config file: how sessions are detected and claimed, and which strap belongs to whom. */
export const sessionsConfigSchema = z.strictObject({
  /** A machine that shows no movement for this long has finished its session (it ends at the last movement). */
  idleTimeoutS: z.number().min(1).max(3600).default(60),
  /** Sessions shorter than this are discarded (a bumped flywheel, a machine being moved). */
  minDurationS: z.number().min(0).max(3600).default(10),
  /** A badge tap at a machine claims a session that starts, runs or ended within this window. */
  claimWindowS: z.number().min(1).max(3600).default(120),
  /** Members' own heart-rate straps: when the badge checks in, the strap is paired to that member. */
  straps: z
    .array(
      z.strictObject({
        strapId: z.string().min(1, 'is the strap’s equipment id'),
        badge: z.string().min(1, 'is the badge of the strap’s owner'),
      }),
    )
    .default([]),
});

export type SessionsConfig = z.infer<typeof sessionsConfigSchema>;

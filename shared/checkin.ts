/**
 * Check-in contract shared by the gateway (which decides) and the screens (which show the result).
 * Declared once as zod schemas; the types are inferred, the OpenAPI document is generated from them.
 */
import { z } from 'zod';

export const CHECKIN_METHODS = ['badge', 'qr', 'pin', 'staff'] as const;
export const checkInMethodSchema = z.enum(CHECKIN_METHODS, { error: `must be one of ${CHECKIN_METHODS.join(', ')}` });
export type CheckInMethod = z.infer<typeof checkInMethodSchema>;

export const DENIAL_CODES = [
  'unknown_badge',
  'membership_expired',
  'membership_frozen',
  'membership_suspended',
  'waiver_missing',
  'outside_access_hours',
  'anti_passback',
  'capacity_full',
] as const;
export const denialCodeSchema = z.enum(DENIAL_CODES);
export type DenialCode = z.infer<typeof denialCodeSchema>;

export const decisionSchema = z.enum(['accepted', 'denied']);
export type Decision = z.infer<typeof decisionSchema>;

/** What a denied member reads at the door: what happened and what they can do about it. */
export const denialReasonSchema = z.object({ code: denialCodeSchema, message: z.string(), action: z.string() });
export type DenialReason = z.infer<typeof denialReasonSchema>;

/** The WOD as the cloud serves it and the box stores it (the seed leaves its fields open). */
export const wodContentSchema = z.object({
  date: z.iso.date().describe('YYYY-MM-DD, local to the location'),
  title: z.string(),
  restDay: z.boolean(),
  parts: z.array(z.string()).describe('Lines of the workout, in order ("Warm-up: 500 m row", "5 rounds: …")'),
  notes: z.string().optional(),
});

/** The WOD as screens show it: the content plus where this box got it. */
export const wodSchema = wodContentSchema.extend({ source: z.enum(['cloud', 'cached', 'local']) });
export type Wod = z.infer<typeof wodSchema>;

/** POST /api/checkins */
export const checkInRequestSchema = z.object({
  badge: z.string({ error: 'is required (a string)' }).trim().min(1, 'is required').max(128, 'is longer than 128 characters'),
  method: checkInMethodSchema.default('badge'),
});
export type CheckInRequest = z.input<typeof checkInRequestSchema>;

export const checkInResultSchema = z.object({
  eventId: z.string().describe('UUID v7, made once when the decision was captured'),
  decision: decisionSchema,
  reason: denialReasonSchema.optional().describe('Present when denied: what happened and what the member can do'),
  member: z
    .object({ displayName: z.string().nullable() })
    .nullable()
    .describe('Null when the badge matched no member. displayName is "Anna S.", an alias, or null when the member hides their name'),
  wod: wodSchema.optional(),
  decidedAt: z.string(),
});
export type CheckInResult = z.infer<typeof checkInResultSchema>;

/**
 * The cloud API as this device speaks it (../shared/cloud-api.md), defined once: the uplink, the
 * pulls, the test suite's cloud double and docs/cloud-api.openapi.json all use these schemas.
 * Answers from the cloud are validated: a malformed answer is an error kept for staff, never
 * half-written into the cache.
 */
import { z } from 'zod';
import { checkInMethodSchema, decisionSchema, wodContentSchema } from '../../shared/checkin.js';
import { memberSchema } from '../members/member-schema.js';
import type { EventType } from '../store/journal.js';

export const API_PREFIX = '/api/external/v1';

/** Seed §1.3 and cloud-api.md: at most 1000 events and 1 MB per batch. */
export const MAX_BATCH_EVENTS = 1000;
export const MAX_BATCH_BYTES = 1024 * 1024;

export interface OutboundEvent {
  eventId: string;
  type: EventType;
  occurredAt: string;
  payload: unknown;
}

export interface EventsBatchRequest {
  events: OutboundEvent[];
}

export const apiErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

export const eventResultSchema = z.object({
  eventId: z.string(),
  status: z.enum(['accepted', 'duplicate', 'rejected']),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type EventResult = z.infer<typeof eventResultSchema>;
export type EventStatus = EventResult['status'];

export const eventsBatchResponseSchema = z.object({ results: z.array(eventResultSchema) });
export type EventsBatchResponse = z.infer<typeof eventsBatchResponseSchema>;

/** (ext) The WOD as the device shows it (shared/checkin.ts); the seed leaves its fields open. */
export const cloudWodSchema = wodContentSchema;
export type CloudWod = z.infer<typeof cloudWodSchema>;

/** POST /check-in: seed fields + (ext) the device's decision, so the cloud records it once by eventId. */
export const checkInCallSchema = z.object({
  memberId: z.string(),
  locationId: z.string(),
  equipmentPrefs: z.array(z.string()).optional(),
  eventId: z.string(),
  badgeId: z.string(),
  method: checkInMethodSchema,
  decision: decisionSchema,
  reason: z.string().optional(),
  decidedAt: z.string(),
  offline: z.boolean(),
  /** (ext) Staff let the member in despite the rules: why, who, and the denial they overrode. */
  override: z.object({ reason: z.string(), by: z.string(), overrode: z.string() }).optional(),
  /** (ext) Staff checked the member in by hand (method 'staff'): why, and who. */
  staffNote: z.object({ reason: z.string(), by: z.string() }).optional(),
});
export type CheckInCall = z.infer<typeof checkInCallSchema>;

export const checkInAnswerSchema = z.object({
  checkIn: z.unknown(),
  personalizedWod: cloudWodSchema.nullish(),
  readinessScore: z.number().nullish(),
});

/** GET /athletes: the roster, pulled incrementally. */
export const athletesPageSchema = z.object({
  items: z.array(memberSchema),
  nextCursor: z.string().nullish(),
});
export type AthletesPage = z.infer<typeof athletesPageSchema>;

/** GET /widgets/daily-wod (seed §2.2): the location's WOD of the day; `html`/`css` are not used here. */
export const dailyWodWidgetSchema = z.object({ wod: cloudWodSchema.nullable() });

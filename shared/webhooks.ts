/** Webhooks from the box (`/api/status` → `webhooks`, the staff API): shapes shared by gateway and renderer. */
import { z } from 'zod';

export const WEBHOOK_EVENT_TYPES = [
  'member.checked_in',
  'member.denied',
  'workout.completed',
  'goal.achieved',
  'record.set',
  'door.opened',
  'device.problem',
  'device.recovered',
  'test',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const webhookAttemptSchema = z.object({
  eventId: z.string(),
  eventType: z.string(),
  at: z.string(),
  status: z.number().nullable().describe('HTTP status, null when no answer came (refused, timed out)'),
  latencyMs: z.number(),
  outcome: z.enum(['delivered', 'retry', 'dead', 'paused']),
  error: z.string().nullable(),
});
export type WebhookAttempt = z.infer<typeof webhookAttemptSchema>;

export const webhookDestinationStatusSchema = z.object({
  name: z.string(),
  url: z.string().describe('Scheme, host and path only: a query string may hold a token'),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  health: z
    .enum(['connected', 'error', 'circuit_open', 'idle'])
    .describe('connected: the last attempt was delivered; error: it failed; circuit_open: resting after failures in a row; idle: nothing sent yet'),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
  failuresInRow: z.number(),
  nextAttemptAt: z.string().nullable(),
  pending: z.number(),
  delivered: z.number(),
  dead: z.number(),
  shed: z.number(),
  recent: z.array(webhookAttemptSchema),
});
export type WebhookDestinationStatus = z.infer<typeof webhookDestinationStatusSchema>;

export const webhooksStatusSchema = z.object({
  destinations: z.array(webhookDestinationStatusSchema),
  pendingBytes: z.number(),
  quotaBytes: z.number(),
});
export type WebhooksStatus = z.infer<typeof webhooksStatusSchema>;

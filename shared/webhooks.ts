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

export const WEBHOOK_HEALTH = ['connected', 'error', 'circuit_open', 'idle', 'paused'] as const;

export const webhookDestinationStatusSchema = z.object({
  name: z.string(),
  origin: z.enum(['file', 'console']).describe('file: the config file’s `webhooks` (read-only in the console); console: added by staff'),
  url: z.string().describe('Staff (GET /api/webhooks, the staff room): scheme, host and path, without the query string (it may hold a token). Public /api/status: scheme and host only (a hook URL\'s path is often its secret)'),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  filters: z.object({ locations: z.array(z.string()), readers: z.array(z.string()) }),
  include: z.object({ memberIds: z.boolean(), fullNames: z.boolean() }),
  maxPerSecond: z.number(),
  secrets: z.number().describe('Secrets signed with: 2 during a rotation (the new and the previous one)'),
  paused: z.boolean().describe('Staff paused it: its queue fills, nothing is sent until resumed'),
  health: z
    .enum(WEBHOOK_HEALTH)
    .describe('connected: the last attempt was delivered; error: it failed; circuit_open: resting after failures in a row; idle: nothing sent yet; paused: staff paused it'),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
  failuresInRow: z.number(),
  nextAttemptAt: z.string().nullable(),
  pending: z.number(),
  delivered: z.number(),
  dead: z.number(),
  shed: z.number(),
  discarded: z.number().describe('Dead deliveries staff discarded'),
  recent: z.array(webhookAttemptSchema),
});
export type WebhookDestinationStatus = z.infer<typeof webhookDestinationStatusSchema>;

export const webhooksStatusSchema = z.object({
  destinations: z.array(webhookDestinationStatusSchema),
  pendingBytes: z.number().describe('Bodies held for webhooks, pending and dead (all destinations), counted against quotaBytes'),
  quotaBytes: z.number().describe('storage.webhookQuotaMB: past it the oldest dead letters, then the oldest pending deliveries, are shed'),
});
export type WebhooksStatus = z.infer<typeof webhooksStatusSchema>;

// ── Staff edits (the console's Connections page) ─────────────────────────────────────────────────────
// Shapes only: the gateway then applies the config file's own rules (webhookConfigSchema), so a bad field is named
// the same way it would be in the file.

const staffName = z.string().trim().min(1).max(60).optional().describe('Who made the change (journaled)');

export const webhookDestinationEditSchema = z.object({
  url: z.string().describe('https:// (http:// only to a host on the local network)'),
  events: z.array(z.string()),
  filters: z.object({ locations: z.array(z.string()).optional(), readers: z.array(z.string()).optional() }).optional(),
  include: z.object({ memberIds: z.boolean().optional(), fullNames: z.boolean().optional() }).optional(),
  maxPerSecond: z.number().optional(),
  by: staffName,
});
export type WebhookDestinationEdit = z.infer<typeof webhookDestinationEditSchema>;

export const webhookDestinationAddSchema = webhookDestinationEditSchema.extend({ name: z.string() });
export type WebhookDestinationAdd = z.infer<typeof webhookDestinationAddSchema>;

export const webhookStaffActionSchema = z.object({ by: staffName });

export const webhookDiscardRequestSchema = z.object({
  eventIds: z.union([z.array(z.string()).min(1).max(1000), z.literal('all')]),
  by: staffName,
});

/** An add or edit: the destination as it now runs, and the journaled staff action. */
export const webhookChangeAnswerSchema = z.object({ destination: webhookDestinationStatusSchema, journaled: z.string() });
export type WebhookChangeAnswer = z.infer<typeof webhookChangeAnswerSchema>;

/** An add or a rotation: the only answers that ever carry the secret. */
export const webhookSecretAnswerSchema = webhookChangeAnswerSchema.extend({
  secret: z.string().describe('whsec_…: shown once — store it in the receiver now; never shown again'),
});
export type WebhookSecretAnswer = z.infer<typeof webhookSecretAnswerSchema>;

export const webhookRemoveAnswerSchema = z.object({
  removed: z.string(),
  dropped: z.number().describe('Deliveries still waiting or dead that went with it'),
  journaled: z.string(),
});

export const webhookDiscardAnswerSchema = z.object({ discarded: z.number(), journaled: z.string() });

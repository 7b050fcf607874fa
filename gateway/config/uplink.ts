import { z } from 'zod';
import { validate as validateCron } from 'node-cron';
import { cloudApiKeySchema } from './cloud-api-key.js';

const cron = z.string().refine((expr) => validateCron(expr), 'must be a cron expression such as "*/5 * * * *"');

/** The cloud connection: where, with which key, and how hard we may push. */
export const cloudConfigSchema = z
  .strictObject({
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://api.example.com' }).optional(),
    apiKey: cloudApiKeySchema.optional(),
    requestTimeoutMs: z.number().int().positive().default(10_000),
    /** The API key's rate-limit tier (seed 001): standard 60/min, professional 300/min, enterprise 1000/min. */
    tier: z.enum(['standard', 'professional', 'enterprise', 'unlimited'], { error: 'must be standard, professional, enterprise or unlimited' }).default('standard'),
    /** Overrides of the tier's limits (requests per minute / per day), for contracts that differ. */
    rateLimit: z
      .strictObject({ perMinute: z.number().int().positive().nullable().optional(), perDay: z.number().int().positive().nullable().optional() })
      .optional(),
    /** How long a check-in may wait for the cloud's personalized WOD before showing the cached one. */
    checkInTimeoutMs: z.number().int().min(0).default(800),
  })
  .prefault({});

/** Local disk: budget, telemetry quota, retention. */
export const storageConfigSchema = z
  .strictObject({
    /** The database may not grow past this; telemetry is shed first, check-ins are never shed. */
    maxDatabaseMB: z.number().positive().default(1024),
    /** Pending telemetry above this is shed oldest-first (exact counts kept). */
    telemetryQuotaMB: z.number().positive().default(256),
    /** Webhook bodies held (pending and dead) above this are shed: oldest dead letters first, then oldest pending (gateway/webhooks/). */
    webhookQuotaMB: z.number().positive().default(64),
    /** Delivered events are kept this long, then pruned. */
    retentionDays: z.number().min(0).default(7),
    retentionCron: cron.default('30 3 * * *'),
  })
  .prefault({})
  .refine((s) => s.telemetryQuotaMB < s.maxDatabaseMB, {
    path: ['telemetryQuotaMB'],
    message: 'must be below storage.maxDatabaseMB, so check-ins always have room',
  })
  .refine((s) => s.telemetryQuotaMB + s.webhookQuotaMB < s.maxDatabaseMB, {
    path: ['webhookQuotaMB'],
    message: 'storage.telemetryQuotaMB + storage.webhookQuotaMB must be below storage.maxDatabaseMB, so check-ins always have room',
  });

/** Scheduled pulls from the cloud (node-cron expressions). */
export const pullsConfigSchema = z
  .strictObject({
    rosterCron: cron.default('*/5 * * * *'),
    wodCron: cron.default('7 * * * *'),
    challengesCron: cron.default('*/5 * * * *'),
  })
  .prefault({});

import { z } from 'zod';
import { DENIAL_CODES } from '../../shared/checkin.js';

/** Schemas of the local HTTP API: they validate requests and write the OpenAPI document. */

export const checkInRequestSchema = z.object({
  badge: z.string({ error: 'is required (a string)' }).trim().min(1, 'is required').max(128, 'is longer than 128 characters'),
  method: z.enum(['badge', 'qr', 'pin', 'staff'], { error: 'must be one of badge, qr, pin, staff' }).default('badge'),
});

const wodSchema = z.object({
  date: z.string(),
  title: z.string(),
  restDay: z.boolean(),
  parts: z.array(z.string()),
  notes: z.string().optional(),
  source: z.enum(['cloud', 'cached', 'local']),
});

export const checkInResultSchema = z.object({
  eventId: z.string().describe('UUID v7, made once when the decision was captured'),
  decision: z.enum(['accepted', 'denied']),
  reason: z
    .object({ code: z.enum(DENIAL_CODES), message: z.string(), action: z.string() })
    .optional()
    .describe('Present when denied: what happened and what the member can do'),
  member: z.object({ displayName: z.string().nullable() }).nullable(),
  wod: wodSchema.optional(),
  decidedAt: z.string(),
});

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

export const statusSchema = z.object({
  version: z.string(),
  locationId: z.string(),
  startedAt: z.string(),
  uplink: z.object({
    state: z.enum(['standalone', 'online', 'offline', 'auth_error']),
    cloudUrl: z.string().nullable(),
    lastSuccessAt: z.string().nullable(),
    lastError: z.string().nullable(),
  }),
  queue: z.object({
    depth: z.number(),
    oldestAt: z.string().nullable(),
    byType: z.record(z.string(), z.number()),
    deadLetters: z.number(),
  }),
  roster: z.object({ members: z.number() }),
  devices: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      name: z.string(),
      state: z.string(),
      detail: z.string().optional(),
    }),
  ),
});

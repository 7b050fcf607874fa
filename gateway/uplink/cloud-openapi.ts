/**
 * The OpenAPI 3.1 document of the cloud API as this device uses it, including this project's
 * (ext) additions, so a cloud team can implement them. Built from the same zod schemas the
 * uplink validates with; `npm run docs:cloud-api` writes docs/cloud-api.openapi.json, and a test
 * keeps that file equal to this.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { APP_ROOT } from '../app-root.js';
import { z } from 'zod';
import { cloudChallengeSchema, cloudLeaderboardSchema } from '../challenges/cloud-types.js';
import { checkInMethodSchema, decisionSchema } from '../../shared/checkin.js';
import { sessionIngestFieldsSchema } from '../../shared/sessions.js';
import { memberSchema } from '../members/member-schema.js';
import {
  API_PREFIX,
  apiErrorSchema,
  athletesPageSchema,
  checkInAnswerSchema,
  checkInCallSchema,
  cloudWodSchema,
  eventsBatchResponseSchema,
  MAX_BATCH_BYTES,
  MAX_BATCH_EVENTS,
} from './contract.js';

/** (ext) The `check_in` event's payload. */
export const checkInEventPayloadSchema = z.object({
  memberId: z.string().nullable(),
  locationId: z.string(),
  badgeId: z.string(),
  method: checkInMethodSchema,
  decision: decisionSchema,
  reason: z.string().optional().describe('Denial code (unknown_badge, membership_expired, …) when denied'),
  decidedAt: z.string(),
  offline: z.boolean().describe('True when the device decided without the cloud reachable'),
  source: z.string().describe('Reader or screen the badge came from'),
});

const outboundEventSchema = z.object({
  eventId: z.string().describe('UUID v7 made once on the device when the fact was captured; the dedup key (kept ≥ 30 days)'),
  type: z.enum(['check_in', 'equipment_session', 'device_status']),
  occurredAt: z.string(),
  payload: z.union([checkInEventPayloadSchema, sessionIngestFieldsSchema.extend({ locationId: z.string() }), z.record(z.string(), z.unknown())]),
});

const schema = (s: z.ZodType, io: 'input' | 'output' = 'output') => z.toJSONSchema(s, { io, unrepresentable: 'any' });
const json = (s: z.ZodType, io: 'input' | 'output' = 'output') => ({ 'application/json': { schema: schema(s, io) } });

export function cloudOpenApiDocument(): Record<string, unknown> {
  const errors = {
    401: { description: 'Bad or revoked key: the device stops sending, keeps everything, and alerts staff', content: json(apiErrorSchema) },
    429: {
      description: 'Over the tier’s rate. `Retry-After` (seconds or HTTP date): the device sends nothing before then',
      headers: { 'Retry-After': { schema: { type: 'string' } } },
      content: json(apiErrorSchema),
    },
    503: { description: 'Transient; may carry Retry-After', content: json(apiErrorSchema) },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Gym platform external API — the device subset (Floorgate)',
      version: '1',
      description:
        'What a Floorgate box sends and pulls. Seed fields follow the platform roadmap (seed 001); fields and operations marked (ext) are Floorgate additions. Every write carries a device-made eventId (UUID v7); the cloud answers a repeat as a duplicate and counts it once.',
    },
    servers: [{ url: `{cloudUrl}${API_PREFIX}`, variables: { cloudUrl: { default: 'https://api.example.com' } } }],
    components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: '`bak_…` API key' } } },
    security: [{ apiKey: [] }],
    paths: {
      '/events/batch': {
        post: {
          summary: '(ext) Deliver queued events, with a result per event',
          description: `At most ${MAX_BATCH_EVENTS} events and ${MAX_BATCH_BYTES} bytes per request. accepted or duplicate = delivered; rejected = the device keeps it as a dead letter with the error, for staff.`,
          requestBody: { required: true, content: json(z.object({ events: z.array(outboundEventSchema).max(MAX_BATCH_EVENTS) }), 'input') },
          responses: { 200: { description: 'Per-event results', content: json(eventsBatchResponseSchema) }, 413: { description: 'Batch too large' }, ...errors },
        },
      },
      '/check-in': {
        post: {
          summary: 'Record a check-in and get the member’s personalized WOD (seed), with the device’s decision (ext)',
          parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' }, description: 'The eventId' }],
          requestBody: { required: true, content: json(checkInCallSchema, 'input') },
          responses: { 200: { description: 'Recorded (once per eventId)', content: json(checkInAnswerSchema) }, ...errors },
        },
      },
      '/athletes': {
        get: {
          summary: 'The roster, incrementally (seed list + ext paging and athlete fields)',
          parameters: ['locationId', 'updatedSince', 'cursor', 'limit'].map((name) => ({ name, in: 'query', schema: { type: 'string' } })),
          responses: { 200: { description: 'A page', content: json(athletesPageSchema) }, ...errors },
        },
      },
      '/widgets/daily-wod': {
        get: {
          summary: 'The location’s WOD of the day (seed widget; the device uses `wod`)',
          parameters: [{ name: 'locationId', in: 'query', schema: { type: 'string' } }],
          responses: { 200: { description: 'WOD', content: json(z.object({ html: z.string(), css: z.string(), wod: cloudWodSchema.nullable() })) }, ...errors },
        },
      },
      '/challenges': {
        get: {
          summary: 'Active challenges (seed Challenge model + ext divisions, multipliers, teams, participants)',
          parameters: ['locationId', 'active'].map((name) => ({ name, in: 'query', schema: { type: 'string' } })),
          responses: { 200: { description: 'Challenges', content: json(z.array(cloudChallengeSchema)) }, ...errors },
        },
      },
      '/challenges/{id}/leaderboard': {
        get: {
          summary: 'A challenge’s leaderboard (seed response + ext countedEventIds, division, teamId, baseline)',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'Leaderboard', content: json(cloudLeaderboardSchema) }, ...errors },
        },
      },
    },
    'x-athlete': schema(memberSchema),
  };
}

export const CLOUD_OPENAPI_FILE = path.join(APP_ROOT, 'docs', 'cloud-api.openapi.json');

export function cloudOpenApiText(): string {
  return `${JSON.stringify(cloudOpenApiDocument(), null, 2)}\n`;
}

/** `npm run docs:cloud-api` */
export function writeCloudOpenApi(): void {
  writeFileSync(CLOUD_OPENAPI_FILE, cloudOpenApiText());
}

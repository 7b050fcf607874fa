import { z } from 'zod';
import { checkInRequestSchema, checkInResultSchema, errorSchema, statusSchema } from './api-schemas.js';
import { sessionApiPaths } from '../sessions/openapi-paths.js';

const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') => ({
  'application/json': { schema: z.toJSONSchema(schema, { io }) },
});

/** The OpenAPI 3.1 document of the gateway's local API, served at GET /api/openapi.json. */
export function openApiDocument(version: string): Record<string, unknown> {
  const error = (description: string) => ({ description, content: json(errorSchema) });
  return {
    openapi: '3.1.0',
    info: {
      title: 'Floorgate gateway local API',
      version,
      description:
        'The API a Floorgate box serves on the gym LAN. Screens are read-only. Check-ins are accepted from the box itself, or from LAN kiosks that present the kiosk token as a Bearer token. Cross-origin browser requests are refused.',
    },
    components: {
      securitySchemes: {
        kioskToken: { type: 'http', scheme: 'bearer', description: 'Contents of <dataDir>/kiosk-token' },
        staffToken: { type: 'http', scheme: 'bearer', description: 'Contents of <dataDir>/staff-token, or a staff session token from POST /api/staff/session' },
        staffSession: { type: 'apiKey', in: 'cookie', name: 'floorgate_staff', description: 'Staff session cookie (HttpOnly, SameSite=Strict) set by POST /api/staff/session' },
        bridgeToken: { type: 'http', scheme: 'bearer', description: 'Contents of <dataDir>/bridge-token (`floorgate token --bridge`)' },
      },
    },
    paths: {
      '/healthz': {
        get: { summary: 'Liveness', responses: { 200: { description: 'The gateway is serving' } } },
      },
      '/api/status': {
        get: { summary: 'Uplink state, queue depth, devices', responses: { 200: { description: 'Status', content: json(statusSchema) } } },
      },
      '/api/checkins': {
        post: {
          summary: 'Check a badge in (the entrance screen and every reader use this path)',
          description:
            'The decision is committed to the journal before this answers. 200 for both accepted and denied decisions.',
          security: [{}, { kioskToken: [] }],
          requestBody: { required: true, content: json(checkInRequestSchema, 'input') },
          responses: {
            200: { description: 'The decision', content: json(checkInResultSchema) },
            400: error('The request body is invalid; the message names the field'),
            401: error('Not from this box and no valid kiosk token'),
            403: error('Cross-origin request'),
            503: error('The decision could not be stored, so it was not made'),
          },
        },
      },
      '/api/screen-config': {
        get: { summary: 'Location id and name, entrance reset time', responses: { 200: { description: 'Screen config' } } },
      },
      '/api/kiosk-config': {
        get: { summary: 'Which screen the Electron kiosk shows on which display', responses: { 200: { description: 'Kiosk config' } } },
      },
      '/api/equipment/sessions': {
        post: {
          summary: 'Hand over a finished equipment session (LAN equipment bridges)',
          description: 'Answered 202 with the eventId once the session is on disk (group commit). From the box itself or with the bridge token; sessions outside the machine kind’s bounds, more than a day from now, or for a member the roster does not know are refused (422, naming the field) and not stored.',
          security: [{}, { bridgeToken: [] }],
          responses: { 202: { description: 'Stored' }, 400: error('Invalid session; the message names the field'), 401: error('Bridge token required'), 422: error('Implausible session; the message names the field'), 507: error('Disk budget full') },
        },
      },
      '/api/staff/session': {
        post: {
          summary: 'Staff sign in with the PIN: a session as an HttpOnly SameSite=Strict cookie and as a bearer token',
          description: 'Wrong PINs slow every PIN sign-in on the box (growing delay, 429 with Retry-After); the staff token and live sessions are never slowed.',
          responses: { 201: { description: '{ token, expiresAt }' }, 400: error('No pin'), 401: error('Wrong PIN'), 429: error('Too many wrong PINs: wait Retry-After seconds') },
        },
        delete: { summary: 'Sign out: revokes the session presented (cookie or bearer)', responses: { 204: { description: 'Revoked' }, 401: error('No live session presented') } },
      },
      '/api/staff/dead-letters': {
        get: { summary: 'Events the cloud rejected, with its reason (staff)', security: [{ staffToken: [] }], responses: { 200: { description: 'Dead letters' }, 401: error('Staff token required') } },
      },
      '/api/staff/dead-letters/requeue': {
        post: { summary: 'Send dead letters again, same eventIds (staff)', security: [{ staffToken: [] }], responses: { 200: { description: 'How many' }, 401: error('Staff token required') } },
      },
      '/api/staff/sync': {
        post: { summary: 'Run every pull now and kick the uplink (staff)', security: [{ staffToken: [] }], responses: { 200: { description: 'Pull status' }, 401: error('Staff token required') } },
      },
      '/api/staff/cloud-key': {
        put: { summary: 'Replace a refused cloud API key (staff); printable, starting with bak_', security: [{ staffToken: [] }], responses: { 200: { description: 'Replaced' }, 400: error('Not a cloud key; the message names the field'), 401: error('Staff token required') } },
      },
      '/api/challenges': { get: { summary: 'Active challenges (for the leaderboard screen)', responses: { 200: { description: 'Challenges' } } } },
      '/api/challenges/{id}/leaderboard': {
        get: {
          summary: 'A challenge’s leaderboard: cloud board merged with provisional local sessions; display names only',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'Leaderboard view' }, 404: error('No such challenge') },
        },
      },
      '/api/achievements': { get: { summary: 'Recent personal records and goals reached', responses: { 200: { description: 'Achievements' } } } },
      '/api/equipment': { get: { summary: 'Equipment tiles (in use / idle / offline, live metrics)', responses: { 200: { description: 'Tiles' } } } },
      '/api/wod': {
        get: {
          summary: 'The WOD of a day (default today)',
          parameters: [{ name: 'date', in: 'query', schema: { type: 'string', format: 'date' } }],
          responses: { 200: { description: 'WOD or rest day' }, 400: error('Bad date') },
        },
      },
      '/api/schedule': {
        get: {
          summary: 'Classes of a day from the configured ICS feed',
          parameters: [{ name: 'date', in: 'query', schema: { type: 'string', format: 'date' } }],
          responses: { 200: { description: 'Classes' }, 400: error('Bad date') },
        },
      },
      '/api/playlists': { get: { summary: 'Names of the configured screen playlists', responses: { 200: { description: 'Names' } } } },
      '/api/playlists/{name}': {
        get: {
          summary: 'A playlist: screens, parameters and seconds each',
          parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'Playlist' }, 404: error('No such playlist') },
        },
      },
      '/metrics': { get: { summary: 'Prometheus metrics', responses: { 200: { description: 'text/plain; version=0.0.4' } } } },
      '/api/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1' } } } },
      ...sessionApiPaths,
    },
  };
}

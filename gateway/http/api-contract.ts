/**
 * The local API's contract, once: every route the gateway serves with who may call it and the zod schemas of
 * its input and answers. Route files validate with these schemas, openapi.ts writes /api/openapi.json from this
 * table, and test/integration/api-contract.test.ts checks real answers against that document. It imports no
 * route module and no server, so the document cannot pull the server into an import cycle.
 */
import { z } from 'zod';
import { cloudApiKeySchema } from '../config/cloud-api-key.js';
import { achievementsStateSchema } from '../../shared/achievements.js';
import {
  challengesAnswerSchema,
  equipmentAnswerSchema,
  playlistNamesSchema,
  playlistSchema,
  scheduleAnswerSchema,
  wodAnswerSchema,
} from '../../shared/api/screens.js';
import { checkInRequestSchema, checkInResultSchema } from '../../shared/checkin.js';
import type { ClassRoomState } from '../../shared/classes.js';
import { leaderboardViewSchema } from '../../shared/leaderboard.js';
import { occupancyByHourSchema } from '../../shared/occupancy.js';
import {
  webhookChangeAnswerSchema,
  webhookDestinationAddSchema,
  webhookDestinationEditSchema,
  webhookDiscardAnswerSchema,
  webhookDiscardRequestSchema,
  webhookRemoveAnswerSchema,
  webhookSecretAnswerSchema,
  webhookStaffActionSchema,
  webhooksStatusSchema,
} from '../../shared/webhooks.js';
import { gymSettingsAnswerSchema, gymSettingsSchema } from '../../shared/gym.js';
import { lanAddressesSchema } from '../../shared/lan-addresses.js';
import { screenConfigSchema } from '../../shared/screen-config.js';
import { equipmentKindSchema } from '../../shared/equipment.js';
import { sessionIngestSchema, sessionSummarySchema } from '../../shared/sessions.js';
import { gatewayStatusSchema, pullStatusSchema } from '../../shared/status.js';
import {
  discardAnswerSchema,
  discardDeadLetterSchema,
  frontDeskTodaySchema,
  memberSearchAnswerSchema,
  memberSearchSchema,
  rosterUploadAnswerSchema,
  rosterUploadSchema,
  staffCheckInAnswerSchema,
  staffCheckInSchema,
  jobRunAnswerSchema,
  jobsAnswerSchema,
  playlistEditSchema,
  staffPlaylistAnswerSchema,
  staffPlaylistsAnswerSchema,
  staffScreensAnswerSchema,
  staffWodAnswerSchema,
  staffWodsAnswerSchema,
  wodInputSchema,
} from '../../shared/staff.js';
import { cloudChallengeSchema } from '../challenges/cloud-types.js';
import { kioskConfigSchema } from '../config/kiosk.js';

export const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

// ── Inputs ──────────────────────────────────────────────────────────────────────────────────────────────

/** Ids in paths (equipment, sessions, straps): what the config and the detector make. */
export const idParamsSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'is not a valid id (1–64 letters, digits, _ . : -)'),
});
/** Names from the cloud or the config (challenges, playlists): any text; unknown ones answer 404. */
export const nameParamsSchema = z.object({ name: z.string().max(256, 'is longer than 256 characters') });
export const challengeParamsSchema = z.object({ id: z.string().max(256, 'is longer than 256 characters') });

/** A badge presented at a machine or a strap, from the kiosk. */
export const claimRequestSchema = z.object({
  badge: z.string({ error: 'is required (a string)' }).trim().min(1, 'is required').max(128, 'is longer than 128 characters'),
});

const day = z.iso.date({ error: 'must be YYYY-MM-DD' });
export const wodQuerySchema = z.object({ date: day.optional(), location: z.string().max(128).optional() });
export const scheduleQuerySchema = z.object({ date: day.optional() });

export const deadLettersQuerySchema = z.object({
  limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1).max(1000).default(100),
});
export const requeueRequestSchema = z.object({
  eventIds: z.union([z.literal('all'), z.array(z.string().min(1)).min(1)], { error: 'must be "all" or a list of eventIds' }),
});
export const apiKeyRequestSchema = z.object({ apiKey: cloudApiKeySchema });
export const staffSignInRequestSchema = z.object({
  pin: z.string({ error: 'is required (a string of digits)' }).min(1, 'is required').max(64, 'is too long'),
});
export const staffSessionAnswerSchema = z.object({ token: z.string(), expiresAt: z.string() });

/** The staff console's path inputs: an alert's number, a dead letter's eventId, a WOD's day. */
export const alertParamsSchema = z.object({ id: z.string().regex(/^\d{1,15}$/, 'must be an alert number') });
export const eventIdParamsSchema = z.object({ eventId: z.string().min(1, 'is required').max(128, 'is longer than 128 characters') });
export const wodDateParamsSchema = z.object({ date: day });
/** A challenge created at the console: the cloud's challenge shape (same validation, every type the boards count) without its id. */
export const newChallengeSchema = cloudChallengeSchema.omit({ id: true, businessId: true, createdAt: true, updatedAt: true });
export const challengeCreatedSchema = z.object({ challenge: cloudChallengeSchema });

/** Class mode by hand (the console): a class with a title, for some minutes; and the class room's state as answer. */
export const startClassSchema = z.object({
  title: z.string({ error: 'is required' }).trim().min(1, 'is required').max(80, 'is longer than 80 characters'),
  minutes: z.number({ error: 'must be a number of minutes' }).int('must be whole minutes').min(5, 'must be at least 5').max(240, 'must be at most 240'),
});
const classTileSchema = z.object({
  key: z.string(),
  displayName: z.string().nullable(),
  bpm: z.number().nullable(),
  zone: z.number().int().min(0).max(5),
  zoneMinutes: z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()]),
  points: z.number(),
});
export const classRoomStateSchema: z.ZodType<ClassRoomState> = z.object({
  locationId: z.string(),
  current: z
    .object({
      classId: z.string(),
      title: z.string(),
      coach: z.string().nullable(),
      room: z.string().nullable(),
      source: z.enum(['schedule', 'staff']),
      startsAt: z.string(),
      endsAt: z.string(),
      minutesLeft: z.number(),
      totalPoints: z.number(),
      tiles: z.array(classTileSchema),
    })
    .nullable(),
  next: z.object({ title: z.string(), startsAt: z.string() }).nullable(),
  lastSummary: z
    .object({
      classId: z.string(),
      title: z.string(),
      endedAt: z.string(),
      members: z.number(),
      totalPoints: z.number(),
      top: z.object({ displayName: z.string().nullable(), points: z.number() }).nullable(),
    })
    .nullable(),
});

export const webhookDeadLettersAnswerSchema = z.object({
  deadLetters: z.array(
    z.object({ eventId: z.string(), eventType: z.string(), attempts: z.number(), reason: z.string().nullable(), updatedAt: z.string().nullable() }),
  ),
});

// ── Answers ─────────────────────────────────────────────────────────────────────────────────────────────

export const claimAnswerSchema = z.union([
  z.object({
    ok: z.literal(true),
    outcome: z.enum(['claimed', 'already_yours']),
    sessionId: z.string().nullable().describe('The session claimed, when it has ended'),
  }),
  z.object({
    ok: z.literal(true),
    outcome: z.literal('pending'),
    until: z.string().describe('The next session on the machine starting before this is the member’s'),
  }),
]);
export const okSchema = z.object({ ok: z.literal(true) });
export const claimableSessionsSchema = z.object({
  sessions: z.array(
    z.object({
      sessionId: z.string(),
      equipmentId: z.string(),
      equipmentName: z.string(),
      equipmentType: equipmentKindSchema,
      startedAt: z.string(),
      endedAt: z.string(),
      summary: sessionSummarySchema,
    }),
  ),
});
export const sessionStoredSchema = z.object({ eventId: z.string().describe('The journal eventId of the stored session') });
export const deadLettersAnswerSchema = z.object({
  deadLetters: z.array(
    z.object({
      seq: z.number(),
      eventId: z.string(),
      type: z.enum(['check_in', 'equipment_session', 'device_status']),
      occurredAt: z.string(),
      attempts: z.number(),
      reason: z.string().describe('Why the cloud rejected it'),
      payload: z.unknown(),
    }),
  ),
});
export const requeueAnswerSchema = z.object({ requeued: z.number() });
export const syncAnswerSchema = z.object({ pulls: z.array(pullStatusSchema) });
export const healthSchema = z.object({ ok: z.literal(true) });

// ── The route table ─────────────────────────────────────────────────────────────────────────────────────

/** public: anyone on the LAN (read-only); kiosk: the box itself or the kiosk token; staff: the staff token or PIN. */
/** Who may call: anyone; the box or a LAN kiosk (kiosk token); an equipment bridge (bridge token); staff. */
export type Access = 'public' | 'kiosk' | 'bridge' | 'staff';

export interface ApiAnswer {
  description: string;
  /** JSON body; absent with `contentType` for non-JSON answers. */
  schema?: z.ZodType;
  contentType?: string;
}

export interface ApiRoute {
  method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI style: `/api/sessions/{id}/claim`. */
  path: string;
  summary: string;
  description?: string;
  access: Access;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Success and route-specific errors; the access and validation errors are added from `access` and the inputs. */
  answers: Record<number, ApiAnswer>;
}

const error = (description: string): ApiAnswer => ({ description, schema: errorSchema });
const storageErrors = {
  503: error('The box could not store it (storage error), so it was not taken'),
  507: error('The box’s disk is full: not stored; staff have been alerted'),
};

export const apiRoutes: ApiRoute[] = [
  { method: 'get', path: '/healthz', summary: 'Liveness', access: 'public', answers: { 200: { description: 'The gateway is serving', schema: healthSchema } } },
  {
    method: 'get',
    path: '/api/status',
    summary: 'Uplink state, queue, storage, pulls, alerts, devices',
    access: 'public',
    answers: { 200: { description: 'Status', schema: gatewayStatusSchema } },
  },
  {
    method: 'get',
    path: '/api/screen-config',
    summary: 'Location id and name, entrance reset time',
    access: 'public',
    answers: { 200: { description: 'Screen config', schema: screenConfigSchema } },
  },
  {
    method: 'get',
    path: '/api/lan-addresses',
    summary: 'The box’s LAN addresses and the screens’ base URL at each, for the public index',
    access: 'public',
    answers: { 200: { description: 'LAN addresses, IPv4 first', schema: lanAddressesSchema } },
  },
  {
    method: 'get',
    path: '/api/kiosk-config',
    summary: 'Which screen the Electron kiosk shows on which display',
    access: 'public',
    answers: { 200: { description: 'Kiosk config', schema: kioskConfigSchema } },
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This document',
    access: 'public',
    answers: { 200: { description: 'OpenAPI 3.1', schema: z.looseObject({ openapi: z.literal('3.1.0'), info: z.looseObject({ version: z.string() }), paths: z.record(z.string(), z.unknown()) }) } },
  },
  { method: 'get', path: '/metrics', summary: 'Prometheus metrics', access: 'public', answers: { 200: { description: 'Prometheus text format', contentType: 'text/plain' } } },
  {
    method: 'post',
    path: '/api/checkins',
    summary: 'Check a badge in (the entrance screen and every reader use this path)',
    description: 'The decision is committed to the journal before this answers. 200 for both accepted and denied decisions.',
    access: 'kiosk',
    body: checkInRequestSchema,
    answers: { 200: { description: 'The decision', schema: checkInResultSchema }, ...storageErrors },
  },
  {
    method: 'post',
    path: '/api/equipment/sessions',
    summary: 'Hand over a finished equipment session (LAN equipment bridges)',
    description:
      'Answered 202 with the eventId once the session is on disk (group commit). From the box itself or with the bridge token; sessions outside the machine kind’s bounds, more than a day from now, or for a member the roster does not know are refused (422, naming the field) and not stored.',
    access: 'bridge',
    body: sessionIngestSchema,
    answers: { 202: { description: 'Stored', schema: sessionStoredSchema }, 422: error('Implausible session; the message names the field'), ...storageErrors },
  },
  {
    method: 'post',
    path: '/api/equipment/{id}/claim',
    summary: 'A badge tap at a machine, from the kiosk: claims its running, just-finished or next session',
    access: 'kiosk',
    params: idParamsSchema,
    body: claimRequestSchema,
    answers: {
      200: { description: 'What the tap claimed', schema: claimAnswerSchema },
      404: error('unknown_badge or unknown_equipment'),
      409: error('taken: someone else is on this machine'),
    },
  },
  {
    method: 'post',
    path: '/api/sessions/{id}/claim',
    summary: 'Claims a finished anonymous session; journaled as a second equipment_session fact with claimOf',
    access: 'kiosk',
    params: idParamsSchema,
    body: claimRequestSchema,
    answers: {
      200: { description: 'Claimed (or already this member’s)', schema: claimAnswerSchema },
      404: error('unknown_badge or unknown_session'),
      409: error('taken: the session already belongs to a member'),
    },
  },
  {
    method: 'get',
    path: '/api/sessions/claimable',
    summary: 'Anonymous sessions of the last day, newest first (no member data)',
    access: 'public',
    answers: { 200: { description: 'Claimable sessions', schema: claimableSessionsSchema } },
  },
  {
    method: 'put',
    path: '/api/straps/{id}/pairing',
    summary: 'Pairs a heart-rate strap with the member whose badge is given (staff)',
    access: 'staff',
    params: idParamsSchema,
    body: claimRequestSchema,
    answers: { 200: { description: 'Paired', schema: claimAnswerSchema }, 404: error('unknown_badge or unknown_equipment') },
  },
  {
    method: 'delete',
    path: '/api/straps/{id}/pairing',
    summary: 'Unpairs a heart-rate strap (staff)',
    access: 'staff',
    params: idParamsSchema,
    answers: { 200: { description: 'Unpaired', schema: okSchema }, 404: error('not_paired') },
  },
  {
    method: 'post',
    path: '/api/staff/session',
    summary: 'Staff sign in with the PIN: a session as an HttpOnly SameSite=Strict cookie and as a bearer token',
    description: 'Wrong PINs slow every PIN sign-in on the box (growing delay, 429 with Retry-After); the staff token and live sessions are never slowed.',
    access: 'public',
    body: staffSignInRequestSchema,
    answers: {
      201: { description: 'Signed in', schema: staffSessionAnswerSchema },
      401: error('Wrong PIN'),
      403: error('Cross-origin request, or a name this box does not answer as'),
      429: error('Too many wrong PINs on this box: wait Retry-After seconds'),
    },
  },
  {
    method: 'delete',
    path: '/api/staff/session',
    summary: 'Sign out: revokes the session presented (cookie or bearer)',
    access: 'public',
    answers: { 204: { description: 'Revoked' }, 401: error('No live session presented') },
  },
  {
    method: 'get',
    path: '/api/staff/dead-letters',
    summary: 'Events the cloud rejected, with its reason (staff)',
    access: 'staff',
    query: deadLettersQuerySchema,
    answers: { 200: { description: 'Dead letters', schema: deadLettersAnswerSchema }, 409: error('standalone: no cloud is configured') },
  },
  {
    method: 'post',
    path: '/api/staff/dead-letters/requeue',
    summary: 'Send dead letters again, same eventIds (staff)',
    access: 'staff',
    body: requeueRequestSchema,
    answers: { 200: { description: 'How many', schema: requeueAnswerSchema }, 409: error('standalone: no cloud is configured') },
  },
  {
    method: 'post',
    path: '/api/staff/sync',
    summary: 'Run every pull now and kick the uplink (staff)',
    access: 'staff',
    answers: { 200: { description: 'Pull status', schema: syncAnswerSchema }, 409: error('standalone: no cloud is configured') },
  },
  {
    method: 'put',
    path: '/api/staff/cloud-key',
    summary: 'Replace a refused cloud API key (staff)',
    access: 'staff',
    body: apiKeyRequestSchema,
    answers: { 200: { description: 'Replaced', schema: okSchema }, 409: error('standalone: no cloud is configured') },
    description: 'The key must be printable and start with bak_ (a 400 names the field otherwise).',
  },
  {
    method: 'get',
    path: '/api/staff/front-desk/today',
    summary: 'Today’s check-ins and denials, newest first, with names and overrides (staff console)',
    access: 'staff',
    answers: { 200: { description: 'Today at the door', schema: frontDeskTodaySchema } },
  },
  {
    method: 'get',
    path: '/api/staff/members',
    summary: 'Find members by name or badge, with what the door would say now (staff console)',
    access: 'staff',
    query: memberSearchSchema,
    answers: { 200: { description: 'Up to 20 members', schema: memberSearchAnswerSchema } },
  },
  {
    method: 'post',
    path: '/api/staff/checkins',
    summary: 'Check a member in by hand, or let in a member the rules deny (override), saying why (staff console)',
    description: 'Goes through the check-in pipeline (journal first); the fact carries staffNote or override.',
    access: 'staff',
    body: staffCheckInSchema,
    answers: { 200: { description: 'The decision', schema: staffCheckInAnswerSchema }, 404: error('unknown_member'), ...storageErrors },
  },
  {
    method: 'post',
    path: '/api/staff/alerts/{id}/acknowledge',
    summary: 'Acknowledge an open staff alert (staff console)',
    access: 'staff',
    params: alertParamsSchema,
    answers: { 200: { description: 'Acknowledged', schema: okSchema }, 404: error('unknown_alert: no open alert with that number') },
  },
  {
    method: 'post',
    path: '/api/staff/dead-letters/{eventId}/discard',
    summary: 'Give up on a dead letter, saying why: dropped from the queue, journaled as a staff action (staff console)',
    access: 'staff',
    params: eventIdParamsSchema,
    body: discardDeadLetterSchema,
    answers: { 200: { description: 'Discarded', schema: discardAnswerSchema }, 404: error('unknown_dead_letter') },
  },
  {
    method: 'get',
    path: '/api/staff/wods',
    summary: 'The WODs of today and the coming days; read-only when the cloud owns them (staff console)',
    access: 'staff',
    answers: { 200: { description: 'WOD days', schema: staffWodsAnswerSchema } },
  },
  {
    method: 'put',
    path: '/api/staff/wods/{date}',
    summary: 'Write the gym’s own WOD for a day, yesterday to 60 days ahead (staff console, gyms without the cloud)',
    access: 'staff',
    params: wodDateParamsSchema,
    body: wodInputSchema,
    answers: { 200: { description: 'Stored and journaled', schema: staffWodAnswerSchema }, 409: error('cloud_content: a cloud is configured and owns this content') },
  },
  {
    method: 'post',
    path: '/api/staff/roster',
    summary: 'Import a roster file (CSV or JSON), as `floorgate roster import` (staff console, gyms without the cloud)',
    access: 'staff',
    body: rosterUploadSchema,
    answers: {
      200: { description: 'Imported', schema: rosterUploadAnswerSchema },
      409: error('cloud_content: a cloud is configured and owns this content'),
      422: error('invalid_roster: the file is not a roster (the message names the line or field)'),
    },
  },
  {
    method: 'post',
    path: '/api/staff/challenges',
    summary: 'Create a local challenge, counted by the boards at once (staff console, gyms without the cloud)',
    access: 'staff',
    body: newChallengeSchema,
    answers: { 201: { description: 'Created and journaled', schema: challengeCreatedSchema }, 409: error('cloud_content: a cloud is configured and owns this content') },
  },
  {
    method: 'get',
    path: '/api/staff/screens',
    summary: 'Where the box’s screens open from the LAN: base URLs, the kiosk token, playlists (staff console)',
    access: 'staff',
    answers: { 200: { description: 'Screen URLs', schema: staffScreensAnswerSchema } },
  },
  {
    method: 'post',
    path: '/api/staff/class/start',
    summary: 'Start class mode by hand: a class with this title from now, for some minutes (staff console)',
    description: 'Journaled as a staff action. The class screen shows members checked in within the last 30 minutes with a heart rate.',
    access: 'staff',
    body: startClassSchema,
    answers: { 200: { description: 'Started: the class room as screens now see it', schema: classRoomStateSchema }, 409: error('class_running: stop the running class first') },
  },
  {
    method: 'post',
    path: '/api/staff/class/stop',
    summary: 'End the running class now, scheduled or started by hand: its summary is journaled and shown (staff console)',
    access: 'staff',
    answers: { 200: { description: 'Stopped', schema: classRoomStateSchema }, 409: error('no_class: no class is running') },
  },
  {
    method: 'get',
    path: '/api/staff/jobs',
    summary: 'The scheduled jobs (cloud pulls, retention): schedule, last run and its result, next run (staff console)',
    access: 'staff',
    answers: { 200: { description: 'Jobs', schema: jobsAnswerSchema } },
  },
  {
    method: 'post',
    path: '/api/staff/jobs/{name}/run',
    summary: 'Run a scheduled job now (or wait for the run in progress) and answer how it went',
    access: 'staff',
    params: nameParamsSchema,
    answers: { 200: { description: 'The job after its run', schema: jobRunAnswerSchema }, 404: error('unknown_job') },
  },
  {
    method: 'get',
    path: '/api/staff/gym',
    summary: 'The gym’s name, capacity, opening hours and class schedule feed, where they come from, and what the cloud owns (staff console)',
    access: 'staff',
    answers: { 200: { description: 'Gym settings', schema: gymSettingsAnswerSchema } },
  },
  {
    method: 'put',
    path: '/api/staff/gym',
    summary: 'Set the gym’s settings: stored, journaled, applied at once (check-in rules, occupancy screen, schedule feed re-read)',
    access: 'staff',
    body: gymSettingsSchema,
    answers: { 200: { description: 'Stored, journaled and applied', schema: gymSettingsAnswerSchema } },
  },
  {
    method: 'get',
    path: '/api/staff/playlists',
    summary: 'Every screen playlist with its screens, from the config file or edited in the console (staff console)',
    access: 'staff',
    answers: { 200: { description: 'Playlists', schema: staffPlaylistsAnswerSchema } },
  },
  {
    method: 'put',
    path: '/api/staff/playlists/{name}',
    summary: 'Write a playlist (new, or replacing the file’s): stored, journaled, and shown at once by the screens playing it',
    access: 'staff',
    params: nameParamsSchema,
    body: playlistEditSchema,
    answers: { 200: { description: 'Stored and journaled', schema: staffPlaylistAnswerSchema } },
  },
  {
    method: 'delete',
    path: '/api/staff/playlists/{name}',
    summary: 'Remove a playlist written in the console (a file playlist it replaced comes back); journaled',
    access: 'staff',
    params: nameParamsSchema,
    answers: {
      200: { description: 'Removed and journaled (playlist: the file’s list, or null)', schema: staffPlaylistAnswerSchema },
      404: error('unknown_playlist'),
      409: error('file_content: the playlist is defined in the config file'),
    },
  },
  {
    method: 'get',
    path: '/api/webhooks',
    summary: 'Webhook destinations: health, counts, the last attempts (staff)',
    access: 'staff',
    answers: { 200: { description: 'Destinations', schema: webhooksStatusSchema } },
  },
  {
    method: 'get',
    path: '/api/webhooks/{name}/dead-letters',
    summary: "A destination's dead deliveries with the reason (staff)",
    access: 'staff',
    params: nameParamsSchema,
    answers: { 200: { description: 'Dead letters', schema: webhookDeadLettersAnswerSchema }, 404: error('unknown_webhook') },
  },
  {
    method: 'post',
    path: '/api/webhooks/{name}/test',
    summary: 'Send a signed `test` event to a destination (staff)',
    access: 'staff',
    params: nameParamsSchema,
    answers: { 202: { description: 'Queued', schema: z.object({ eventId: z.string() }) }, 404: error('unknown_webhook') },
  },
  {
    method: 'post',
    path: '/api/webhooks/{name}/requeue',
    summary: "Requeue a destination's dead deliveries, some or all (staff)",
    access: 'staff',
    params: nameParamsSchema,
    body: requeueRequestSchema,
    answers: { 200: { description: 'Requeued', schema: z.object({ requeued: z.number() }) }, 404: error('unknown_webhook') },
  },
  {
    method: 'post',
    path: '/api/webhooks',
    summary: 'Add a webhook destination at the console: validated as the config file is, journaled, started at once; its new secret is in this answer only (staff)',
    access: 'staff',
    body: webhookDestinationAddSchema,
    answers: {
      201: { description: 'Added and running: store the secret in the receiver now, it is never shown again', schema: webhookSecretAnswerSchema },
      400: error('invalid_request: names the field'),
      409: error('webhook_exists'),
    },
  },
  {
    method: 'put',
    path: '/api/webhooks/{name}',
    summary: 'Edit a console-made destination (its lane worker restarts with the new settings; the secret stays); journaled (staff)',
    access: 'staff',
    params: nameParamsSchema,
    body: webhookDestinationEditSchema,
    answers: {
      200: { description: 'Edited', schema: webhookChangeAnswerSchema },
      400: error('invalid_request: names the field'),
      404: error('unknown_webhook'),
      409: error('file_content: the destination is from the config file'),
    },
  },
  {
    method: 'delete',
    path: '/api/webhooks/{name}',
    summary: 'Delete a console-made destination with its queue, dead letters and secrets; journaled (staff; `?by=` names who)',
    access: 'staff',
    params: nameParamsSchema,
    answers: {
      200: { description: 'Deleted', schema: webhookRemoveAnswerSchema },
      404: error('unknown_webhook'),
      409: error('file_content: the destination is from the config file'),
    },
  },
  {
    method: 'post',
    path: '/api/webhooks/{name}/rotate-secret',
    summary: 'A new secret for a console-made destination, shown once; the old one is still signed with (previous) so receivers verify with either; journaled (staff)',
    access: 'staff',
    params: nameParamsSchema,
    body: webhookStaffActionSchema,
    answers: {
      200: { description: 'Rotated', schema: webhookSecretAnswerSchema },
      404: error('unknown_webhook'),
      409: error('file_content: the destination is from the config file'),
    },
  },
  {
    method: 'post',
    path: '/api/webhooks/{name}/pause',
    summary: 'Pause a destination: its queue keeps filling (within the disk budget), nothing is sent; journaled (staff)',
    access: 'staff',
    params: nameParamsSchema,
    body: webhookStaffActionSchema,
    answers: { 200: { description: 'Paused', schema: webhookChangeAnswerSchema }, 404: error('unknown_webhook') },
  },
  {
    method: 'post',
    path: '/api/webhooks/{name}/resume',
    summary: 'Resume a paused destination: what waited is delivered in order; journaled (staff)',
    access: 'staff',
    params: nameParamsSchema,
    body: webhookStaffActionSchema,
    answers: { 200: { description: 'Resumed', schema: webhookChangeAnswerSchema }, 404: error('unknown_webhook') },
  },
  {
    method: 'post',
    path: '/api/webhooks/{name}/discard',
    summary: "Discard a destination's dead letters, some or all, for good; journaled (staff)",
    access: 'staff',
    params: nameParamsSchema,
    body: webhookDiscardRequestSchema,
    answers: { 200: { description: 'Discarded', schema: webhookDiscardAnswerSchema }, 404: error('unknown_webhook') },
  },
  {
    method: 'get',
    path: '/api/challenges',
    summary: 'Active challenges (for the leaderboard screen)',
    access: 'public',
    answers: { 200: { description: 'Challenges', schema: challengesAnswerSchema } },
  },
  {
    method: 'get',
    path: '/api/challenges/{id}/leaderboard',
    summary: 'A challenge’s leaderboard: cloud board merged with provisional local sessions; display names only',
    access: 'public',
    params: challengeParamsSchema,
    answers: { 200: { description: 'Leaderboard view', schema: leaderboardViewSchema }, 404: error('No such challenge') },
  },
  {
    method: 'get',
    path: '/api/achievements',
    summary: 'Recent personal records and goals reached',
    access: 'public',
    answers: { 200: { description: 'Achievements', schema: achievementsStateSchema } },
  },
  {
    method: 'get',
    path: '/api/occupancy/by-hour',
    summary: "Today's check-ins by hour beside the usual for this weekday (average of the last same weekdays)",
    access: 'public',
    answers: { 200: { description: 'Visits by hour', schema: occupancyByHourSchema } },
  },
  {
    method: 'get',
    path: '/api/equipment',
    summary: 'Equipment tiles (in use / idle / offline, live metrics)',
    access: 'public',
    answers: { 200: { description: 'Tiles', schema: equipmentAnswerSchema } },
  },
  {
    method: 'get',
    path: '/api/wod',
    summary: 'The WOD of a day (default today), of this location or `location`',
    access: 'public',
    query: wodQuerySchema,
    answers: { 200: { description: 'The WOD, or null when none is posted', schema: wodAnswerSchema } },
  },
  {
    method: 'get',
    path: '/api/schedule',
    summary: 'Classes of a day from the configured ICS feed',
    access: 'public',
    query: scheduleQuerySchema,
    answers: { 200: { description: 'Classes', schema: scheduleAnswerSchema } },
  },
  {
    method: 'get',
    path: '/api/playlists',
    summary: 'Names of the configured screen playlists',
    access: 'public',
    answers: { 200: { description: 'Names', schema: playlistNamesSchema } },
  },
  {
    method: 'get',
    path: '/api/playlists/{name}',
    summary: 'A playlist: screens, parameters and seconds each',
    access: 'public',
    params: nameParamsSchema,
    answers: { 200: { description: 'Playlist', schema: playlistSchema }, 404: error('No such playlist') },
  },
];

/** Whether `url` (fastify style, `/api/sessions/:id/claim`) is part of the API, as opposed to pages and assets. */
export function isApiUrl(url: string): boolean {
  return url.startsWith('/api/') || url === '/metrics' || url === '/healthz';
}

/**
 * Throws for an API route that the table above does not describe, so a route cannot be served undocumented
 * (http/server.ts calls this from fastify's onRoute hook, i.e. at startup). HEAD is served with its GET.
 */
export function assertDocumented(method: string | string[], url: string): void {
  if (!isApiUrl(url)) return;
  const path = url.replace(/:([A-Za-z_]\w*)/g, '{$1}');
  for (const verb of [method].flat()) {
    const lower = verb.toLowerCase() === 'head' ? 'get' : verb.toLowerCase();
    if (!apiRoutes.some((route) => route.path === path && route.method === lower)) {
      throw new Error(`${verb} ${url} is not in the API contract: add it to apiRoutes in gateway/http/api-contract.ts`);
    }
  }
}

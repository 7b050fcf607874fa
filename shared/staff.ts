/** The staff console's local API: request schemas (zod, validated by the gateway) and the answers' types. */
import { z } from 'zod';
import { playlistItemInputSchema, playlistItemSchema } from './api/screens.js';
import { checkInResultSchema, decisionSchema, denialCodeSchema, denialReasonSchema, wodSchema } from './checkin.js';

/** `POST /api/staff/session`: sign in with the staff PIN. */
export const staffSignInSchema = z.object({ pin: z.string({ error: 'is required' }).min(1, 'is required') });
export const staffSessionAnswerSchema = z.object({ token: z.string(), expiresAt: z.string() });
export type StaffSessionAnswer = z.infer<typeof staffSessionAnswerSchema>;

/** `GET /api/staff/members?q=`: a name or a badge, as typed at the desk. */
export const memberSearchSchema = z.object({ q: z.string({ error: 'is required' }).trim().min(1, 'is required').max(100, 'is too long') });

/** `POST /api/staff/checkins`: a manual check-in, or (override) letting in a member the rules deny. */
export const staffCheckInSchema = z.object({
  memberId: z.string({ error: 'is required' }).min(1, 'is required'),
  reason: z.string({ error: 'is required' }).trim().min(3, 'must say why (3 characters or more)').max(200, 'is too long (200 characters at most)'),
  override: z.boolean().default(false),
  /** Who at the desk did it (the PIN is shared, so the person types their name). */
  by: z.string().trim().max(60, 'is too long').optional(),
});
export type StaffCheckInRequest = z.input<typeof staffCheckInSchema>;

/** A check-in fact as the front desk lists it. */
export const frontDeskEntrySchema = z.object({
  eventId: z.string(),
  at: z.string(),
  decision: decisionSchema,
  /** Staff see the full name; null when the badge matched nobody. */
  name: z.string().nullable(),
  badgeId: z.string(),
  reason: denialReasonSchema.nullable(),
  /** The reader or screen the badge came from. */
  source: z.string(),
  method: z.string(),
  override: z.object({ reason: z.string(), by: z.string(), overrode: denialCodeSchema }).nullable(),
});
export type FrontDeskEntry = z.infer<typeof frontDeskEntrySchema>;
export const frontDeskTodaySchema = z.object({ date: z.string(), entries: z.array(frontDeskEntrySchema) });
export type FrontDeskToday = z.infer<typeof frontDeskTodaySchema>;

export const memberCardSchema = z.object({
  id: z.string(),
  name: z.string(),
  displayName: z.string().nullable(),
  badgeIds: z.array(z.string()),
  membership: z.object({ status: z.string(), plan: z.string().optional(), validUntil: z.string().nullable() }),
  waiverSigned: z.boolean(),
  /** Last accepted check-ins, newest first. */
  lastVisits: z.array(z.string()),
  /** What the door would say now, decided by the same rules without committing anything. */
  wouldBe: z.union([z.object({ decision: z.literal('accepted') }), z.object({ decision: z.literal('denied'), reason: denialReasonSchema })]),
});
export type MemberCard = z.infer<typeof memberCardSchema>;
export const memberSearchAnswerSchema = z.object({ members: z.array(memberCardSchema) });
export type MemberSearchAnswer = z.infer<typeof memberSearchAnswerSchema>;

export const staffCheckInAnswerSchema = z.object({ result: checkInResultSchema });
export type StaffCheckInAnswer = z.infer<typeof staffCheckInAnswerSchema>;

/** `POST /api/staff/dead-letters/:eventId/discard`: give up on an event the cloud refused, saying why (journaled). */
export const discardDeadLetterSchema = z.object({
  reason: z.string({ error: 'is required' }).trim().min(3, 'must say why (3 characters or more)').max(200, 'is too long (200 characters at most)'),
  by: z.string().trim().max(60, 'is too long').optional(),
});

/** `PUT /api/staff/wods/:date`: the gym's own WOD for a day (standalone gyms; with a cloud, WODs are edited there). */
export const wodInputSchema = z.object({
  title: z.string({ error: 'is required' }).trim().min(1, 'is required').max(80, 'is too long (80 characters at most)'),
  restDay: z.boolean().default(false),
  parts: z.array(z.string().trim().min(1, 'must not be empty').max(200, 'is too long (200 characters at most)')).max(20, 'has more than 20 lines').default([]),
  notes: z.string().trim().max(500, 'is too long (500 characters at most)').optional(),
});
export type WodInput = z.input<typeof wodInputSchema>;

export const staffWodDaySchema = z.object({ date: z.string(), wod: wodSchema.nullable() });
export type StaffWodDay = z.infer<typeof staffWodDaySchema>;
export const staffWodsAnswerSchema = z.object({
  /** Null when the gym writes its own WODs here; else why it cannot (the cloud is the source). */
  readOnlyReason: z.string().nullable(),
  days: z.array(staffWodDaySchema),
});
export type StaffWodsAnswer = z.infer<typeof staffWodsAnswerSchema>;
export const staffWodAnswerSchema = z.object({ wod: wodSchema });

/** `POST /api/staff/dead-letters/:eventId/discard`'s answer: the event dropped and the staff action journaled. */
export const discardAnswerSchema = z.object({ discarded: z.string(), journaled: z.string() });

/** `POST /api/staff/roster`: a roster file's text as the browser read it, validated like `floorgate roster import`. */
export const rosterUploadSchema = z.object({
  fileName: z.string({ error: 'is required' }).trim().regex(/\.(csv|json)$/i, 'must end in .csv or .json'),
  text: z.string({ error: 'is required' }).min(1, 'is empty'),
});
export const rosterUploadAnswerSchema = z.object({
  members: z.number(),
  badges: z.number(),
  /** Badges that were on one member and are now on another. */
  warnings: z.array(z.string()),
});
export type RosterUploadAnswer = z.infer<typeof rosterUploadAnswerSchema>;

/** `GET /api/staff/screens`: where the box's screens can be opened from the LAN. */
export const staffScreensAnswerSchema = z.object({
  /** Base URLs, e.g. "http://192.168.1.20:8080", LAN addresses first; loopback last (the box itself). */
  baseUrls: z.array(z.string()),
  /** LAN kiosks (the entrance) add it as ?token=…: staff only. */
  kioskToken: z.string(),
  playlists: z.array(z.string()),
});
export type StaffScreensAnswer = z.infer<typeof staffScreensAnswerSchema>;

/** `PUT /api/staff/playlists/:name`: a playlist as staff edit it (stored on the box; screens showing it change at once). */
export const playlistEditSchema = z.object({
  items: z.array(playlistItemInputSchema).min(1, 'must list at least one screen').max(30, 'has more than 30 screens'),
  by: z.string().trim().max(60, 'is too long').optional(),
});
export type PlaylistEdit = z.input<typeof playlistEditSchema>;

/** Where a playlist comes from: the config file (or built in), or an edit in the console (which wins over the file). */
export const playlistOriginSchema = z.enum(['file', 'console']);
export const staffPlaylistSchema = z.object({
  name: z.string(),
  origin: playlistOriginSchema,
  /** The config file also has this name: removing the console's edit goes back to the file's list. */
  inFile: z.boolean(),
  items: z.array(playlistItemSchema),
});
export type StaffPlaylist = z.infer<typeof staffPlaylistSchema>;
/** `GET /api/staff/playlists`: every playlist as configured (the default one unfiltered). */
export const staffPlaylistsAnswerSchema = z.object({ playlists: z.array(staffPlaylistSchema) });
export type StaffPlaylistsAnswer = z.infer<typeof staffPlaylistsAnswerSchema>;
/** `PUT` / `DELETE /api/staff/playlists/:name`: the playlist now (null when it is gone), and the journaled fact. */
export const staffPlaylistAnswerSchema = z.object({ playlist: staffPlaylistSchema.nullable(), journaled: z.string() });

/** A scheduled job (node-cron: cloud pulls, retention) as the Connections page shows it. */
export const jobStatusSchema = z.object({
  name: z.string(),
  cron: z.string(),
  running: z.boolean(),
  /** Since the gateway started; null: not run yet. */
  lastRun: z.object({ at: z.string(), durationMs: z.number(), ok: z.boolean(), error: z.string().nullable() }).nullable(),
  nextRunAt: z.string().nullable(),
});
export type JobStatus = z.infer<typeof jobStatusSchema>;
/** `GET /api/staff/jobs` */
export const jobsAnswerSchema = z.object({ jobs: z.array(jobStatusSchema) });
export type JobsAnswer = z.infer<typeof jobsAnswerSchema>;
/** `POST /api/staff/jobs/:name/run`: the job's status after the run. */
export const jobRunAnswerSchema = z.object({ job: jobStatusSchema });
export type JobRunAnswer = z.infer<typeof jobRunAnswerSchema>;

/**
 * The HTTP answers the floor screens and widgets read, as zod schemas. Kept apart from shared/screens.ts
 * because the renderer imports values from that module and must not pull zod into the screens' bundle.
 */
import { z } from 'zod';
import { wodSchema } from '../checkin.js';
import { equipmentTileSchema } from '../equipment.js';
import { challengeSummarySchema } from '../leaderboard.js';
import { PLAYLIST_SCREENS } from '../screen-names.js';

/** Screens a playlist can rotate through (`/screen/<name>`); the entrance takes input, so it is not one of them. */
export const playlistScreenSchema = z.enum(PLAYLIST_SCREENS, { error: `must be one of ${PLAYLIST_SCREENS.join(', ')}` });
export type PlaylistScreen = z.infer<typeof playlistScreenSchema>;

export const playlistItemSchema = z.object({
  screen: playlistScreenSchema,
  params: z.record(z.string(), z.string()),
  seconds: z.number(),
});
export type PlaylistItem = z.infer<typeof playlistItemSchema>;

/** A playlist's name, as the config file and the console accept it (it goes into screen URLs). */
export const playlistNameSchema = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'playlist names: letters, digits, _ - (≤ 40)');

/** A playlist item as written (config file or staff console): the served shape, with defaults and limits. */
export const playlistItemInputSchema = playlistItemSchema.strict().extend({
  /** The screen's URL parameters, e.g. { "challenge": "c-123", "theme": "light" }. */
  params: z.record(z.string(), z.string()).default({}),
  seconds: z.number({ error: 'must be a number of seconds' }).int('must be whole seconds').min(3, 'must be 3 or more').max(3600, 'must be 3600 or less'),
});

/** `GET /api/playlists/:name` */
export const playlistSchema = z.object({ name: z.string(), items: z.array(playlistItemSchema) });
export type Playlist = z.infer<typeof playlistSchema>;

/** `GET /api/playlists` */
export const playlistNamesSchema = z.object({ playlists: z.array(z.string()) });

/** `GET /api/wod?location=&date=`: the day's workout, or null when none is posted. */
export const wodAnswerSchema = z.object({ locationId: z.string(), date: z.string(), wod: wodSchema.nullable() });
export type WodAnswer = z.infer<typeof wodAnswerSchema>;

export const scheduledClassSchema = z.object({
  id: z.string(),
  title: z.string(),
  start: z.string(),
  end: z.string(),
  coach: z.string().nullable().describe('From the feed’s DESCRIPTION when present'),
  room: z.string().nullable().describe('From the feed’s LOCATION when present'),
});
export type ScheduledClass = z.infer<typeof scheduledClassSchema>;

/** `GET /api/schedule?date=`: the day's classes in start order. */
export const scheduleAnswerSchema = z.object({
  date: z.string(),
  timezone: z.string(),
  source: z
    .object({ kind: z.literal('ics'), fetchedAt: z.string().nullable(), error: z.string().nullable() })
    .nullable()
    .describe('Null when no feed is configured; else when it was last read'),
  classes: z.array(scheduledClassSchema),
});
export type ScheduleAnswer = z.infer<typeof scheduleAnswerSchema>;

/** `GET /api/challenges`: the challenges running here now, soonest-ending first (the first is a screen's default). */
export const challengesAnswerSchema = z.object({ locationId: z.string(), challenges: z.array(challengeSummarySchema) });
export type ChallengesAnswer = z.infer<typeof challengesAnswerSchema>;

/** `GET /api/equipment`: every tile (what the equipment-status widget polls). */
export const equipmentAnswerSchema = z.object({ locationId: z.string(), tiles: z.array(equipmentTileSchema) });
export type EquipmentAnswer = z.infer<typeof equipmentAnswerSchema>;

import { z } from 'zod';
import { playlistItemSchema as servedPlaylistItemSchema } from '../../shared/api/screens.js';

/** A playlist item as configured: the served shape (GET /api/playlists/:name), with defaults and limits. */
const playlistItemSchema = servedPlaylistItemSchema.extend({
  /** The screen's URL parameters, e.g. { "challenge": "c-123", "theme": "light" }. */
  params: z.record(z.string(), z.string()).default({}),
  seconds: z.number({ error: 'must be a number of seconds' }).int('must be whole seconds').min(3).max(3600),
});

const DEFAULT_PLAYLIST = [
  { screen: 'leaderboard', params: {}, seconds: 20 },
  { screen: 'equipment', params: {}, seconds: 20 },
  { screen: 'wod', params: {}, seconds: 15 },
  { screen: 'achievements', params: {}, seconds: 15 },
  { screen: 'occupancy', params: {}, seconds: 10 },
  { screen: 'schedule', params: {}, seconds: 15 },
] as const;

const frameAncestor = z
  .string()
  .refine((v) => v === '*' || v === "'self'" || /^https?:\/\/[^\s;,'"]+$/.test(v), "must be '*', \"'self'\" or an http(s) origin");

/** `screens` in the config file: what the floor screens show and how (see README, Screens). */
export const screensConfigSchema = z
  .object({
    /**
     * Named rotations for `/screen/playlist?name=<name>`: `[{ "screen": "leaderboard", "params": {…}, "seconds": 20 }]`.
     * `default` is used without a name; it has a built-in value unless you set one.
     */
    playlists: z
      .record(z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'playlist names: letters, digits, _ - (≤ 40)'), z.array(playlistItemSchema).min(1, 'must list at least one screen'))
      .default({})
      .transform((lists): Record<string, Array<z.infer<typeof playlistItemSchema>>> => ({
        default: DEFAULT_PLAYLIST.map((item) => ({ ...item, params: {} })),
        ...lists,
      })),
    schedule: z
      .object({
        /** Today's classes: an ICS feed, as an http(s) URL or a file path. Unset = no schedule. */
        ics: z.string().min(1).optional(),
        refreshMinutes: z.number().positive().max(24 * 60).default(15),
      })
      .prefault({}),
    equipment: z
      .object({
        /** A tile with no reading for this long says so. */
        staleAfterS: z.number().positive().default(5),
        /** … and for this long is shown offline. */
        offlineAfterS: z.number().positive().default(15),
        /** Updates per tile per second, at most (coalesced on the gateway). */
        maxUpdatesPerSecond: z.number().positive().max(20).default(4),
      })
      .prefault({}),
    leaderboard: z
      .object({
        /** Rows per division sent to screens. */
        rows: z.number().int().min(3).max(100).default(25),
      })
      .prefault({}),
    widgets: z
      .object({
        /** Who may embed `/widgets/*` in an iframe (CSP frame-ancestors). Screens themselves: this gateway only. */
        frameAncestors: z.array(frameAncestor).min(1).default(['*']),
      })
      .prefault({}),
  })
  .prefault({});

export type ScreensConfig = z.infer<typeof screensConfigSchema>;

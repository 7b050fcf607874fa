import { z } from 'zod';
import { playlistItemInputSchema as playlistItemSchema, playlistNameSchema } from '../../shared/api/screens.js';

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
  .strictObject({
    /**
     * Named rotations for `/screen/playlist?name=<name>`: `[{ "screen": "leaderboard", "params": {…}, "seconds": 20 }]`.
     * `default` is used without a name; it has a built-in value unless you set one.
     */
    playlists: z
      .record(playlistNameSchema, z.array(playlistItemSchema).min(1, 'must list at least one screen'))
      .default({})
      .transform((lists): Record<string, Array<z.infer<typeof playlistItemSchema>>> => ({
        default: DEFAULT_PLAYLIST.map((item) => ({ ...item, params: {} })),
        ...lists,
      })),
    schedule: z
      .strictObject({
        /** Today's classes: an ICS feed, as an http(s) URL or a file path. Unset = no schedule. */
        ics: z.string().min(1).optional(),
        refreshMinutes: z.number().positive().max(24 * 60).default(15),
      })
      .prefault({}),
    equipment: z
      .strictObject({
        /** A tile with no reading for this long says so. */
        staleAfterS: z.number().positive().default(5),
        /** … and for this long is shown offline. */
        offlineAfterS: z.number().positive().default(15),
        /** Updates per tile per second, at most (coalesced on the gateway). */
        maxUpdatesPerSecond: z.number().positive().max(20).default(4),
      })
      .prefault({}),
    leaderboard: z
      .strictObject({
        /** Rows per division sent to screens. */
        rows: z.number().int().min(3).max(100).default(25),
      })
      .prefault({}),
    widgets: z
      .strictObject({
        /** Who may embed `/widgets/*` in an iframe (CSP frame-ancestors). Screens themselves: this gateway only. */
        frameAncestors: z.array(frameAncestor).min(1).default(['*']),
      })
      .prefault({}),
  })
  .prefault({});

export type ScreensConfig = z.infer<typeof screensConfigSchema>;

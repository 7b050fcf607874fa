import type { FastifyInstance, FastifyReply } from 'fastify';
import type { EquipmentTile } from '../../shared/equipment.js';
import { challengeParamsSchema, nameParamsSchema, scheduleQuerySchema, wodQuerySchema } from '../http/api-contract.js';
import { sendError, validated } from '../http/reply.js';
import { isUnknownPage, type ChallengesAnswer, type EquipmentAnswer, type Playlist, type ScheduleAnswer, type WodAnswer } from '../../shared/screens.js';
import type { Achievements } from '../achievements/achievements.js';
import type { Leaderboards } from '../challenges/leaderboards.js';
import type { ScreensConfig } from '../config/screens.js';
import type { Clock } from '../time/clock.js';
import { localTime } from '../time/local-time.js';
import { playableItems, type ScreenFacts } from './playlist-items.js';
import type { Playlists } from './playlists.js';
import type { ScheduleFeed } from '../schedule/feed.js';
import type { WodStore } from '../wods/wod-store.js';

export interface ScreenRouteDeps {
  locationId: string;
  timezone: string;
  screens: ScreensConfig;
  /** The file's playlists and the console's edits over them. */
  playlists: Playlists;
  clock: Clock;
  leaderboards: Leaderboards;
  achievements: Achievements;
  /** The class schedule feed now (it changes when staff set a new address). */
  schedule: () => ScheduleFeed | null;
  wods: WodStore;
  equipment: () => EquipmentTile[];
}

/**
 * Embedding: `/widgets/*` may be framed by the configured origins (`screens.widgets.frameAncestors`); every other
 * page only by this gateway itself, so a foreign page cannot frame a kiosk screen.
 */
export function frameAncestorsFor(url: string, widgetAncestors: string[]): string {
  return url === '/widgets' || url.startsWith('/widgets/') || url.startsWith('/widgets?') ? widgetAncestors.join(' ') : "'self'";
}

/** Read-only routes the screens and widgets poll (screens also get most of this live over Socket.IO). */
export function registerScreenRoutes(app: FastifyInstance, deps: ScreenRouteDeps): void {
  const today = () => localTime(deps.clock.now(), deps.timezone).date;

  app.addHook('onSend', async (request, reply, payload) => {
    // Appended to the policy of http/security-headers.ts: who may frame this page.
    const policy = reply.getHeader('content-security-policy');
    const frameAncestors = `frame-ancestors ${frameAncestorsFor(request.url, deps.screens.widgets.frameAncestors)}`;
    reply.header('content-security-policy', policy ? `${String(policy)};${frameAncestors}` : frameAncestors);
    if (!request.url.startsWith('/widgets')) reply.header('x-frame-options', 'SAMEORIGIN');
    // The page app answers every /screen/* path; a name that is no screen gets its "not here" page with a 404.
    if (reply.statusCode === 200 && isUnknownPage(request.url.split('?')[0]!)) reply.code(404);
    return payload;
  });

  app.get('/api/challenges', async (): Promise<ChallengesAnswer> => ({
    locationId: deps.locationId,
    challenges: deps.leaderboards.active(),
  }));

  app.get('/api/challenges/:id/leaderboard', async (request, reply) => {
    const params = validated(reply, challengeParamsSchema, request.params);
    if (!params) return reply;
    const view = deps.leaderboards.view(params.id);
    return view ?? sendError(reply, 404, 'unknown_challenge', `No challenge "${params.id.slice(0, 64)}" on this box.`);
  });

  app.get('/api/achievements', async () => deps.achievements.state());

  app.get('/api/equipment', async (): Promise<EquipmentAnswer> => ({ locationId: deps.locationId, tiles: deps.equipment() }));

  app.get('/api/wod', async (request, reply): Promise<WodAnswer | FastifyReply> => {
    const query = validated(reply, wodQuerySchema, request.query);
    if (!query) return reply;
    const date = query.date ?? today();
    const locationId = query.location || deps.locationId;
    return { locationId, date, wod: deps.wods.get(locationId, date) };
  });

  app.get('/api/schedule', async (request, reply): Promise<ScheduleAnswer | FastifyReply> => {
    const query = validated(reply, scheduleQuerySchema, request.query);
    if (!query) return reply;
    const date = query.date ?? today();
    return deps.schedule()?.answer(date) ?? { date, timezone: deps.timezone, source: null, classes: [] };
  });

  app.get('/api/playlists', async () => ({ playlists: deps.playlists.names() }));

  app.get('/api/playlists/:name', async (request, reply): Promise<Playlist | FastifyReply> => {
    const params = validated(reply, nameParamsSchema, request.params);
    if (!params) return reply;
    const items = deps.playlists.get(params.name);
    if (!items) {
      const known = deps.playlists.names().join(', ');
      return sendError(reply, 404, 'unknown_playlist', `No playlist "${params.name.slice(0, 40)}" in screens.playlists or the console (known: ${known}).`);
    }
    if (params.name !== 'default') return { name: params.name, items };
    const date = today();
    const facts: ScreenFacts = {
      runningChallenges: deps.leaderboards.active(),
      achievementsThisWeek: deps.achievements.state().items.length,
      classesToday: deps.schedule()?.answer(date).classes.length ?? null,
      wodToday: deps.wods.get(deps.locationId, date) !== null,
      equipmentTiles: deps.equipment().length,
    };
    return { name: params.name, items: playableItems(items, facts) };
  });
}

import type { FastifyInstance, FastifyReply } from 'fastify';
import type { EquipmentTile } from '../../shared/equipment.js';
import { isUnknownPage, type ChallengesAnswer, type EquipmentAnswer, type Playlist, type ScheduleAnswer, type WodAnswer } from '../../shared/screens.js';
import type { Achievements } from '../achievements/achievements.js';
import type { Leaderboards } from '../challenges/leaderboards.js';
import type { ScreensConfig } from '../config/screens.js';
import type { Clock } from '../time/clock.js';
import { localTime } from '../time/local-time.js';
import { playableItems, type ScreenFacts } from './playlist-items.js';
import type { ScheduleFeed } from '../schedule/feed.js';
import type { WodStore } from '../wods/wod-store.js';

export interface ScreenRouteDeps {
  locationId: string;
  timezone: string;
  screens: ScreensConfig;
  clock: Clock;
  leaderboards: Leaderboards;
  achievements: Achievements;
  schedule: ScheduleFeed | null;
  wods: WodStore;
  equipment: () => EquipmentTile[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function notFound(reply: FastifyReply, code: string, message: string) {
  return reply.code(404).send({ error: { code, message } });
}

function badRequest(reply: FastifyReply, message: string) {
  return reply.code(400).send({ error: { code: 'invalid_request', message } });
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
    reply.header('content-security-policy', `frame-ancestors ${frameAncestorsFor(request.url, deps.screens.widgets.frameAncestors)}`);
    if (!request.url.startsWith('/widgets')) reply.header('x-frame-options', 'SAMEORIGIN');
    // The page app answers every /screen/* path; a name that is no screen gets its "not here" page with a 404.
    if (reply.statusCode === 200 && isUnknownPage(request.url.split('?')[0]!)) reply.code(404);
    return payload;
  });

  app.get('/api/challenges', async (): Promise<ChallengesAnswer> => ({
    locationId: deps.locationId,
    challenges: deps.leaderboards.active(),
  }));

  app.get<{ Params: { id: string } }>('/api/challenges/:id/leaderboard', async (request, reply) => {
    const view = deps.leaderboards.view(request.params.id);
    return view ?? notFound(reply, 'unknown_challenge', `No challenge "${request.params.id.slice(0, 64)}" on this box.`);
  });

  app.get('/api/achievements', async () => deps.achievements.state());

  app.get('/api/equipment', async (): Promise<EquipmentAnswer> => ({ locationId: deps.locationId, tiles: deps.equipment() }));

  app.get<{ Querystring: { date?: string; location?: string } }>('/api/wod', async (request, reply): Promise<WodAnswer | FastifyReply> => {
    const date = request.query.date ?? today();
    if (!DATE.test(date)) return badRequest(reply, 'date must be YYYY-MM-DD');
    const locationId = request.query.location || deps.locationId;
    return { locationId, date, wod: deps.wods.get(locationId, date) };
  });

  app.get<{ Querystring: { date?: string } }>('/api/schedule', async (request, reply): Promise<ScheduleAnswer | FastifyReply> => {
    const date = request.query.date ?? today();
    if (!DATE.test(date)) return badRequest(reply, 'date must be YYYY-MM-DD');
    return deps.schedule?.answer(date) ?? { date, timezone: deps.timezone, source: null, classes: [] };
  });

  app.get('/api/playlists', async () => ({ playlists: Object.keys(deps.screens.playlists) }));

  app.get<{ Params: { name: string } }>('/api/playlists/:name', async (request, reply): Promise<Playlist | FastifyReply> => {
    const items = Object.hasOwn(deps.screens.playlists, request.params.name) ? deps.screens.playlists[request.params.name] : undefined;
    if (!items) {
      const known = Object.keys(deps.screens.playlists).join(', ');
      return notFound(reply, 'unknown_playlist', `No playlist "${request.params.name.slice(0, 40)}" in screens.playlists (known: ${known}).`);
    }
    if (request.params.name !== 'default') return { name: request.params.name, items };
    const date = today();
    const facts: ScreenFacts = {
      runningChallenges: deps.leaderboards.active(),
      achievementsThisWeek: deps.achievements.state().items.length,
      classesToday: deps.schedule ? deps.schedule.answer(date).classes.length : null,
      wodToday: deps.wods.get(deps.locationId, date) !== null,
      equipmentTiles: deps.equipment().length,
    };
    return { name: request.params.name, items: playableItems(items, facts) };
  });
}

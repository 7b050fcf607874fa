import type { FastifyInstance } from 'fastify';
import { playlistNameSchema } from '../../shared/api/screens.js';
import { playlistEditSchema, type StaffPlaylistsAnswer } from '../../shared/staff.js';
import { nameParamsSchema } from '../http/api-contract.js';
import { sendError, validated } from '../http/reply.js';
import type { Playlists } from '../screens/playlists.js';
import type { Journal } from '../store/journal.js';
import type { Clock } from '../time/clock.js';
import type { StaffAuth } from './sessions.js';
import { staffOnly } from './staff-routes.js';

export interface PlaylistRouteDeps {
  staffAuth: StaffAuth;
  playlists: Playlists;
  journal: Journal;
  clock: Clock;
}

/**
 * The playlists' editor: a playlist written here is stored on the box and journaled as a staff action in one
 * transaction, then every screen showing it reads it again (the `screens` room). Playlists are the box's own
 * business: the cloud's contract has none, so they are editable with or without a cloud.
 */
export function registerPlaylistRoutes(app: FastifyInstance, deps: PlaylistRouteDeps): void {
  const guard = staffOnly(deps.staffAuth);

  app.get('/api/staff/playlists', { preHandler: guard }, async (): Promise<StaffPlaylistsAnswer> => ({ playlists: deps.playlists.all() }));

  app.put('/api/staff/playlists/:name', { preHandler: guard }, async (request, reply) => {
    const params = validated(reply, nameParamsSchema, request.params);
    if (!params) return reply;
    const name = playlistNameSchema.safeParse(params.name);
    if (!name.success) return sendError(reply, 400, 'invalid_request', `name ${name.error.issues[0]!.message}`);
    const edit = validated(reply, playlistEditSchema, request.body);
    if (!edit) return reply;
    const fact = { action: 'edit_playlist', name: name.data, items: edit.items, ...(edit.by ? { by: edit.by } : {}) };
    const entry = changed(deps, () => deps.journal.append({ type: 'staff_action', occurredAt: deps.clock.now(), payload: fact }, () => deps.playlists.put(name.data, edit.items)));
    return { playlist: deps.playlists.describe(name.data), journaled: entry.eventId };
  });

  app.delete('/api/staff/playlists/:name', { preHandler: guard }, async (request, reply) => {
    const params = validated(reply, nameParamsSchema, request.params);
    if (!params) return reply;
    const current = deps.playlists.describe(params.name);
    if (!current) return sendError(reply, 404, 'unknown_playlist', `No playlist "${params.name.slice(0, 40)}" on this box.`);
    if (current.origin === 'file') {
      return sendError(reply, 409, 'file_content', `Playlist "${params.name}" is defined in the config file (screens.playlists.${params.name}): remove it there, or edit it here to replace it.`);
    }
    const fact = { action: 'remove_playlist', name: params.name };
    const entry = changed(deps, () => deps.journal.append({ type: 'staff_action', occurredAt: deps.clock.now(), payload: fact }, () => void deps.playlists.remove(params.name)));
    return { playlist: deps.playlists.describe(params.name), journaled: entry.eventId };
  });
}

/** Runs a journaled change; screens hear of it only once it is committed, and a failed commit leaves nothing changed. */
function changed<T>(deps: PlaylistRouteDeps, commit: () => T): T {
  try {
    const result = commit();
    deps.playlists.announce();
    return result;
  } catch (error) {
    deps.playlists.reload();
    throw error;
  }
}

import type { FastifyInstance } from 'fastify';
import { rosterUploadSchema, type RosterUploadAnswer } from '../../shared/staff.js';
import { parseRoster, RosterFileError } from '../members/parse-roster.js';
import type { RosterStore } from '../members/roster-store.js';
import type { Journal } from '../store/journal.js';
import type { Clock } from '../time/clock.js';
import { sendError, validated } from '../http/reply.js';
import type { StaffAuth } from './sessions.js';
import { staffOnly } from './staff-routes.js';

const MAX_ROSTER_BYTES = 8 * 1024 * 1024; // a few thousand members, with room

/** The console's roster upload: the same parser and rules as `floorgate roster import`, nothing half-loaded. */
export function registerRosterRoutes(app: FastifyInstance, deps: { staffAuth: StaffAuth; roster: RosterStore; journal: Journal; clock: Clock; cloudConfigured: boolean }): void {
  app.post('/api/staff/roster', { preHandler: staffOnly(deps.staffAuth), bodyLimit: MAX_ROSTER_BYTES }, async (request, reply) => {
    if (deps.cloudConfigured) {
      return sendError(reply, 409, 'cloud_content', 'This gym’s members come from the cloud (pulled regularly): change them there; an upload here would be overwritten.');
    }
    const parsed = validated(reply, rosterUploadSchema, request.body);
    if (!parsed) return reply;
    const { fileName, text } = parsed;
    let members;
    try {
      members = parseRoster(text, fileName.toLowerCase().endsWith('.csv') ? 'csv' : 'json');
    } catch (error) {
      if (error instanceof RosterFileError) return sendError(reply, 422, 'invalid_roster', `${fileName}: ${error.message}`);
      throw error;
    }
    const now = deps.clock.now();
    let result!: ReturnType<RosterStore['upsert']>;
    deps.journal.append(
      { type: 'staff_action', occurredAt: now, payload: { action: 'import_roster', fileName, members: members.length } },
      () => (result = deps.roster.upsert(members, now)),
    );
    const answer: RosterUploadAnswer = {
      members: result.members,
      badges: result.badges,
      warnings: result.conflicts.map((c) => `badge ${c.badge} was on ${c.memberIds[0]}, now on ${c.memberIds[1]}`),
    };
    return answer;
  });
}

import type { FastifyInstance } from 'fastify';
import { rosterUploadSchema, type RosterUploadAnswer } from '../../shared/staff.js';
import { parseRoster, RosterFileError } from '../members/parse-roster.js';
import type { RosterStore } from '../members/roster-store.js';
import type { Journal } from '../store/journal.js';
import type { Clock } from '../time/clock.js';
import { staffGuard, type StaffGuardDeps } from './staff-guard.js';

const MAX_ROSTER_BYTES = 8 * 1024 * 1024; // a few thousand members, with room

/** The console's roster upload: the same parser and rules as `floorgate roster import`, nothing half-loaded. */
export function registerRosterRoutes(app: FastifyInstance, deps: StaffGuardDeps & { roster: RosterStore; journal: Journal; clock: Clock; cloudConfigured: boolean }): void {
  app.post('/api/staff/roster', { preHandler: staffGuard(deps), bodyLimit: MAX_ROSTER_BYTES }, async (request, reply) => {
    if (deps.cloudConfigured) {
      return reply.code(409).send({ error: { code: 'cloud_content', message: 'This gym’s members come from the cloud (pulled regularly): change them there; an upload here would be overwritten.' } });
    }
    const parsed = rosterUploadSchema.safeParse(request.body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return reply.code(400).send({ error: { code: 'invalid_request', message: `${issue.path.join('.') || 'body'} ${issue.message}` } });
    }
    const { fileName, text } = parsed.data;
    let members;
    try {
      members = parseRoster(text, fileName.toLowerCase().endsWith('.csv') ? 'csv' : 'json');
    } catch (error) {
      if (error instanceof RosterFileError) return reply.code(422).send({ error: { code: 'invalid_roster', message: `${fileName}: ${error.message}` } });
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

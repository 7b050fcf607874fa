import type { FastifyInstance } from 'fastify';
import type { DenialCode } from '../../shared/checkin.js';
import {
  memberSearchSchema,
  staffCheckInSchema,
  type FrontDeskEntry,
  type FrontDeskToday,
  type MemberCard,
  type MemberSearchAnswer,
  type StaffCheckInAnswer,
} from '../../shared/staff.js';
import type { CheckInPipeline } from '../checkin/pipeline.js';
import type { CheckInPayload } from '../checkin/payload.js';
import { denialReason } from '../checkin/reasons.js';
import type { FloorgateConfig } from '../config/schema.js';
import { displayName, type Member } from '../members/member.js';
import type { RosterStore } from '../members/roster-store.js';
import type { Db } from '../store/database.js';
import type { Clock } from '../time/clock.js';
import { localTime } from '../time/local-time.js';
import { sendError, validated } from '../http/reply.js';
import type { StaffAuth } from './sessions.js';
import { staffOnly } from './staff-routes.js';

export interface FrontDeskDeps {
  staffAuth: StaffAuth;
  config: FloorgateConfig;
  db: Db;
  roster: RosterStore;
  checkIns: CheckInPipeline;
  clock: Clock;
}

const SEARCH_LIMIT = 20;
const LAST_VISITS = 5;

/** A name matches when every word typed starts one of its words ("ann s" finds "Anna Schmidt"). */
export function nameMatches(name: string, query: string): boolean {
  const words = name.toLowerCase().split(/\s+/);
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((typed) => words.some((word) => word.startsWith(typed)));
}

/** The front desk: today's check-ins and denials, member look-up with the door's verdict, manual check-in and override. */
export function registerFrontDeskRoutes(app: FastifyInstance, deps: FrontDeskDeps): void {
  const guard = staffOnly(deps.staffAuth);
  const { db, roster, config, clock } = deps;
  const timezone = config.location.timezone;
  // Today's rows are within the last 26 h whatever the zone; the local date picks them.
  const recentCheckIns = db.prepare("SELECT event_id, occurred_at, payload FROM journal WHERE type = 'check_in' AND occurred_at >= ? ORDER BY seq DESC");
  const visitsOf = db.prepare(
    "SELECT occurred_at FROM journal WHERE type = 'check_in' AND json_extract(payload, '$.memberId') = ? AND json_extract(payload, '$.decision') = 'accepted' ORDER BY seq DESC LIMIT ?",
  );
  const allMembers = db.prepare('SELECT data FROM members');

  const card = (member: Member, now: Date): MemberCard => {
    const verdict = deps.checkIns.verdictFor(member, now);
    const visits = visitsOf.all(member.id, LAST_VISITS) as Array<{ occurred_at: number }>;
    return {
      id: member.id,
      name: member.name,
      displayName: displayName(member),
      badgeIds: member.badgeIds,
      membership: {
        status: member.membership.status,
        validUntil: member.membership.validUntil,
        ...(member.membership.plan ? { plan: member.membership.plan } : {}),
      },
      waiverSigned: member.waiverSigned,
      lastVisits: visits.map((v) => new Date(v.occurred_at).toISOString()),
      wouldBe: verdict.decision === 'accepted' ? verdict : { decision: 'denied', reason: denialReason(verdict.code, verdict.details, timezone) },
    };
  };

  app.get('/api/staff/front-desk/today', { preHandler: guard }, async (): Promise<FrontDeskToday> => {
    const now = clock.now();
    const today = localTime(now, timezone).date;
    const rows = recentCheckIns.all(now.getTime() - 26 * 3600_000) as Array<{ event_id: string; occurred_at: number; payload: string }>;
    const entries: FrontDeskEntry[] = [];
    for (const row of rows) {
      const at = new Date(row.occurred_at);
      if (localTime(at, timezone).date !== today) continue;
      const fact = JSON.parse(row.payload) as CheckInPayload;
      const member = fact.memberId ? roster.findById(fact.memberId) : null;
      entries.push({
        eventId: row.event_id,
        at: at.toISOString(),
        decision: fact.decision,
        name: member?.name ?? null,
        badgeId: fact.badgeId,
        // The reason as the member heard it; the limits it quotes are today's rules.
        reason: fact.reason ? denialReason(fact.reason as DenialCode, {}, timezone) : null,
        source: fact.source,
        method: fact.method,
        override: fact.override ?? null,
      });
    }
    return { date: today, entries };
  });

  app.get('/api/staff/members', { preHandler: guard }, async (request, reply) => {
    const parsed = validated(reply, memberSearchSchema, request.query);
    if (!parsed) return reply;
    const { q } = parsed;
    const now = clock.now();
    const found = new Map<string, Member>();
    const byBadge = roster.findByBadgeAsRead(q);
    if (byBadge) found.set(byBadge.id, byBadge);
    for (const { data } of allMembers.iterate() as IterableIterator<{ data: string }>) {
      if (found.size >= SEARCH_LIMIT) break;
      const member = JSON.parse(data) as Member;
      if (nameMatches(member.name, q)) found.set(member.id, member);
    }
    const answer: MemberSearchAnswer = { members: [...found.values()].map((m) => card(m, now)) };
    return answer;
  });

  app.post('/api/staff/checkins', { preHandler: guard }, async (request, reply) => {
    const parsed = validated(reply, staffCheckInSchema, request.body);
    if (!parsed) return reply;
    const { memberId, reason, override, by } = parsed;
    const member = roster.findById(memberId);
    if (!member) return sendError(reply, 404, 'unknown_member', `No member ${memberId} in the roster.`);
    const result = await deps.checkIns.checkIn({
      badge: member.badgeIds[0] ?? '',
      method: 'staff',
      source: `staff console (${request.socket.remoteAddress ?? 'unknown'})`,
      staff: { memberId, reason, override, by: by || 'staff' },
    });
    const answer: StaffCheckInAnswer = { result };
    return answer;
  });
}

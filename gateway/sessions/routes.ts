import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { claimRequestSchema, idParamsSchema } from '../http/api-contract.js';
import { kioskRefusal } from '../http/access.js';
import { accessCheck, sendError, validated } from '../http/reply.js';
import type { StaffAuth } from '../staff/sessions.js';
import { staffOnly, staffRefusal } from '../staff/staff-routes.js';
import type { ClaimOutcome, SessionService } from './service.js';

const STATUS: Record<Extract<ClaimOutcome, { ok: false }>['code'], number> = {
  unknown_badge: 404,
  unknown_equipment: 404,
  unknown_session: 404,
  taken: 409,
};

/**
 * Pairing from the kiosk and staff tools (schemas and document: http/api-contract.ts):
 *   POST   /api/equipment/:id/claim   {badge}   tap "at" a machine: claims its running, just-finished or next session
 *   POST   /api/sessions/:id/claim    {badge}   claims a finished anonymous session
 *   GET    /api/sessions/claimable              anonymous sessions of the last day (no member data)
 *   PUT    /api/straps/:id/pairing    {badge}   pairs a heart-rate strap with a member
 *   DELETE /api/straps/:id/pairing
 * Claims are kiosk actions: from the box itself or with the kiosk token (http/access.ts), or staff's (the front desk
 * claims a session for a member); strap pairing is staff's.
 */
export function registerSessionRoutes(app: FastifyInstance, sessions: SessionService, access: { kioskToken: string; staffAuth: StaffAuth }): void {
  // Staff first: a staff laptop on the LAN has a session, not the kiosk token.
  const kiosk = { preHandler: accessCheck((facts, request) => (staffRefusal(request, access.staffAuth) === null ? null : kioskRefusal(facts, access.kioskToken))) };
  // Pairing a strap decides whose heart rate a screen shows: staff only (a LAN kiosk's token is in its URL).
  const staff = { preHandler: staffOnly(access.staffAuth) };
  const input = (request: FastifyRequest, reply: FastifyReply): { id: string; badge: string } | undefined => {
    const params = validated(reply, idParamsSchema, request.params);
    if (!params) return undefined;
    const body = validated(reply, claimRequestSchema, request.body);
    return body && { id: params.id, badge: body.badge };
  };
  const answer = (reply: FastifyReply, outcome: ClaimOutcome) =>
    outcome.ok ? reply.send(outcome) : sendError(reply, STATUS[outcome.code], outcome.code, outcome.message);

  app.post('/api/equipment/:id/claim', kiosk, async (request, reply) => {
    const parsed = input(request, reply);
    if (!parsed) return reply;
    return answer(reply, sessions.tapAtMachine(parsed.id, parsed.badge, 'kiosk'));
  });

  app.post('/api/sessions/:id/claim', kiosk, async (request, reply) => {
    const parsed = input(request, reply);
    if (!parsed) return reply;
    return answer(reply, sessions.claimSession(parsed.id, parsed.badge, 'kiosk'));
  });

  app.get('/api/sessions/claimable', async () => ({
    sessions: sessions.claimable().map((s) => ({
      sessionId: s.sessionId,
      equipmentId: s.equipmentId,
      equipmentName: s.equipmentName,
      equipmentType: s.equipmentType,
      startedAt: s.startedAt.toISOString(),
      endedAt: s.endedAt.toISOString(),
      summary: s.summary,
    })),
  }));

  app.put('/api/straps/:id/pairing', staff, async (request, reply) => {
    const parsed = input(request, reply);
    if (!parsed) return reply;
    return answer(reply, sessions.pairStrap(parsed.id, parsed.badge, 'staff'));
  });

  app.delete('/api/straps/:id/pairing', staff, async (request, reply) => {
    const params = validated(reply, idParamsSchema, request.params);
    if (!params) return reply;
    return sessions.unpairStrap(params.id) ? reply.send({ ok: true }) : sendError(reply, 404, 'not_paired', 'This strap is not paired.');
  });
}

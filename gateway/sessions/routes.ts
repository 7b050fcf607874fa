import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { kioskRefusal } from '../http/access.js';
import type { HttpServer } from '../http/server.js';
import type { StaffAuth } from '../staff/sessions.js';
import { sendRefusal, staffRefusal } from '../staff/staff-routes.js';
import type { ClaimOutcome, SessionService } from './service.js';

/** Request bodies of the session routes; they also describe the routes in docs. */
export const claimRequestSchema = z.object({
  badge: z.string({ error: 'is required (a string)' }).trim().min(1, 'is required').max(128, 'is longer than 128 characters'),
});

const idParam = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/);

const STATUS: Record<Extract<ClaimOutcome, { ok: false }>['code'], number> = {
  unknown_badge: 404,
  unknown_equipment: 404,
  unknown_session: 404,
  taken: 409,
};

function sendError(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).send({ error: { code, message } });
}

/**
 * Pairing from the kiosk and staff tools:
 *   POST   /api/equipment/:id/claim   {badge}   tap "at" a machine: claims its running, just-finished or next session
 *   POST   /api/sessions/:id/claim    {badge}   claims a finished anonymous session
 *   GET    /api/sessions/claimable              anonymous sessions of the last day (no member data)
 *   PUT    /api/straps/:id/pairing    {badge}   pairs a heart-rate strap with a member
 *   DELETE /api/straps/:id/pairing
 * Claims are kiosk actions: from the box itself or with the kiosk token (http/access.ts); strap pairing is staff's.
 */
export function registerSessionRoutes(
  app: HttpServer,
  sessions: SessionService,
  access: { kioskToken: string; staffAuth: StaffAuth },
): void {
  const { kioskToken } = access;
  // Pairing a strap decides whose heart rate a screen shows: staff only (a LAN kiosk's token is in its URL).
  const staffOnly = (request: FastifyRequest, reply: FastifyReply): boolean => {
    const refusal = staffRefusal(request, access.staffAuth);
    if (refusal) void sendRefusal(reply, refusal);
    return refusal === null;
  };
  const guarded = (request: FastifyRequest, reply: FastifyReply): boolean => {
    const refusal = kioskRefusal(
      {
        remoteAddress: request.socket.remoteAddress,
        origin: request.headers.origin,
        host: request.headers.host,
        authorization: request.headers.authorization,
      },
      kioskToken,
    );
    if (refusal) void sendError(reply, refusal.status, refusal.code, refusal.message);
    return refusal === null;
  };
  const input = (request: FastifyRequest, reply: FastifyReply): { id: string; badge: string } | null => {
    const id = idParam.safeParse((request.params as { id?: string }).id);
    if (!id.success) {
      void sendError(reply, 400, 'invalid_request', 'id is not a valid id');
      return null;
    }
    const body = claimRequestSchema.safeParse(request.body ?? {});
    if (!body.success) {
      const issue = body.error.issues[0]!;
      void sendError(reply, 400, 'invalid_request', `${issue.path.join('.') || 'body'} ${issue.message}`);
      return null;
    }
    return { id: id.data, badge: body.data.badge };
  };
  const answer = (reply: FastifyReply, outcome: ClaimOutcome) =>
    outcome.ok ? reply.send(outcome) : sendError(reply, STATUS[outcome.code], outcome.code, outcome.message);

  app.post('/api/equipment/:id/claim', async (request, reply) => {
    if (!guarded(request, reply)) return reply;
    const parsed = input(request, reply);
    if (!parsed) return reply;
    return answer(reply, sessions.tapAtMachine(parsed.id, parsed.badge, 'kiosk'));
  });

  app.post('/api/sessions/:id/claim', async (request, reply) => {
    if (!guarded(request, reply)) return reply;
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

  app.put('/api/straps/:id/pairing', async (request, reply) => {
    if (!staffOnly(request, reply)) return reply;
    const parsed = input(request, reply);
    if (!parsed) return reply;
    return answer(reply, sessions.pairStrap(parsed.id, parsed.badge, 'staff'));
  });

  app.delete('/api/straps/:id/pairing', async (request, reply) => {
    if (!staffOnly(request, reply)) return reply;
    const id = idParam.safeParse((request.params as { id?: string }).id);
    if (!id.success) return sendError(reply, 400, 'invalid_request', 'id is not a valid id');
    return sessions.unpairStrap(id.data) ? reply.send({ ok: true }) : sendError(reply, 404, 'not_paired', 'This strap is not paired.');
  });
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PullStatus } from '../../shared/status.js';
import type { DeadLetter } from '../store/outbox.js';
import { bearer, crossOriginRefusal } from '../http/access.js';
import { apiKeyRequestSchema, deadLettersQuerySchema, requeueRequestSchema, staffSignInRequestSchema } from '../http/api-contract.js';
import { accessCheck, sendError, validated, type Denial } from '../http/reply.js';
import { DEVICE_COOKIE, deviceCookie } from './device-cookies.js';
import { CLEARED_SESSION_COOKIE, cookieValue, sessionCookie, STAFF_COOKIE, type StaffAuth, type StaffCredentials } from './sessions.js';

/** What staff can do through the local API. */
export interface StaffActions {
  deadLetters(limit: number): DeadLetter[];
  requeue(eventIds: string[] | 'all'): number;
  syncNow(): Promise<PullStatus[]>;
  replaceApiKey(key: string): void;
}

/** What a request presents as staff credentials: bearer, session cookie, or the `X-Staff-Pin` header (with a device cookie). */
export function staffCredentials(request: FastifyRequest): StaffCredentials {
  const pin = request.headers['x-staff-pin'];
  return {
    bearer: bearer(request.headers.authorization),
    cookie: cookieValue(request.headers.cookie, STAFF_COOKIE),
    pin: Array.isArray(pin) ? pin[0] : pin,
    device: cookieValue(request.headers.cookie, DEVICE_COOKIE),
  };
}

/** Why a request may not take a staff action (another origin, no or wrong credentials, PIN throttled), or null. */
export function staffRefusal(request: FastifyRequest, staffAuth: StaffAuth): Denial | null {
  const crossOrigin = crossOriginRefusal({ origin: request.headers.origin, host: request.headers.host });
  if (crossOrigin) return crossOrigin;
  const checked = staffAuth.check(staffCredentials(request));
  if (checked.ok) return null;
  const { status, code, message } = checked;
  return { status, code, message, ...(checked.retryAfterS !== undefined ? { headers: { 'retry-after': String(checked.retryAfterS) } } : {}) };
}

/** The access check for staff routes (staff token, staff session, or the PIN, behind the box-wide throttle). */
export function staffOnly(staffAuth: StaffAuth) {
  return accessCheck((_facts, request) => staffRefusal(request, staffAuth));
}

export function registerStaffRoutes(app: FastifyInstance, deps: { staffAuth: StaffAuth; actions: StaffActions | null }): void {
  const authenticate = staffOnly(deps.staffAuth);
  const guard = async (request: FastifyRequest, reply: FastifyReply) => {
    const refused = await authenticate(request, reply);
    if (refused) return refused;
    if (!deps.actions) return sendError(reply, 409, 'standalone', 'No cloud is configured: there is nothing to sync or re-send.');
    return undefined;
  };

  // Sign in once with the PIN; the session works as an HttpOnly cookie (the staff console) and as a bearer token (scripts).
  app.post('/api/staff/session', async (request, reply) => {
    const crossOrigin = crossOriginRefusal({ origin: request.headers.origin, host: request.headers.host });
    if (crossOrigin) return sendError(reply, crossOrigin.status, crossOrigin.code, crossOrigin.message);
    const body = validated(reply, staffSignInRequestSchema, request.body);
    if (!body) return reply;
    const signedIn = deps.staffAuth.signIn({ ...staffCredentials(request), pin: body.pin });
    if (!signedIn.ok) {
      if (signedIn.retryAfterS !== undefined) void reply.header('retry-after', String(signedIn.retryAfterS));
      return sendError(reply, signedIn.status, signedIn.code, signedIn.message);
    }
    const session = signedIn.session!;
    return reply
      .code(201)
      .header('set-cookie', [sessionCookie(session, deps.staffAuth.sessions.ttlMs), deviceCookie(signedIn.device!)])
      .header('cache-control', 'no-store')
      .send({ token: session.token, expiresAt: session.expiresAt.toISOString() });
  });

  app.delete('/api/staff/session', async (request, reply) => {
    const presented = staffCredentials(request);
    const revoked = deps.staffAuth.sessions.revoke(presented.bearer) || deps.staffAuth.sessions.revoke(presented.cookie);
    if (!revoked) return sendError(reply, 401, 'staff_session_required', 'No live staff session was presented.');
    return reply.code(204).header('set-cookie', CLEARED_SESSION_COOKIE).send();
  });

  app.get('/api/staff/dead-letters', { preHandler: guard }, async (request, reply) => {
    const query = validated(reply, deadLettersQuerySchema, request.query);
    if (!query) return reply;
    return { deadLetters: deps.actions!.deadLetters(query.limit) };
  });

  app.post('/api/staff/dead-letters/requeue', { preHandler: guard }, async (request, reply) => {
    const body = validated(reply, requeueRequestSchema, request.body);
    if (!body) return reply;
    return { requeued: deps.actions!.requeue(body.eventIds) };
  });

  app.post('/api/staff/sync', { preHandler: guard }, async () => ({ pulls: await deps.actions!.syncNow() }));

  app.put('/api/staff/cloud-key', { preHandler: guard }, async (request, reply) => {
    const body = validated(reply, apiKeyRequestSchema, request.body);
    if (!body) return reply;
    deps.actions!.replaceApiKey(body.apiKey);
    return { ok: true };
  });
}

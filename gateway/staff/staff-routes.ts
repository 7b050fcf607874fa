import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { PullStatus } from '../../shared/status.js';
import type { DeadLetter } from '../store/outbox.js';
import { bearer, crossOriginRefusal } from '../http/access.js';
import { CLEARED_SESSION_COOKIE, cookieValue, sessionCookie, STAFF_COOKIE, type StaffAuth, type StaffCredentials } from './sessions.js';

/** What staff can do through the local API. */
export interface StaffActions {
  deadLetters(limit: number): DeadLetter[];
  requeue(eventIds: string[] | 'all'): number;
  syncNow(): Promise<PullStatus[]>;
  replaceApiKey(key: string): void;
}

const requeueSchema = z.object({
  eventIds: z.union([z.literal('all'), z.array(z.string().min(1)).min(1)], { error: 'must be "all" or a list of eventIds' }),
});
/** A cloud key with a newline or NUL would fail every call as a "network error": refuse it here, plainly. */
const apiKeySchema = z.object({
  apiKey: z
    .string({ error: 'is required' })
    .trim()
    .min(8, 'is too short to be an API key')
    .max(512, 'is too long to be an API key')
    .regex(/^bak_/, 'must start with "bak_"')
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces or control characters'),
});
const signInSchema = z.object({ pin: z.string({ error: 'is required (a string of digits)' }).min(1, 'is required').max(64, 'is too long') });

export type StaffRefusal = { status: number; code: string; message: string; retryAfterS?: number };

/** What a request presents as staff credentials: bearer, session cookie, or the `X-Staff-Pin` header. */
export function staffCredentials(request: FastifyRequest): StaffCredentials {
  const pin = request.headers['x-staff-pin'];
  return {
    bearer: bearer(request.headers.authorization),
    cookie: cookieValue(request.headers.cookie, STAFF_COOKIE),
    pin: Array.isArray(pin) ? pin[0] : pin,
  };
}

/** Why a request may not take a staff action (another origin, no or wrong credentials, PIN throttled), or null. */
export function staffRefusal(request: FastifyRequest, staffAuth: StaffAuth): StaffRefusal | null {
  const crossOrigin = crossOriginRefusal({ origin: request.headers.origin, host: request.headers.host });
  if (crossOrigin) return crossOrigin;
  const checked = staffAuth.check(staffCredentials(request));
  return checked.ok ? null : checked;
}

export function sendRefusal(reply: FastifyReply, refusal: StaffRefusal) {
  if (refusal.retryAfterS !== undefined) void reply.header('retry-after', String(refusal.retryAfterS));
  return reply.code(refusal.status).send({ error: { code: refusal.code, message: refusal.message } });
}

export function registerStaffRoutes(
  app: FastifyInstance,
  deps: { staffAuth: StaffAuth; actions: StaffActions | null },
): void {
  const authenticate = (request: FastifyRequest, reply: FastifyReply): boolean => {
    const refusal = staffRefusal(request, deps.staffAuth);
    if (refusal) void sendRefusal(reply, refusal);
    return refusal === null;
  };
  const refuse = sendRefusal;
  const guard = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!authenticate(request, reply)) return reply;
    if (!deps.actions) {
      return reply.code(409).send({ error: { code: 'standalone', message: 'No cloud is configured: there is nothing to sync or re-send.' } });
    }
  };

  // Sign in once with the PIN; the session works as an HttpOnly cookie (the staff console) and as a bearer token (scripts).
  app.post('/api/staff/session', async (request, reply) => {
    const crossOrigin = crossOriginRefusal({ origin: request.headers.origin, host: request.headers.host });
    if (crossOrigin) return refuse(reply, crossOrigin);
    const parsed = signInSchema.safeParse(request.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    const signedIn = deps.staffAuth.signIn({ ...staffCredentials(request), pin: parsed.data.pin });
    if (!signedIn.ok) return refuse(reply, signedIn);
    const session = signedIn.session!;
    return reply
      .code(201)
      .header('set-cookie', sessionCookie(session, deps.staffAuth.sessions.ttlMs))
      .header('cache-control', 'no-store')
      .send({ token: session.token, expiresAt: session.expiresAt.toISOString() });
  });

  app.delete('/api/staff/session', async (request, reply) => {
    const presented = staffCredentials(request);
    const revoked = deps.staffAuth.sessions.revoke(presented.bearer) || deps.staffAuth.sessions.revoke(presented.cookie);
    if (!revoked) return refuse(reply, { status: 401, code: 'staff_session_required', message: 'No live staff session was presented.' });
    return reply.code(204).header('set-cookie', CLEARED_SESSION_COOKIE).send();
  });

  const invalid = (reply: FastifyReply, error: z.ZodError) => {
    const issue = error.issues[0]!;
    return reply.code(400).send({ error: { code: 'invalid_request', message: `${issue.path.join('.') || 'body'} ${issue.message}` } });
  };

  app.get('/api/staff/dead-letters', { preHandler: guard }, async (request) => {
    const limit = Math.min(1000, Math.max(1, Number((request.query as { limit?: string }).limit ?? 100) || 100));
    return { deadLetters: deps.actions!.deadLetters(limit) };
  });

  app.post('/api/staff/dead-letters/requeue', { preHandler: guard }, async (request, reply) => {
    const parsed = requeueSchema.safeParse(request.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    return { requeued: deps.actions!.requeue(parsed.data.eventIds) };
  });

  app.post('/api/staff/sync', { preHandler: guard }, async () => ({ pulls: await deps.actions!.syncNow() }));

  app.put('/api/staff/cloud-key', { preHandler: guard }, async (request, reply) => {
    const parsed = apiKeySchema.safeParse(request.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    deps.actions!.replaceApiKey(parsed.data.apiKey);
    return { ok: true };
  });
}

/**
 * STAND-IN for the security branch's staff sessions (branch secnet replaces this file at merge).
 * The contract the console is built against: `POST /api/staff/session {"pin"}` → an HttpOnly SameSite=Strict cookie
 * and the same token in the answer (usable as a bearer); `DELETE /api/staff/session`; a global throttle on wrong PINs.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { staffSignInSchema, type StaffSessionAnswer } from '../../shared/staff.js';
import { bearer, crossOriginRefusal, tokenMatches } from '../http/access.js';
import type { Clock } from '../time/clock.js';

export const STAFF_COOKIE = 'floorgate_staff';
const SESSION_MS = 12 * 60 * 60_000; // one working day at the desk
const WRONG_PINS_PER_MINUTE = 5;

export class StaffSessions {
  private readonly live = new Map<string, number>();
  constructor(private readonly clock: Clock) {}

  open(): StaffSessionAnswer {
    const token = randomBytes(24).toString('base64url');
    const expires = this.clock.now().getTime() + SESSION_MS;
    this.live.set(token, expires);
    return { token, expiresAt: new Date(expires).toISOString() };
  }

  close(token: string | undefined): void {
    if (token) this.live.delete(token);
  }

  valid(token: string | undefined): boolean {
    if (!token) return false;
    const expires = this.live.get(token);
    if (expires === undefined) return false;
    if (expires <= this.clock.now().getTime()) {
      this.live.delete(token);
      return false;
    }
    return true;
  }
}

/** The session token a request or socket handshake carries: the cookie, else a bearer. */
export function sessionTokenOf(headers: { cookie?: string | undefined; authorization?: string | undefined }): string | undefined {
  for (const part of (headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === STAFF_COOKIE) return decodeURIComponent(value.join('='));
  }
  return bearer(headers.authorization);
}

export function registerStaffSessionRoutes(app: FastifyInstance, deps: { pin: string | null; sessions: StaffSessions; clock: Clock }): void {
  let window = { startedAt: 0, wrong: 0 };
  const cookie = (value: string, maxAgeS: number) => `${STAFF_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeS}`;
  const refusedOrigin = (request: FastifyRequest) => crossOriginRefusal({ origin: request.headers.origin, host: request.headers.host });

  app.post('/api/staff/session', async (request, reply) => {
    const crossOrigin = refusedOrigin(request);
    if (crossOrigin) return reply.code(crossOrigin.status).send({ error: { code: crossOrigin.code, message: crossOrigin.message } });
    if (!deps.pin) {
      return reply.code(409).send({ error: { code: 'no_staff_pin', message: 'No staff PIN is set on this box: set FLOORGATE_STAFF_PIN and restart the gateway.' } });
    }
    const now = deps.clock.now().getTime();
    if (now - window.startedAt > 60_000) window = { startedAt: now, wrong: 0 };
    if (window.wrong >= WRONG_PINS_PER_MINUTE) {
      return reply.code(429).header('retry-after', '60').send({ error: { code: 'too_many_attempts', message: 'Too many wrong PINs: wait a minute, then try again.' } });
    }
    const parsed = staffSignInSchema.safeParse(request.body ?? {});
    if (!parsed.success || !tokenMatches(parsed.data.pin, deps.pin)) {
      window.wrong += 1;
      return reply.code(401).send({ error: { code: 'wrong_pin', message: 'That PIN is not right.' } });
    }
    const session = deps.sessions.open();
    return reply.header('set-cookie', cookie(session.token, SESSION_MS / 1000)).send(session);
  });

  app.delete('/api/staff/session', async (request, reply) => {
    deps.sessions.close(sessionTokenOf(request.headers));
    return reply.header('set-cookie', cookie('', 0)).send({ ok: true });
  });
}

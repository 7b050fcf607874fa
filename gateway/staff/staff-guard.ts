import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { crossOriginRefusal, staffRefusal } from '../http/access.js';
import { sessionTokenOf, type StaffSessions } from './session.js';

export interface StaffGuardDeps {
  staffToken: string;
  staffPin: string | null;
  /** Console sessions (cookie or bearer); null where none are kept. */
  sessions: StaffSessions | null;
}

/**
 * The one pre-handler of every staff route: a console session, the staff token, or X-Staff-Pin. A 4-digit PIN falls
 * to guessing in minutes: a few wrong tries lock that address out for a while.
 */
export function staffGuard(deps: StaffGuardDeps): preHandlerAsyncHookHandler {
  const failures = new Map<string, { count: number; since: number }>();
  const LOCKOUT_TRIES = 5;
  const LOCKOUT_MS = 10 * 60_000;
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const crossOrigin = crossOriginRefusal({ origin: request.headers.origin, host: request.headers.host });
    if (crossOrigin) return reply.code(crossOrigin.status).send({ error: { code: crossOrigin.code, message: crossOrigin.message } });
    if (deps.sessions?.valid(sessionTokenOf(request.headers))) return;
    const address = request.socket.remoteAddress ?? 'unknown';
    const record = failures.get(address);
    if (record && Date.now() - record.since > LOCKOUT_MS) failures.delete(address);
    if ((failures.get(address)?.count ?? 0) >= LOCKOUT_TRIES) {
      return reply
        .code(429)
        .header('retry-after', String(Math.ceil(LOCKOUT_MS / 1000)))
        .send({ error: { code: 'too_many_attempts', message: 'Too many wrong staff credentials from this device: try again in 10 minutes.' } });
    }
    const pin = request.headers['x-staff-pin'];
    const refusal = staffRefusal(
      {
        remoteAddress: request.socket.remoteAddress,
        origin: request.headers.origin,
        host: request.headers.host,
        authorization: request.headers.authorization,
        pin: Array.isArray(pin) ? pin[0] : pin,
      },
      deps.staffToken,
      deps.staffPin,
    );
    if (refusal) {
      if (refusal.status === 401) {
        const seen = failures.get(address) ?? { count: 0, since: Date.now() };
        failures.set(address, { ...seen, count: seen.count + 1 });
      }
      return reply.code(refusal.status).send({ error: { code: refusal.code, message: refusal.message } });
    }
    failures.delete(address);
  };
}

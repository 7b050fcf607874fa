import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../time/clock.js';
import { tokenMatches } from '../http/access.js';
import { DeviceCookies } from './device-cookies.js';
import { DEFAULT_PIN_THROTTLE, PinThrottle, type PinThrottleOptions } from './pin-throttle.js';

export { DEFAULT_PIN_THROTTLE, PinThrottle, type PinThrottleOptions } from './pin-throttle.js';

/** Cookie that carries a staff session in the browser (HttpOnly, SameSite=Strict). */
export const STAFF_COOKIE = 'floorgate_staff';

export interface StaffSession {
  token: string;
  expiresAt: Date;
}

/**
 * Staff sessions: random tokens handed out for a correct PIN, kept in memory as hashes (a
 * restart signs everyone out), each expiring after `ttlMs`, revocable, at most `max` at once.
 */
export class StaffSessions {
  private readonly byHash = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    readonly ttlMs = 8 * 60 * 60_000,
    private readonly max = 32,
  ) {}

  create(): StaffSession {
    this.prune();
    if (this.byHash.size >= this.max) this.byHash.delete(this.byHash.keys().next().value!); // oldest first
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + this.ttlMs);
    this.byHash.set(hash(token), expiresAt.getTime());
    return { token, expiresAt };
  }

  valid(token: string | undefined): boolean {
    if (!token) return false;
    const expiresAt = this.byHash.get(hash(token));
    if (expiresAt === undefined) return false;
    if (expiresAt <= this.clock.now().getTime()) {
      this.byHash.delete(hash(token));
      return false;
    }
    return true;
  }

  revoke(token: string | undefined): boolean {
    return token ? this.byHash.delete(hash(token)) : false;
  }

  private prune(): void {
    const now = this.clock.now().getTime();
    for (const [key, expiresAt] of this.byHash) if (expiresAt <= now) this.byHash.delete(key);
  }
}

function hash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** What a request presented as staff credentials. */
export interface StaffCredentials {
  /** Bearer token: the staff token or a session token. */
  bearer?: string | undefined;
  /** Session token from the staff cookie. */
  cookie?: string | undefined;
  /** A PIN (sign-in body, or the older `X-Staff-Pin` header). */
  pin?: string | undefined;
  /** The device cookie of a browser that signed in with the PIN before. */
  device?: string | undefined;
}

export type StaffCheck =
  | { ok: true; via: 'token' | 'session' | 'pin' }
  | { ok: false; status: 401 | 429; code: string; message: string; retryAfterS?: number };

const NO_CREDENTIALS: StaffCheck = {
  ok: false,
  status: 401,
  code: 'staff_token_required',
  message: 'Staff only: sign in with POST /api/staff/session {"pin"} or send Authorization: Bearer <staff token> (see `floorgate token --staff`).',
};

/**
 * Who is staff: the staff token or a live session, never throttled (a stranger cannot lock
 * staff out); or a PIN, checked only when the box-wide throttle allows — or, from a browser
 * with a device cookie, when that device's own throttle allows.
 */
export class StaffAuth {
  readonly throttle: PinThrottle;
  readonly sessions: StaffSessions;
  readonly devices: DeviceCookies;

  constructor(
    private readonly staffToken: string,
    private readonly pin: string | null,
    clock: Clock,
    private readonly hooks: { wrongPin?: (failures: number) => void; rightPin?: () => void } = {},
    options: { throttle?: PinThrottleOptions; sessionTtlMs?: number } = {},
  ) {
    this.throttle = new PinThrottle(clock, options.throttle);
    this.sessions = new StaffSessions(clock, options.sessionTtlMs);
    this.devices = new DeviceCookies(staffToken, clock, options.throttle ?? DEFAULT_PIN_THROTTLE);
  }

  /** A PIN shorter than 6 digits works, but staff should hear it is weak. */
  pinIsShort(): boolean {
    return this.pin !== null && this.pin.length < 6;
  }

  /** Staff token or live session: for rooms and routes that take no PIN. */
  tokenIsStaff(token: string | undefined): boolean {
    return tokenMatches(token, this.staffToken) || this.sessions.valid(token);
  }

  check(credentials: StaffCredentials): StaffCheck {
    if (tokenMatches(credentials.bearer, this.staffToken)) return { ok: true, via: 'token' };
    if (this.sessions.valid(credentials.bearer) || this.sessions.valid(credentials.cookie)) return { ok: true, via: 'session' };
    if (credentials.pin === undefined || credentials.pin === '') return NO_CREDENTIALS;
    return this.checkPin(credentials.pin, this.devices.verify(credentials.device));
  }

  /**
   * POST /api/staff/session: a correct PIN (or an existing staff credential) opens a session, and
   * the browser gets (or keeps) a device cookie: its next PIN sign-ins skip the box-wide wait.
   */
  signIn(credentials: StaffCredentials): StaffCheck & { session?: StaffSession; device?: string } {
    const checked = this.check(credentials);
    if (!checked.ok) return checked;
    const device = this.devices.verify(credentials.device) !== null ? credentials.device! : this.devices.issue();
    return { ...checked, session: this.sessions.create(), device };
  }

  private checkPin(pin: string, device: string | null): StaffCheck {
    if (!this.pin) return { ok: false, status: 401, code: 'staff_pin_not_set', message: 'No staff PIN is set on this box: use the staff token.' };
    // A known device answers to its own budget only: a stranger's guesses elsewhere do not make it wait,
    // and its own success does not reset the box-wide wait the stranger is under.
    const throttle = device === null ? this.throttle : this.devices.throttleOf(device);
    const waitMs = throttle.waitMs();
    if (waitMs > 0) {
      const retryAfterS = Math.ceil(waitMs / 1000);
      const where = device === null ? 'on this box' : 'from this device';
      return { ok: false, status: 429, code: 'too_many_attempts', message: `Too many wrong staff PINs ${where}: try again in ${retryAfterS} s (the staff token still works).`, retryAfterS };
    }
    if (tokenMatches(pin, this.pin)) {
      throttle.succeeded();
      this.hooks.rightPin?.();
      return { ok: true, via: 'pin' };
    }
    throttle.failed();
    this.hooks.wrongPin?.(throttle.failureCount());
    return { ok: false, status: 401, code: 'wrong_staff_pin', message: 'Wrong staff PIN.' };
  }
}

/** The value of one cookie from a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

export function sessionCookie(session: StaffSession, ttlMs: number): string {
  return `${STAFF_COOKIE}=${session.token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${Math.floor(ttlMs / 1000)}`;
}

export const CLEARED_SESSION_COOKIE = `${STAFF_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`;

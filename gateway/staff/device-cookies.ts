import { createHmac, randomBytes } from 'node:crypto';
import type { Clock } from '../time/clock.js';
import { tokenMatches } from '../http/access.js';
import { PinThrottle, type PinThrottleOptions } from './pin-throttle.js';

/** Cookie that marks a browser where staff signed in with the PIN before (HttpOnly, SameSite=Strict). */
export const DEVICE_COOKIE = 'floorgate_device';

/** A year: the front-desk PC stays a known device between staff turnovers. */
const DEVICE_COOKIE_MAX_AGE_S = 365 * 24 * 3600;

/**
 * OWASP's "device cookies" against lockout by strangers: a browser that signed in with the right
 * PIN gets a signed cookie; its PIN tries then count against its own small budget and skip the
 * box-wide wait a stranger keeps going. The signature (HMAC keyed by the staff token) means a
 * stranger cannot make one, so the box-wide throttle still bounds everyone else.
 */
export class DeviceCookies {
  private readonly throttles = new Map<string, PinThrottle>();

  constructor(
    private readonly key: string,
    private readonly clock: Clock,
    private readonly throttle: PinThrottleOptions,
    private readonly max = 64,
  ) {}

  /** A new signed device value, `<id>.<signature>`. */
  issue(): string {
    const id = randomBytes(16).toString('base64url');
    return `${id}.${this.sign(id)}`;
  }

  /** The device id of a cookie value this box signed; null for a missing or forged one. */
  verify(value: string | undefined): string | null {
    const [id, signature, ...rest] = (value ?? '').split('.');
    if (!id || !signature || rest.length > 0) return null;
    return tokenMatches(signature, this.sign(id)) ? id : null;
  }

  /** The device's own PIN throttle: its failure budget, apart from the box-wide one. */
  throttleOf(id: string): PinThrottle {
    let throttle = this.throttles.get(id);
    if (!throttle) {
      // Only signed devices get here, so the map grows with real sign-ins; still bounded, oldest first.
      if (this.throttles.size >= this.max) this.throttles.delete(this.throttles.keys().next().value!);
      throttle = new PinThrottle(this.clock, this.throttle);
      this.throttles.set(id, throttle);
    }
    return throttle;
  }

  private sign(id: string): string {
    return createHmac('sha256', this.key).update(`floorgate-device:${id}`).digest('base64url');
  }
}

export function deviceCookie(value: string): string {
  return `${DEVICE_COOKIE}=${value}; HttpOnly; SameSite=Strict; Path=/api/staff; Max-Age=${DEVICE_COOKIE_MAX_AGE_S}`;
}

import { isIP } from 'node:net';
import type { Clock } from '../time/clock.js';

/**
 * What a real reader can do: a person a second, with a burst of a few (a queue at the door).
 * Enforced per source by @fastify/rate-limit on POST /api/checkins.
 */
export const CHECKIN_RATE = { max: 5, timeWindowMs: 5_000 } as const;

/**
 * The key a check-in's source is counted under. An IPv6 client picks any address in its /64,
 * so the /64 is the source; IPv4 (and IPv4-mapped IPv6) counts per address.
 */
export function sourceKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(plain) !== 6) return plain;
  return `${expandIpv6(plain).slice(0, 4).join(':')}::/64`;
}

function expandIpv6(address: string): string[] {
  const [head = '', tail = ''] = address.split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') ? (tail ? tail.split(':') : []) : [];
  const zeros = Array(Math.max(0, 8 - left.length - right.length)).fill('0');
  return [...left, ...zeros, ...right].map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''));
}

export interface UnknownBadgeBrakeOptions {
  /** Unknown badges a source may try within `windowMs` before it waits. */
  freeTries: number;
  windowMs: number;
  /** First wait, doubling with each further unknown badge, up to `capMs`. */
  baseMs: number;
  capMs: number;
  /** Sources remembered at once (oldest forgotten first). */
  maxSources: number;
}

export const DEFAULT_UNKNOWN_BADGE_BRAKE: UnknownBadgeBrakeOptions = { freeTries: 3, windowMs: 10 * 60_000, baseMs: 2_000, capMs: 60_000, maxSources: 10_000 };

/**
 * Failed lookups of unknown badges slow a source down further than the check-in rate: walking
 * through badge ids tells a stranger names and membership states. A member with a new card
 * tries once or twice; a script tries thousands.
 */
export class UnknownBadgeBrake {
  private readonly sources = new Map<string, { count: number; lastAt: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly options: UnknownBadgeBrakeOptions = DEFAULT_UNKNOWN_BADGE_BRAKE,
  ) {}

  /** Milliseconds this source must wait before its next check-in is looked up (0: now). */
  waitMs(key: string): number {
    const entry = this.current(key);
    if (!entry) return 0;
    const past = entry.count - this.options.freeTries;
    if (past <= 0) return 0;
    const delay = Math.min(this.options.capMs, this.options.baseMs * 2 ** Math.min(past - 1, 30));
    return Math.max(0, entry.lastAt + delay - this.clock.now().getTime());
  }

  unknownBadge(key: string): void {
    const entry = this.current(key) ?? { count: 0, lastAt: 0 };
    this.sources.delete(key); // re-inserted last: the map stays in order of last use
    this.sources.set(key, { count: entry.count + 1, lastAt: this.clock.now().getTime() });
    if (this.sources.size > this.options.maxSources) this.sources.delete(this.sources.keys().next().value!);
  }

  private current(key: string): { count: number; lastAt: number } | null {
    const entry = this.sources.get(key);
    if (!entry) return null;
    if (this.clock.now().getTime() - entry.lastAt > this.options.windowMs) {
      this.sources.delete(key);
      return null;
    }
    return entry;
  }
}

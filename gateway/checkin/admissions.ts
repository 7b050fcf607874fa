import type { Visit } from '../occupancy/occupancy.js';

/**
 * Each member's last accepted check-in, for anti-passback. Kept only as long as the rule looks back,
 * so memory stays the size of the last few minutes' crowd.
 */
export class LastAdmissions {
  private readonly last = new Map<string, number>();

  constructor(private readonly windowMs: number) {}

  admit(visit: Visit): void {
    const at = visit.at.getTime();
    if ((this.last.get(visit.memberId) ?? -Infinity) < at) {
      this.last.delete(visit.memberId); // re-insert: the map stays in time order
      this.last.set(visit.memberId, at);
    }
  }

  /** The member's last accepted check-in, if it is recent enough to matter at `now`. */
  lastAt(memberId: string, now: Date): Date | null {
    this.forget(now);
    const at = this.last.get(memberId);
    return at === undefined ? null : new Date(at);
  }

  private forget(now: Date): void {
    const cutoff = now.getTime() - this.windowMs;
    for (const [memberId, at] of this.last) {
      if (at >= cutoff) break;
      this.last.delete(memberId);
    }
  }
}

/**
 * Who is in the gym: members whose last accepted check-in is within the dwell window.
 * Nobody scans out at most gyms, so presence simply expires ("auto-checkout").
 *
 * `Presence` keeps each member's latest check-in in time order, so a check-in, a count and the
 * next auto-checkout are O(1) (amortized) however full the gym is — this runs on every check-in.
 */
export interface Visit {
  memberId: string;
  at: Date;
}

export class Presence {
  /** memberId → ms of the latest visit; insertion order = time order (a re-visit moves to the end). */
  private readonly latest = new Map<string, number>();
  /** The newest visit ever admitted: a visit older than it arrived out of order. */
  private newest = Number.NEGATIVE_INFINITY;

  constructor(private readonly dwellMs: number) {}

  admit(visit: Visit): void {
    const at = visit.at.getTime();
    const known = this.latest.get(visit.memberId);
    if (known !== undefined && known >= at) return;
    this.latest.delete(visit.memberId);
    this.latest.set(visit.memberId, at);
    // Out-of-order visits are rare (clock steps): re-sort only then.
    if (at < this.newest) this.resort();
    else this.newest = at;
  }

  /** Checks out everyone whose dwell has run out by `now`. */
  expire(now: Date): void {
    const cutoff = now.getTime() - this.dwellMs;
    for (const [memberId, at] of this.latest) {
      if (at > cutoff) break;
      this.latest.delete(memberId);
    }
  }

  /** Members present at `now` (call `expire(now)` first). */
  get count(): number {
    return this.latest.size;
  }

  /** When the next member will be checked out automatically, if anyone is in. */
  nextCheckoutAt(): Date | null {
    for (const at of this.latest.values()) return new Date(at + this.dwellMs);
    return null;
  }

  private resort(): void {
    const sorted = [...this.latest].sort((a, b) => a[1] - b[1]);
    this.latest.clear();
    for (const [id, at] of sorted) this.latest.set(id, at);
  }
}

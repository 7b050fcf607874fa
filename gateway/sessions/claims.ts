/**
 * Who a session belongs to. A member taps their badge at the machine's reader (or names the machine at the
 * kiosk) within the claim window: before the session starts, while it runs, or just after it ended. Pure: the
 * caller passes what it knows and the time.
 */
export interface ClaimFacts {
  memberId: string;
  at: Date;
  windowMs: number;
  /** The session running on the machine now. */
  active: { memberId: string | null } | null;
  /** The machine's latest ended session. */
  latest: { sessionId: string; memberId: string | null; endedAt: Date } | null;
}

export type ClaimDecision =
  /** The running session is the member's from now on. */
  | { kind: 'claim_active' }
  /** The ended session, still in the window and anonymous, becomes the member's. */
  | { kind: 'claim_ended'; sessionId: string }
  /** Nothing to claim yet: the next session that starts within the window is the member's. */
  | { kind: 'pending'; until: Date }
  | { kind: 'already_yours' }
  /** Someone else's session is running, or just ended as theirs: a tap never takes it from them. */
  | { kind: 'taken' };

export function decideClaim(facts: ClaimFacts): ClaimDecision {
  const { memberId, at, windowMs, active, latest } = facts;
  if (active) {
    if (active.memberId === null) return { kind: 'claim_active' };
    return active.memberId === memberId ? { kind: 'already_yours' } : { kind: 'taken' };
  }
  if (latest && at.getTime() - latest.endedAt.getTime() <= windowMs) {
    if (latest.memberId === null) return { kind: 'claim_ended', sessionId: latest.sessionId };
    if (latest.memberId === memberId) return { kind: 'already_yours' };
    // Someone else's finished session: the tap is for the next one.
  }
  return { kind: 'pending', until: new Date(at.getTime() + windowMs) };
}

/** Taps waiting for a session to start, per machine; the latest tap wins. */
export class PendingClaims {
  private readonly byMachine = new Map<string, { memberId: string; until: number }>();

  add(equipmentId: string, memberId: string, until: Date): void {
    this.byMachine.set(equipmentId, { memberId, until: until.getTime() });
  }

  /** The member waiting for a session that starts on this machine at `at`, consumed once taken. */
  take(equipmentId: string, at: Date): string | null {
    const pending = this.byMachine.get(equipmentId);
    if (!pending) return null;
    this.byMachine.delete(equipmentId);
    return at.getTime() <= pending.until ? pending.memberId : null;
  }

  /** Forgets taps whose window has passed. */
  expire(now: Date): void {
    for (const [id, pending] of this.byMachine) if (now.getTime() > pending.until) this.byMachine.delete(id);
  }
}

/**
 * Who is in the gym: members whose last accepted check-in is within the dwell window.
 * Nobody scans out at most gyms, so presence simply expires ("auto-checkout").
 */
export interface Visit {
  memberId: string;
  at: Date;
}

export function membersPresent(visits: Iterable<Visit>, now: Date, dwellMinutes: number): Set<string> {
  const since = now.getTime() - dwellMinutes * 60_000;
  const present = new Set<string>();
  for (const visit of visits) {
    const t = visit.at.getTime();
    if (t > since && t <= now.getTime()) present.add(visit.memberId);
  }
  return present;
}

/** When the next member's presence runs out, so a scheduler can wake exactly then. */
export function nextCheckoutAt(visits: Iterable<Visit>, now: Date, dwellMinutes: number): Date | null {
  const dwellMs = dwellMinutes * 60_000;
  const lastByMember = new Map<string, number>();
  for (const visit of visits) {
    const t = visit.at.getTime();
    if (t <= now.getTime()) lastByMember.set(visit.memberId, Math.max(lastByMember.get(visit.memberId) ?? 0, t));
  }
  let next: number | null = null;
  for (const t of lastByMember.values()) {
    const out = t + dwellMs;
    if (out > now.getTime() && (next === null || out < next)) next = out;
  }
  return next === null ? null : new Date(next);
}

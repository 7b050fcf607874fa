import type { DenialCode } from '../../shared/checkin.js';
import type { AccessWindow } from '../config/schema.js';
import { localTime, minutesOf, type LocalTime } from '../time/local-time.js';
import type { Member } from '../members/member.js';

export interface CheckInRules {
  timezone: string;
  /** Gym opening hours; empty = always open. */
  openingHours: AccessWindow[];
  capacity: number | null;
  antiPassbackMinutes: number;
}

export interface CheckInSituation {
  /** The member the badge belongs to, or null when no member has it. */
  member: Member | null;
  /** When this member last checked in successfully, if ever. */
  lastAcceptedAt: Date | null;
  /** Members in the gym right now. */
  occupancy: number;
}

export type Verdict =
  | { decision: 'accepted' }
  | { decision: 'denied'; code: DenialCode; details: DenialDetails };

/** Facts a denial message may quote ("expired on 31 Jan", "you checked in at 07:02"). */
export interface DenialDetails {
  validUntil?: string;
  lastAcceptedAt?: string;
  windows?: AccessWindow[];
  capacity?: number;
}

function inWindows(windows: AccessWindow[], at: LocalTime): boolean {
  return windows.some((w) => {
    if (!w.days.includes(at.weekday)) return false;
    const from = minutesOf(w.from);
    const to = minutesOf(w.to);
    // A window like 22:00–02:00 runs past midnight.
    return from <= to ? at.minutes >= from && at.minutes < to : at.minutes >= from || at.minutes < to;
  });
}

/**
 * Decides a check-in. Pure: everything it needs is passed in, including the time.
 * Rules run from "who are you" to "is there room", so a member hears the reason that matters most.
 */
export function decide(situation: CheckInSituation, rules: CheckInRules, now: Date): Verdict {
  const deny = (code: DenialCode, details: DenialDetails = {}): Verdict => ({ decision: 'denied', code, details });
  const { member } = situation;
  if (!member) return deny('unknown_badge');

  const local = localTime(now, rules.timezone);
  const { membership } = member;
  if (membership.status === 'suspended') return deny('membership_suspended');
  if (membership.status === 'frozen') return deny('membership_frozen');
  if (membership.status === 'expired' || (membership.validUntil !== null && membership.validUntil < local.date)) {
    return deny('membership_expired', membership.validUntil ? { validUntil: membership.validUntil } : {});
  }
  if (!member.waiverSigned) return deny('waiver_missing');

  if (rules.openingHours.length > 0 && !inWindows(rules.openingHours, local)) {
    return deny('outside_access_hours', { windows: rules.openingHours });
  }
  if (membership.accessHours && membership.accessHours.length > 0 && !inWindows(membership.accessHours, local)) {
    return deny('outside_access_hours', { windows: membership.accessHours });
  }

  if (situation.lastAcceptedAt && rules.antiPassbackMinutes > 0) {
    const sinceMs = now.getTime() - situation.lastAcceptedAt.getTime();
    if (sinceMs >= 0 && sinceMs < rules.antiPassbackMinutes * 60_000) {
      return deny('anti_passback', { lastAcceptedAt: situation.lastAcceptedAt.toISOString() });
    }
  }

  if (rules.capacity !== null && situation.occupancy >= rules.capacity) {
    return deny('capacity_full', { capacity: rules.capacity });
  }
  return { decision: 'accepted' };
}

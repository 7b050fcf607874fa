import type { CheckInMethod, DenialCode } from '../../shared/checkin.js';

/** The `check_in` event as it leaves the box (cloud-api.md, POST /check-in and /events/batch). */
export interface CheckInPayload {
  memberId: string | null;
  locationId: string;
  badgeId: string;
  method: CheckInMethod;
  decision: 'accepted' | 'denied';
  reason?: DenialCode;
  decidedAt: string;
  /** True when the box decided without the cloud reachable. */
  offline: boolean;
  /** Which reader or screen the badge came from. */
  source: string;
  /** Staff let in a member the rules denied (the console's override): the fact is accepted, the denial kept here. */
  override?: { reason: string; by: string; overrode: DenialCode };
  /** Staff checked the member in by hand (method 'staff') and said why. */
  staffNote?: { reason: string; by: string };
}

export interface CheckInAttempt {
  badge: string;
  method: CheckInMethod;
  source: string;
  /** Staff at the console: the member chosen by hand, why, and whether to let them in despite a denial. */
  staff?: { memberId: string; reason: string; by: string; override: boolean };
}

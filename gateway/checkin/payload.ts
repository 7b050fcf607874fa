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
}

export interface CheckInAttempt {
  badge: string;
  method: CheckInMethod;
  source: string;
}

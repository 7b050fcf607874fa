/** Check-in contract shared by the gateway (which decides) and the screens (which show the result). */

export const DENIAL_CODES = [
  'unknown_badge',
  'membership_expired',
  'membership_frozen',
  'membership_suspended',
  'waiver_missing',
  'outside_access_hours',
  'anti_passback',
  'capacity_full',
] as const;
export type DenialCode = (typeof DENIAL_CODES)[number];

/** What a denied member reads at the door: what happened and what they can do about it. */
export interface DenialReason {
  code: DenialCode;
  message: string;
  action: string;
}

export type Decision = 'accepted' | 'denied';
export type CheckInMethod = 'badge' | 'qr' | 'pin' | 'staff';

export interface Wod {
  date: string; // YYYY-MM-DD, local to the location
  title: string;
  restDay: boolean;
  /** Lines of the workout, in order ("Warm-up: 500 m row", "5 rounds: …"). */
  parts: string[];
  notes?: string;
  source: 'cloud' | 'cached' | 'local';
}

export interface CheckInRequest {
  badge: string;
  method?: CheckInMethod;
}

export interface CheckInResult {
  eventId: string;
  decision: Decision;
  reason?: DenialReason;
  /** Null when the badge matched no member. `displayName` is "Anna S.", an alias, or null when the member hides their name. */
  member: { displayName: string | null } | null;
  wod?: Wod;
  decidedAt: string;
}

import type { AccessWindow } from '../config/schema.js';

export type MembershipStatus = 'active' | 'expired' | 'frozen' | 'suspended';
export type NamePrivacy = 'name' | 'alias' | 'hidden';

/** A member as the gateway caches it (the cloud's athlete, or a row of an imported roster). */
export interface Member {
  id: string;
  name: string;
  badgeIds: string[];
  membership: {
    status: MembershipStatus;
    plan?: string;
    /** Last day of access (YYYY-MM-DD, inclusive), or null for open-ended. */
    validUntil: string | null;
    /** When set, the member may only enter within these windows. */
    accessHours?: AccessWindow[];
  };
  waiverSigned: boolean;
  privacy: { leaderboard: NamePrivacy; alias?: string };
}

/**
 * The only form of a member's name any screen shows: "Anna S.", the alias, or null (hidden).
 * Never the full name.
 */
export function displayName(member: Pick<Member, 'name' | 'privacy'>): string | null {
  if (member.privacy.leaderboard === 'hidden') return null;
  if (member.privacy.leaderboard === 'alias' && member.privacy.alias?.trim()) return member.privacy.alias.trim();
  const words = member.name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const first = words[0]!;
  const last = words.length > 1 ? words[words.length - 1]! : '';
  return last ? `${first} ${last[0]!.toUpperCase()}.` : first;
}

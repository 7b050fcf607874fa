import type { Member } from '../../gateway/members/member.js';

/** A member in good standing; override what a test is about. */
export function member(
  overrides: Partial<Omit<Member, 'membership'>> & { membership?: Partial<Member['membership']> } = {},
): Member {
  const { membership, ...rest } = overrides;
  return {
    id: 'm-anna',
    name: 'Anna Svensson',
    badgeIds: ['1001'],
    waiverSigned: true,
    privacy: { leaderboard: 'name' },
    ...rest,
    membership: { status: 'active', validUntil: null, ...membership },
  };
}

import { describe, expect, it } from 'vitest';
import { normalizeBadge } from '../../gateway/checkin/badge.js';
import { parseRoster } from '../../gateway/members/parse-roster.js';
import { memberSchema } from '../../gateway/members/member-schema.js';

// U+202E RIGHT-TO-LEFT OVERRIDE shows "Anna S." as ".S annA"-like text; NUL cuts strings elsewhere.
const RLO = '\u202E';

describe('names and badge ids lose bidi controls and NULs at the edge (issue 10)', () => {
  it('in reader input', () => {
    expect(normalizeBadge(`${RLO}0004\u00001A2B\u2066`, 'hex')).toBe('41A2B');
  });

  it('in roster files', () => {
    const csv = `id,name,badge_ids,status,valid_until,waiver,privacy,alias\nm-1,${RLO}Anna\u0000 Svensson,10${RLO}01,active,,yes,alias,Row\u2067fast\n`;
    const [member] = parseRoster(csv, 'csv');
    expect(member).toMatchObject({ name: 'Anna Svensson', badgeIds: ['1001'], privacy: { alias: 'Rowfast' } });
  });

  it('in the roster the cloud sends (the pull parses with the same schema)', () => {
    const member = memberSchema.parse({
      id: 'm-2',
      name: `Erik${RLO} Lund\u200F`,
      badgeIds: ['\u00001002'],
      membership: { status: 'active' },
      waiverSigned: true,
    });
    expect(member).toMatchObject({ name: 'Erik Lund', badgeIds: ['1002'] });
  });

  it('and a name that was nothing but controls is refused, naming the field', () => {
    expect(memberSchema.safeParse({ id: 'm-3', name: `${RLO}\u0000`, membership: { status: 'active' }, waiverSigned: true }).error?.issues[0]?.path).toEqual(['name']);
  });
});

import { localTime } from '../time/local-time.js';
import { cloudChallengeSchema, type CloudChallenge } from './cloud-types.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * This month's demo challenges for the simulator's gym: a 100K row with divisions and the bike at half (as
 * Concept2 challenges count it), and a team row-off of the simulator's crowd. Their boards fill from real
 * sessions only: nothing is made up.
 */
export function demoChallenges(now: Date, timezone: string, memberIds: string[]): CloudChallenge[] {
  const { date } = localTime(now, timezone);
  const [year, month] = date.split('-').map(Number) as [number, number];
  const mm = String(month).padStart(2, '0');
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const window = { startDate: `${year}-${mm}-01`, endDate: `${year}-${mm}-${String(lastDay).padStart(2, '0')}` };
  const crowd = memberIds.filter((id) => id.startsWith('m-crowd-'));
  const monthName = MONTHS[month - 1]!;

  return [
    cloudChallengeSchema.parse({
      id: `demo-${year}-${mm}-100k`,
      name: `${monthName} 100K Row`,
      description: 'Row (or ride: bike metres count half) 100 km this month.',
      type: 'distance',
      metric: 'meters',
      target: 100_000,
      ...window,
      divisions: ['Rx', 'Scaled'],
      machineMultipliers: { bike: 0.5 },
      // Every member may join (in Rx); half the crowd rows Scaled.
      autoJoin: true,
      participants: crowd.map((memberId, i) => ({ memberId, division: i % 2 === 0 ? 'Rx' : 'Scaled' })),
      prizes: { '1': 'Free month', '2': 'Floorgate T-shirt' },
    }),
    cloudChallengeSchema.parse({
      id: `demo-${year}-${mm}-teams`,
      name: `${monthName} Team Row-Off`,
      description: 'Red against Blue: every metre on the rowers and bikes counts for your team.',
      type: 'team',
      metric: 'meters',
      target: 500_000,
      ...window,
      isTeamChallenge: true,
      teamSize: Math.ceil(crowd.length / 2),
      machineMultipliers: { bike: 0.5 },
      teams: [
        { id: 'red', name: 'Team Red', memberIds: crowd.filter((_, i) => i % 2 === 0) },
        { id: 'blue', name: 'Team Blue', memberIds: crowd.filter((_, i) => i % 2 === 1) },
      ],
    }),
  ];
}

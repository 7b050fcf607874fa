import { formatValue } from '../../../shared/format.js';
import type { ChallengeSummary, LeaderboardRow } from '../../../shared/leaderboard.js';

/**
 * What a row still needs, in words a member reads from across the room: the distance to the goal when the challenge
 * has one ("12.4 km to go", "Goal reached"), else the gap to the place above ("1.2 km to #3") or, for the leader, the
 * lead ("leads by 800 m"). `above`/`below` are the neighbouring rows of the same group; null at the ends.
 */
export function gapInWords(row: LeaderboardRow, challenge: Pick<ChallengeSummary, 'target' | 'unit'>, above: LeaderboardRow | null, below: LeaderboardRow | null): string | null {
  const { target, unit } = challenge;
  // "% better" figures are signed; their gaps read oddly in words, so those boards show the value alone.
  if (unit === '%') return null;
  if (target !== null) return row.value >= target ? 'Goal reached' : `${formatValue(target - row.value, unit)} to go`;
  if (above !== null && above.value > row.value) return `${formatValue(above.value - row.value, unit)} to #${above.rank}`;
  if (above === null && below !== null && row.value > below.value) return `leads by ${formatValue(row.value - below.value, unit)}`;
  return null;
}

/** "1st Free month · 2nd Floorgate T-shirt": prizes keyed by place ("1", "2") or by a name ("Most improved"). */
export function prizesInWords(prizes: Record<string, string> | null): string | null {
  if (!prizes) return null;
  const entries = Object.entries(prizes).filter(([, prize]) => prize.trim() !== '');
  if (entries.length === 0) return null;
  entries.sort(([a], [b]) => (Number(a) || Number.POSITIVE_INFINITY) - (Number(b) || Number.POSITIVE_INFINITY));
  return entries.map(([place, prize]) => `${/^\d+$/.test(place) ? ordinal(Number(place)) : place} ${prize}`).join(' · ');
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th'}`;
}

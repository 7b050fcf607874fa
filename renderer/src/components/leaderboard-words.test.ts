import { describe, expect, it } from 'vitest';
import type { LeaderboardRow } from '../../../shared/leaderboard.js';
import { gapInWords, prizesInWords } from './leaderboard-words.js';

const row = (rank: number, value: number): LeaderboardRow => ({ key: `k${rank}`, rank, displayName: `A${rank}`, value, progress: null, provisional: false });

describe('leaderboard gaps in words', () => {
  it('counts down to the goal, then says it is reached', () => {
    const goal = { target: 100_000, unit: 'm' as const };
    expect(gapInWords(row(2, 87_600), goal, row(1, 90_000), null)).toBe('12.4 km to go');
    expect(gapInWords(row(1, 100_000), goal, null, row(2, 1))).toBe('Goal reached');
  });

  it('without a goal: the gap to the place above, and the leader’s lead', () => {
    const open = { target: null, unit: 'm' as const };
    expect(gapInWords(row(4, 20_000), open, row(3, 21_200), row(5, 1))).toBe('1.2 km to #3');
    expect(gapInWords(row(1, 21_200), open, null, row(2, 20_400))).toBe('leads by 800 m');
    expect(gapInWords(row(2, 5), { target: null, unit: 'workouts' }, row(1, 7), null)).toBe('2 workouts to #1');
  });

  it('says nothing for a tie or a lone row', () => {
    const open = { target: null, unit: 's' as const };
    expect(gapInWords(row(2, 600), open, row(1, 600), null)).toBeNull();
    expect(gapInWords(row(1, 600), open, null, null)).toBeNull();
  });
});

describe('prizes in words', () => {
  it('puts places in order with ordinals, named prizes after', () => {
    expect(prizesInWords({ 'Most improved': 'Shaker', '2': 'T-shirt', '1': 'Free month', '11': 'Sticker' })).toBe(
      '1st Free month · 2nd T-shirt · 11th Sticker · Most improved Shaker',
    );
    expect(prizesInWords(null)).toBeNull();
    expect(prizesInWords({})).toBeNull();
  });
});

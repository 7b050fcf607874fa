import { describe, expect, it } from 'vitest';
import type { PlaylistItem } from '../../shared/screens.js';
import { playableItems, type ScreenFacts } from '../../gateway/screens/playlist-items.js';

const item = (screen: PlaylistItem['screen'], params: Record<string, string> = {}): PlaylistItem => ({ screen, params, seconds: 15 });
const DEFAULT = [item('leaderboard'), item('equipment'), item('wod'), item('achievements'), item('occupancy'), item('schedule')];
const full: ScreenFacts = {
  runningChallenges: [{ id: 'row-100k', isTeam: false }],
  achievementsThisWeek: 3,
  classesToday: 4,
  wodToday: true,
  equipmentTiles: 24,
};

describe('the default playlist plays what has something to show', () => {
  it('keeps every screen that has content, in order', () => {
    expect(playableItems(DEFAULT, full).map((i) => i.screen)).toEqual(['leaderboard', 'equipment', 'wod', 'achievements', 'occupancy', 'schedule']);
  });

  it('skips a schedule that is not set up or empty today, no records, no challenge, no workout, no machines', () => {
    const bare: ScreenFacts = { runningChallenges: [], achievementsThisWeek: 0, classesToday: null, wodToday: false, equipmentTiles: 0 };
    expect(playableItems(DEFAULT, bare).map((i) => i.screen)).toEqual(['occupancy']);
    expect(playableItems(DEFAULT, { ...full, classesToday: 0 }).map((i) => i.screen)).not.toContain('schedule');
  });

  it('adds the running team challenge’s board after the leaderboard', () => {
    const facts = { ...full, runningChallenges: [{ id: 'row-100k', isTeam: false }, { id: 'team-row-off', isTeam: true }] };
    const items = playableItems(DEFAULT, facts);
    expect(items.slice(0, 2)).toEqual([item('leaderboard'), item('leaderboard', { challenge: 'team-row-off' })]);
  });

  it('never leaves the TV with nothing: the list as configured when all would be skipped', () => {
    const bare: ScreenFacts = { runningChallenges: [], achievementsThisWeek: 0, classesToday: null, wodToday: false, equipmentTiles: 0 };
    expect(playableItems([item('schedule')], bare)).toEqual([item('schedule')]);
  });
});

import type { PlaylistItem } from '../../shared/screens.js';

/** What the box has to show right now, for deciding which playlist items are worth their time. */
export interface ScreenFacts {
  runningChallenges: ReadonlyArray<{ id: string; isTeam: boolean }>;
  achievementsThisWeek: number;
  /** Null: no class schedule is configured. */
  classesToday: number | null;
  wodToday: boolean;
  equipmentTiles: number;
}

/**
 * The default playlist as it should run now: a TV must not cycle through apologies, so screens with nothing to show
 * or not set up are left out while that lasts (no challenge running, no record this week, no schedule or no class
 * today, no workout posted, no machine reporting); a running team challenge gets its own board right after the
 * leaderboard. Occupancy always has something to say; if nothing else is left, the list is as configured.
 */
export function playableItems(items: readonly PlaylistItem[], facts: ScreenFacts): PlaylistItem[] {
  const out: PlaylistItem[] = [];
  const teams = facts.runningChallenges.filter((c) => c.isTeam);
  for (const item of items) {
    switch (item.screen) {
      case 'leaderboard':
        if (item.params.challenge !== undefined) {
          if (facts.runningChallenges.some((c) => c.id === item.params.challenge)) out.push(item);
          break;
        }
        if (facts.runningChallenges.length === 0) break;
        out.push(item);
        // The plain leaderboard shows the challenge that ends first; a team board is otherwise found only by its id.
        for (const team of teams) {
          if (team.id === facts.runningChallenges[0]!.id) continue;
          if (items.some((i) => i.screen === 'leaderboard' && i.params.challenge === team.id)) continue;
          out.push({ screen: 'leaderboard', params: { ...item.params, challenge: team.id }, seconds: item.seconds });
        }
        break;
      case 'achievements':
        if (facts.achievementsThisWeek > 0) out.push(item);
        break;
      case 'schedule':
        if (facts.classesToday !== null && facts.classesToday > 0) out.push(item);
        break;
      case 'wod':
        if (facts.wodToday) out.push(item);
        break;
      case 'equipment':
        if (facts.equipmentTiles > 0) out.push(item);
        break;
      default:
        out.push(item);
    }
  }
  return out.length > 0 ? out : [...items];
}

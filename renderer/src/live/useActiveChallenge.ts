import type { ChallengeSummary } from '../../../shared/leaderboard.js';
import type { ChallengesAnswer } from '../../../shared/screens.js';
import { usePolled, type PolledState } from './usePolled.js';

export interface ActiveChallenge {
  /** The one to show: `?challenge=` when given, else the running challenge that ends first. */
  challengeId: string | null;
  /** Null until the list has been read (only read without `?challenge=`). */
  running: ChallengeSummary[] | null;
  list: PolledState<ChallengesAnswer>;
}

/** Which challenge a leaderboard shows; the list of running ones is read again every minute (challenges change). */
export function useActiveChallenge(requested: string | null): ActiveChallenge {
  const list = usePolled<ChallengesAnswer>(requested ? null : '/api/challenges', 60_000);
  const running = list.data?.challenges ?? null;
  return { challengeId: requested ?? running?.[0]?.id ?? null, running, list };
}

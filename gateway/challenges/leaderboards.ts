import { createHmac } from 'node:crypto';
import type { ChallengeSummary, LeaderboardView } from '../../shared/leaderboard.js';
import type { Clock } from '../time/clock.js';
import { challengeWindow, type CloudChallenge } from './cloud-types.js';
import type { ChallengeSession } from './session-entry.js';
import { computeStandings, goalsReached, type Standing } from './standings.js';
import type { ChallengeStore } from './store.js';
import { challengeSummary, leaderboardView } from './view.js';

export interface LeaderboardsOptions {
  store: ChallengeStore;
  clock: Clock;
  locationId: string;
  timezone: string;
  /** Public name of a member in this box's roster ("Anna S.", alias, null = hidden); undefined = not in the roster. */
  nameOf: (memberId: string) => string | null | undefined;
  /** Secret for the opaque row keys (kept in the box's settings). */
  keySecret: string;
  publish: (challengeId: string, view: LeaderboardView) => void;
  onGoalReached?: (memberId: string, challenge: ChallengeSummary) => void;
  /** Rows per division on the board. */
  limit?: number;
}

/**
 * The live boards: every change (a member's session here, a pull from the cloud) recomputes the affected boards and
 * publishes them to `challenge:{id}:leaderboard`. The counting itself is pure (standings.ts, view.ts).
 */
export class Leaderboards {
  private readonly standingsCache = new Map<string, Standing[]>();
  private readonly unsubscribe: () => void;

  constructor(private readonly options: LeaderboardsOptions) {
    this.unsubscribe = options.store.onChange((change) => {
      if (change.kind === 'leaderboard') {
        this.standingsCache.delete(change.challengeId);
        this.publish(change.challengeId);
      } else {
        this.standingsCache.clear();
        for (const challenge of this.activeChallenges()) this.publish(challenge.id);
      }
    });
  }

  /** Counts a member's session toward every running challenge (provisionally, until the cloud counts it). */
  recordSession(session: ChallengeSession): void {
    const active = this.activeChallenges();
    const before = new Map(active.map((c) => [c.id, this.standings(c)]));
    this.options.store.putSession(session); // tells the store's listeners: this recomputes and publishes
    if (!this.options.onGoalReached) return;
    for (const challenge of active) {
      for (const reached of goalsReached(challenge, before.get(challenge.id) ?? [], this.standings(challenge))) {
        this.options.onGoalReached(reached.memberId, challengeSummary(challenge));
      }
    }
  }

  hasSession(eventId: string): boolean {
    return this.options.store.hasSession(eventId);
  }

  activeChallenges(): CloudChallenge[] {
    return this.options.store.active(this.options.clock.now(), this.options.locationId);
  }

  /** Running challenges for pickers and the default board, soonest-ending first. */
  active(): ChallengeSummary[] {
    return this.activeChallenges().map(challengeSummary);
  }

  /** A challenge's board (also one that has ended but is still cached), or null when unknown. */
  view(challengeId: string): LeaderboardView | null {
    const stored = this.options.store.challenge(challengeId);
    if (!stored) return null;
    const cached = this.options.store.cloudLeaderboard(challengeId);
    return leaderboardView(stored.challenge, this.standings(stored.challenge), {
      limit: this.options.limit ?? 25,
      nameOf: this.options.nameOf,
      rowKey: (memberId) => this.rowKey(challengeId, memberId),
      now: this.options.clock.now(),
      cloudUpdatedAt: cached?.fetchedAt ?? null,
      cloudParticipants: cached?.board.totalParticipants,
    });
  }

  /** Pushes a board again (e.g. after a member's name or privacy changed). */
  publish(challengeId: string): void {
    const view = this.view(challengeId);
    if (view) this.options.publish(challengeId, view);
  }

  close(): void {
    this.unsubscribe();
  }

  private standings(challenge: CloudChallenge): Standing[] {
    let standings = this.standingsCache.get(challenge.id);
    if (!standings) {
      const { start, end } = challengeWindow(challenge);
      standings = computeStandings({
        challenge,
        cloud: this.options.store.cloudLeaderboard(challenge.id)?.board ?? null,
        sessions: this.options.store.sessionsBetween(start, end),
        timezone: this.options.timezone,
      });
      this.standingsCache.set(challenge.id, standings);
    }
    return standings;
  }

  private rowKey(challengeId: string, memberId: string): string {
    return createHmac('sha256', this.options.keySecret).update(`${challengeId}\n${memberId}`).digest('base64url').slice(0, 12);
  }
}

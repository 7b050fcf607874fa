import { challengeWindow, cloudChallengesAnswerSchema, cloudLeaderboardSchema, type CloudChallenge, type CloudLeaderboard } from '../challenges/cloud-types.js';
import type { Clock } from '../time/clock.js';
import type { Logger } from '../log.js';
import type { RosterStore } from '../members/roster-store.js';
import type { WodStore } from '../wods/wod-store.js';
import type { CallOutcome, CloudClient } from './cloud-client.js';
import type { PullStore } from './pull-store.js';

export type PullName = 'roster' | 'wod' | 'challenges';

/** Where pulled challenges go (the challenge store; optional so the pulls stand without it). */
export interface ChallengeSink {
  replaceActiveChallenges(challenges: CloudChallenge[], now: Date): unknown;
  putCloudLeaderboard(challengeId: string, board: CloudLeaderboard, now: Date): unknown;
}

export interface PullDeps {
  client: CloudClient;
  store: PullStore;
  roster: RosterStore;
  wods: WodStore;
  challenges: ChallengeSink | null;
  locationId: string;
  timezone: string;
  clock: Clock;
  log: Logger;
}

class PullError extends Error {}

function unwrap<T>(outcome: CallOutcome<T>): T {
  if (outcome.kind === 'ok') return outcome.value;
  throw new PullError(outcome.message);
}

/** A roster pull that was interrupted resumes from its cursor. */
interface RosterState {
  updatedSince: string | null;
  cursor: string | null;
  /** When the pass in progress started: the next pass asks for changes since then. */
  passStartedAt: string | null;
}

const ROSTER_PAGE = 500;
/** Ask for a little more than strictly new: clocks of box and cloud differ. */
const ROSTER_OVERLAP_MS = 60_000;

/**
 * Scheduled pulls from the cloud: roster (incremental: updatedSince + cursor), the day's WOD, active
 * challenges and their leaderboards. Each result is cached for offline use; each pull records its
 * last success and last error. A failed pull leaves the cache as it was.
 */
export class Pulls {
  private readonly running = new Map<PullName, Promise<void>>();

  constructor(private readonly deps: PullDeps) {}

  /** Runs one pull; concurrent calls for the same pull share one run. Never throws. */
  run(name: PullName): Promise<void> {
    const current = this.running.get(name);
    if (current) return current;
    const run = this.execute(name).finally(() => this.running.delete(name));
    this.running.set(name, run);
    return run;
  }

  /** Resolves when no pull is running (before the database closes). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.running.values()]);
  }

  async runAll(): Promise<void> {
    await Promise.all((['roster', 'wod', 'challenges'] as const).map((name) => this.run(name)));
  }

  private async execute(name: PullName): Promise<void> {
    const { store, clock, log } = this.deps;
    const startedAt = clock.now();
    try {
      if (name === 'roster') await this.roster();
      else if (name === 'wod') await this.wod();
      else await this.challenges();
      store.recordAttempt(name, startedAt, null);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      store.recordAttempt(name, startedAt, message);
      log.warn({ pull: name, error: message }, 'pull failed; the cached copy stays in use');
    }
  }

  private async roster(): Promise<void> {
    const { client, store, roster, clock, locationId } = this.deps;
    const state: RosterState = store.state<RosterState>('roster') ?? { updatedSince: null, cursor: null, passStartedAt: null };
    if (!state.cursor) state.passStartedAt = clock.now().toISOString();
    for (;;) {
      const outcome = await client.athletes({
        locationId,
        limit: ROSTER_PAGE,
        ...(state.updatedSince ? { updatedSince: state.updatedSince } : {}),
        ...(state.cursor ? { cursor: state.cursor } : {}),
      });
      if (outcome.kind === 'permanent' && state.cursor) {
        // The cloud no longer knows this cursor (expired): start the pass again from updatedSince.
        state.cursor = null;
        store.saveState('roster', state);
      }
      const page = unwrap(outcome);
      roster.upsert(page.items, clock.now());
      state.cursor = page.nextCursor ?? null;
      if (!state.cursor) {
        const passStart = Date.parse(state.passStartedAt ?? clock.now().toISOString());
        state.updatedSince = new Date(passStart - ROSTER_OVERLAP_MS).toISOString();
        state.passStartedAt = null;
      }
      store.saveState('roster', state); // each page is kept: an interrupted pass resumes here
      if (!state.cursor) return;
    }
  }

  private async wod(): Promise<void> {
    const { client, wods, locationId } = this.deps;
    const answer = unwrap(await client.dailyWod(locationId));
    if (!answer.wod) return;
    wods.put(locationId, { ...answer.wod, source: 'cloud' });
  }

  private async challenges(): Promise<void> {
    const { client, challenges, locationId, clock, log } = this.deps;
    if (!challenges) return;
    const query = new URLSearchParams({ locationId, active: 'true' });
    const answer = unwrap(await client.get(`/challenges?${query}`, cloudChallengesAnswerSchema));
    for (const bad of answer.rejected) log.warn({ challenge: bad.id, error: bad.error }, 'cloud challenge refused');
    const now = clock.now();
    challenges.replaceActiveChallenges(answer.challenges, now);
    const errors: string[] = [];
    for (const challenge of answer.challenges) {
      const { start, end } = challengeWindow(challenge);
      if (now.getTime() < start || now.getTime() > end) continue;
      const outcome = await client.get(`/challenges/${encodeURIComponent(challenge.id)}/leaderboard`, cloudLeaderboardSchema);
      if (outcome.kind === 'ok') challenges.putCloudLeaderboard(challenge.id, outcome.value, clock.now());
      else errors.push(`${challenge.id}: ${outcome.message}`);
    }
    if (errors.length > 0) throw new PullError(`leaderboards: ${errors.join('; ')}`);
  }
}

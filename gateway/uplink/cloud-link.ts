import { ClockSkewAlert } from '../time/clock-skew.js';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PullStatus } from '../../shared/status.js';
import type { FloorgateConfig } from '../config/schema.js';
import type { Clock } from '../time/clock.js';
import type { StaffActions } from '../staff/staff-routes.js';
import type { JobScheduler } from '../jobs/schedule.js';
import type { Logger } from '../log.js';
import { PullStore } from './pull-store.js';
import { Pulls, type ChallengeSink } from './pulls.js';
import type { Store } from '../store/open-store.js';
import { CloudClient } from './cloud-client.js';
import { RateGate, SlidingWindowLimiter, TIERS, tierWindows } from './rate-limit.js';
import { Uplink, type UplinkOptions } from './uplink.js';

/** Where staff's replacement key is kept (0600), so a fixed key survives a restart. */
const KEY_FILE = 'cloud-api-key';

export interface CloudLink {
  client: CloudClient;
  uplink: Uplink;
  pulls: Pulls;
  staff: StaffActions;
  pullStatus(): PullStatus[];
  schedule(jobs: JobScheduler): void;
  start(): void;
  stop(): Promise<void>;
}

/** Everything that talks to the cloud, or null when none is configured (standalone). */
export function createCloudLink(deps: {
  config: FloorgateConfig;
  store: Store;
  clock: Clock;
  log: Logger;
  challenges: ChallengeSink | null;
  uplinkOptions?: UplinkOptions;
}): CloudLink | null {
  const { config, store, clock, log } = deps;
  if (!config.cloud.url || !config.cloud.apiKey) return null;

  const keyFile = path.join(config.dataDir, KEY_FILE);
  const savedKey = existsSync(keyFile) ? readFileSync(keyFile, 'utf8').trim() : '';
  const limits = { ...TIERS[config.cloud.tier], ...config.cloud.rateLimit };
  const gate = new RateGate(new SlidingWindowLimiter(tierWindows({ perMinute: limits.perMinute ?? null, perDay: limits.perDay ?? null })));
  let uplinkRef: Uplink | null = null;
  const clockSkew = new ClockSkewAlert(store.alerts);
  const client = new CloudClient({
    baseUrl: config.cloud.url,
    apiKey: savedKey || config.cloud.apiKey,
    timeoutMs: config.cloud.requestTimeoutMs,
    gate,
    observe: (outcome) => uplinkRef?.observe(outcome),
    serverDate: (date) => clockSkew.update(date, clock.now()),
  });
  const uplink = new Uplink({ outbox: store.outbox, client, clock, log: log.child({ part: 'uplink' }) }, deps.uplinkOptions);
  uplinkRef = uplink;
  uplink.on('state', (status) => {
    if (status.state === 'auth_error') {
      store.alerts.raise(
        'cloud_auth',
        `The cloud refused the API key (${status.lastError}). Nothing is lost: events stay queued until the key is replaced.`,
      );
    } else if (status.state === 'online') {
      store.alerts.resolve('cloud_auth');
    }
  });

  const pullStore = new PullStore(store.db);
  const pulls = new Pulls({
    client,
    store: pullStore,
    roster: store.roster,
    wods: store.wods,
    challenges: deps.challenges,
    locationId: config.location.id,
    timezone: config.location.timezone,
    clock,
    log: log.child({ part: 'pulls' }),
  });

  return {
    client,
    uplink,
    pulls,
    staff: {
      deadLetters: (limit) => store.outbox.deadLetters(limit),
      requeue: (eventIds) => {
        const n = store.outbox.requeue(eventIds, clock.now());
        uplink.kick();
        return n;
      },
      syncNow: async () => {
        await pulls.runAll();
        uplink.kick();
        return pullStore.all();
      },
      replaceApiKey: (key) => {
        writeFileSync(keyFile, `${key}\n`, { mode: 0o600 });
        uplink.replaceApiKey(key);
      },
    },
    pullStatus: () => pullStore.all(),
    schedule(jobs) {
      // A pull keeps its cached copy when it fails and records why; the job reports that error as its result.
      const pull = (name: 'roster' | 'wod' | 'challenges') => async () => {
        await pulls.run(name);
        const error = pullStore.all().find((p) => p.name === name)?.lastError;
        if (error) throw new Error(error);
      };
      jobs.add({ name: 'pull-roster', cron: config.pulls.rosterCron, run: pull('roster') });
      jobs.add({ name: 'pull-wod', cron: config.pulls.wodCron, run: pull('wod') });
      jobs.add({ name: 'pull-challenges', cron: config.pulls.challengesCron, run: pull('challenges') });
    },
    start() {
      uplink.start();
      void pulls.runAll(); // fill the caches at start; the schedule keeps them fresh
    },
    async stop() {
      gate.close();
      await uplink.stop();
      await pulls.settled();
    },
  };
}

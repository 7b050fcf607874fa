import type { DeviceStatus } from '../../shared/status.js';
import type { Dispatcher } from 'undici';
import type { WebhooksStatus } from '../../shared/webhooks.js';
import type { FloorgateConfig } from '../config/schema.js';
import type { FloorEvents } from '../floor-events.js';
import type { Logger } from '../log.js';
import { displayName } from '../members/member.js';
import type { Store } from '../store/open-store.js';
import type { LaneDeadLetter } from '../store/lanes.js';
import type { Clock } from '../time/clock.js';
import { deviceChanges } from './device-watch.js';
import { isLanHost, type WebhookConfig } from './config.js';
import { ConsoleDestinations } from './console-destinations.js';
import { wants, webhookBody, webhookFactOf, type AchievementPayload, type DeviceHealthPayload, type DoorOpenedPayload } from './events.js';
import { laneOf, LaneWorker } from './lane-worker.js';
import { resolveSecrets } from './secrets.js';
import { webhookEdits, type RunningDestination, type WebhookEdits, type WebhookRuntime } from './staff-edits.js';
import { undiciAgent } from './undici.js';


export { laneOf };
const MB = 1024 * 1024;

export interface Webhooks {
  status(): WebhooksStatus;
  /** Queues a `test` event for one destination; null when there is no such destination. */
  sendTest(name: string): { eventId: string } | null;
  deadLetters(name: string, limit?: number): LaneDeadLetter[] | null;
  requeue(name: string, eventIds: string[] | 'all'): number | null;
  names(): string[];
  /** Staff edits at the console: add, edit, delete, rotate, pause, resume, discard (staff-edits.ts). */
  edits: WebhookEdits;
  /** Told after each staff edit (the staff room then sends its status at once). Returns the remover. */
  onChanged(listener: () => void): () => void;
  close(): Promise<void>;
}

export interface WebhooksDeps {
  config: FloorgateConfig;
  store: Store;
  clock: Clock;
  log: Logger;
  floor: FloorEvents;
  devices: () => DeviceStatus[];
  /** How often device states are compared for device.problem / device.recovered. */
  devicePollMs?: number;
}

/**
 * Signed webhooks from the box: every journaled fact a destination wants is queued on that destination's lane in
 * the fact's own transaction (so it is never lost, and never sent twice under two ids), then delivered by the lane's
 * worker. Door openings, achievements and device health changes are journaled here as local facts first.
 */
export function startWebhooks(deps: WebhooksDeps): Webhooks {
  const { config, store, clock, floor } = deps;
  const log = deps.log.child({ part: 'webhooks' });
  const { journal, lanes, roster } = store;
  const consoleStore = new ConsoleDestinations(store.db);
  const locationId = config.location.id;
  let dispatcher: Dispatcher | null = null;
  /** Read by the journal router on every fact: the destinations as they are now, not as they were at start. */
  const running = new Map<string, RunningDestination>();
  const paused = consoleStore.paused();

  const workerFor = (hook: WebhookConfig, origin: 'file' | 'console', field: string) => {
    const url = new URL(hook.url);
    if (url.protocol === 'http:') log.warn({ webhook: hook.name, host: url.hostname, lan: isLanHost(url.hostname) }, 'webhook over plain http (local network only): bodies are readable on the wire');
    const secrets = resolveSecrets(hook, field, config.dataDir);
    dispatcher ??= undiciAgent();
    return new LaneWorker({ hook, origin, lane: laneOf(hook.name), secrets, lanes, clock, log: log.child({ webhook: hook.name }), dispatcher, paused: paused.has(hook.name) });
  };
  config.webhooks.forEach((hook, i) => running.set(hook.name, { hook, origin: 'file', worker: workerFor(hook, 'file', `webhooks[${i}]`) }));
  const stored = consoleStore.all();
  for (const bad of stored.invalid) log.error({ webhook: bad.name, problem: bad.problem }, 'a webhook destination made at the console no longer passes the config rules: not started (edit or delete it)');
  for (const hook of stored.hooks) {
    if (running.has(hook.name)) log.warn({ webhook: hook.name }, 'a webhook made at the console has the name of one in the config file: the file’s is used');
    else running.set(hook.name, { hook, origin: 'console', worker: workerFor(hook, 'console', `webhook "${hook.name}"`) });
  }
  const retired = lanes.retire('webhook:', [...running.keys(), ...stored.invalid.map((b) => b.name)].map(laneOf));
  if (retired > 0) log.warn({ dropped: retired }, 'deliveries of webhooks no longer configured were dropped');

  const quotaBytes = config.storage.webhookQuotaMB * MB;
  const touched = new Set<string>();
  let flushScheduled = false;
  // After the fact's transaction: wake the lanes it was queued on, and keep the queues within their quota.
  const afterCommit = () => {
    flushScheduled = false;
    for (const name of touched) running.get(name)?.worker.kick();
    touched.clear();
    if (lanes.queuedBytes > quotaBytes && store.db.open) {
      const shed = lanes.shedOverQuota(quotaBytes);
      if (shed > 0) log.warn({ shed, quotaMB: config.storage.webhookQuotaMB }, 'webhook queues over quota: oldest dead letters, then oldest pending deliveries, shed');
    }
  };
  const removeRouter = journal.addRouter((entry) => {
    if (running.size === 0) return;
    const fact = webhookFactOf(entry);
    if (!fact) return;
    let member: { displayName: string | null; fullName: string | null } | null | undefined;
    for (const { hook } of running.values()) {
      if (!wants(hook, fact)) continue;
      if (member === undefined && fact.memberId) {
        const found = roster.findById(fact.memberId);
        member = found ? { displayName: displayName(found), fullName: found.name } : null;
      }
      const body = webhookBody(fact, entry.occurredAt, member ?? null, hook.include);
      lanes.enqueue(laneOf(hook.name), { seq: entry.seq, eventId: entry.eventId, eventType: fact.type, body });
      touched.add(hook.name);
    }
    if (touched.size > 0 && !flushScheduled) {
      flushScheduled = true;
      setImmediate(afterCommit);
    }
  });

  // Door openings are journaled by the doors themselves (door_opened); achievements and device health are journaled here.
  const journalLocal = (type: 'achievement' | 'device_health', payload: unknown) => {
    try {
      journal.append({ type, occurredAt: clock.now(), payload });
    } catch (error) {
      log.error({ err: error, type }, 'a fact for webhooks could not be stored');
    }
  };
  const onAchievement = (a: Omit<AchievementPayload, 'locationId'>) => journalLocal('achievement', { ...a, locationId });
  let listening = false;
  let deviceTimer: NodeJS.Timeout | null = null;
  // Achievements and device changes are journaled only while some destination wants them (checked again after each edit).
  const watchSources = () => {
    const wanted = (prefix: string) => [...running.values()].some(({ hook }) => hook.events.some((e) => e.startsWith(prefix)));
    const achievements = wanted('record.') || wanted('goal.');
    if (achievements !== listening) {
      if (achievements) floor.on('achievement', onAchievement);
      else floor.off('achievement', onAchievement);
      listening = achievements;
    }
    if (wanted('device.') && !deviceTimer) {
      let baseline = new Map<string, boolean>();
      const look = () => {
        const next = deviceChanges(baseline, deps.devices());
        baseline = next.baseline;
        for (const { device, problem } of next.changed) {
          const payload: DeviceHealthPayload = {
            deviceId: device.id, name: device.name, kind: device.kind, state: device.state, detail: device.detail ?? null,
            equipmentId: device.equipmentId ?? null, locationId, problem,
          };
          journalLocal('device_health', payload);
        }
      };
      look();
      deviceTimer = setInterval(look, deps.devicePollMs ?? 1_000);
      deviceTimer.unref();
    } else if (!wanted('device.') && deviceTimer) {
      clearInterval(deviceTimer);
      deviceTimer = null;
    }
  };
  watchSources();

  // Per lane, the stops still under way: two quick edits in a row wait for every older worker, not just the last.
  const stopping = new Map<string, Promise<void>>();
  const stopWorker = (name: string, worker: LaneWorker | undefined) => {
    const stopped = Promise.all([stopping.get(name), worker?.close()]).then(() => undefined);
    stopping.set(name, stopped);
    void stopped.finally(() => stopping.get(name) === stopped && stopping.delete(name));
    return stopped;
  };

  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((listener) => listener());

  const runtime: WebhookRuntime = {
    get: (name) => running.get(name),
    async install(hook, origin) {
      const before = running.get(hook.name);
      const next = { hook, origin, worker: workerFor(hook, origin, `webhook "${hook.name}"`) };
      running.set(hook.name, next); // facts from now on follow the new settings
      watchSources();
      await stopWorker(hook.name, before?.worker); // the old worker finishes (or aborts) its attempt first: one sender per lane
      if (running.get(hook.name) === next) next.worker.start();
    },
    async uninstall(name) {
      const before = running.get(name);
      running.delete(name);
      watchSources();
      await stopWorker(name, before?.worker);
    },
    destinationStatus: (name) => {
      if (store.db.open) lanes.flush();
      return running.get(name)!.worker.status(10);
    },
  };

  for (const { worker } of running.values()) worker.start();
  return {
    status: () => {
      if (running.size > 0 && store.db.open) lanes.flush(); // staff see outcomes, not the group commit's lag
      return {
      destinations: [...running.values()].map(({ worker }) => worker.status(10)),
      pendingBytes: lanes.queuedBytes,
      quotaBytes,
      };
    },
    sendTest(name) {
      if (!running.has(name)) return null;
      const entry = journal.append({ type: 'webhook_test', occurredAt: clock.now(), payload: { destination: name, locationId } });
      return { eventId: entry.eventId };
    },
    deadLetters: (name, limit) => (running.has(name) ? lanes.deadLetters(laneOf(name), limit) : null),
    requeue(name, eventIds) {
      const destination = running.get(name);
      if (!destination) return null;
      const n = lanes.requeue(laneOf(name), eventIds, clock.now());
      destination.worker.rewind();
      return n;
    },
    names: () => [...running.keys()],
    edits: webhookEdits({ runtime, store: consoleStore, journal, lanes, clock, dataDir: config.dataDir, log, changed }),
    onChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      removeRouter();
      floor.off('achievement', onAchievement);
      if (deviceTimer) clearInterval(deviceTimer);
      await Promise.all([...running.values()].map(({ worker }) => worker.close()));
      if (store.db.open) lanes.flush();
      await dispatcher?.close();
    },
  };
}

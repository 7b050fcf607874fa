import type { DeviceStatus } from '../../shared/status.js';
import type { WebhooksStatus } from '../../shared/webhooks.js';
import type { FloorgateConfig } from '../config/schema.js';
import type { FloorEvents } from '../floor-events.js';
import type { Logger } from '../log.js';
import { displayName } from '../members/member.js';
import type { Store } from '../store/open-store.js';
import type { LaneDeadLetter } from '../store/lanes.js';
import type { Clock } from '../time/clock.js';
import { deviceChanges } from './device-watch.js';
import { isLanHost } from './config.js';
import { wants, webhookBody, webhookFactOf, type AchievementPayload, type DeviceHealthPayload, type DoorOpenedPayload } from './events.js';
import { LaneWorker } from './lane-worker.js';
import { resolveSecrets } from './secrets.js';
import { undiciAgent } from './undici.js';


export const laneOf = (name: string) => `webhook:${name}`;
const MB = 1024 * 1024;

export interface Webhooks {
  status(): WebhooksStatus;
  /** Queues a `test` event for one destination; null when there is no such destination. */
  sendTest(name: string): { eventId: string } | null;
  deadLetters(name: string, limit?: number): LaneDeadLetter[] | null;
  requeue(name: string, eventIds: string[] | 'all'): number | null;
  names(): string[];
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
  const hooks = config.webhooks;
  const locationId = config.location.id;
  const dispatcher = hooks.length > 0 ? undiciAgent() : null;
  const workers = new Map<string, LaneWorker>();
  hooks.forEach((hook, i) => {
    if (new URL(hook.url).protocol === 'http:') log.warn({ webhook: hook.name, host: new URL(hook.url).hostname, lan: isLanHost(new URL(hook.url).hostname) }, 'webhook over plain http (local network only): bodies are readable on the wire');
    const secrets = resolveSecrets(hook, i, config.dataDir);
    workers.set(hook.name, new LaneWorker({ hook, lane: laneOf(hook.name), secrets, lanes, clock, log: log.child({ webhook: hook.name }), dispatcher: dispatcher! }));
  });
  const retired = lanes.retire('webhook:', hooks.map((h) => laneOf(h.name)));
  if (retired > 0) log.warn({ dropped: retired }, 'deliveries of webhooks no longer configured were dropped');

  const quotaBytes = config.storage.webhookQuotaMB * MB;
  const touched = new Set<string>();
  let flushScheduled = false;
  // After the fact's transaction: wake the lanes it was queued on, and keep the queues within their quota.
  const afterCommit = () => {
    flushScheduled = false;
    for (const name of touched) workers.get(name)?.kick();
    touched.clear();
    if (lanes.pendingBytes > quotaBytes && store.db.open) {
      const shed = lanes.shedOverQuota(quotaBytes);
      if (shed > 0) log.warn({ shed, quotaMB: config.storage.webhookQuotaMB }, 'webhook queues over quota: oldest deliveries shed');
    }
  };
  const removeRouter = hooks.length === 0 ? () => undefined : journal.addRouter((entry) => {
    const fact = webhookFactOf(entry);
    if (!fact) return;
    let member: { displayName: string | null; fullName: string | null } | null | undefined;
    for (const hook of hooks) {
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

  const wanted = (prefix: string) => hooks.some((h) => h.events.some((e) => e.startsWith(prefix)));
  // Door openings are journaled by the doors themselves (door_opened); achievements and device health are journaled here.
  const journalLocal = (type: 'achievement' | 'device_health', payload: unknown) => {
    try {
      journal.append({ type, occurredAt: clock.now(), payload });
    } catch (error) {
      log.error({ err: error, type }, 'a fact for webhooks could not be stored');
    }
  };
  const onAchievement = (a: Omit<AchievementPayload, 'locationId'>) => journalLocal('achievement', { ...a, locationId });
  if (wanted('record.') || wanted('goal.')) floor.on('achievement', onAchievement);

  let deviceTimer: NodeJS.Timeout | null = null;
  if (wanted('device.')) {
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
  }

  for (const worker of workers.values()) worker.start();
  return {
    status: () => {
      if (workers.size > 0 && store.db.open) lanes.flush(); // staff see outcomes, not the group commit's lag
      return {
      destinations: [...workers.values()].map((w) => w.status(10)),
      pendingBytes: lanes.pendingBytes,
      quotaBytes,
      };
    },
    sendTest(name) {
      if (!workers.has(name)) return null;
      const entry = journal.append({ type: 'webhook_test', occurredAt: clock.now(), payload: { destination: name, locationId } });
      return { eventId: entry.eventId };
    },
    deadLetters: (name, limit) => (workers.has(name) ? lanes.deadLetters(laneOf(name), limit) : null),
    requeue(name, eventIds) {
      const worker = workers.get(name);
      if (!worker) return null;
      const n = lanes.requeue(laneOf(name), eventIds, clock.now());
      worker.rewind();
      return n;
    },
    names: () => [...workers.keys()],
    async close() {
      removeRouter();
      floor.off('achievement', onAchievement);
      if (deviceTimer) clearInterval(deviceTimer);
      await Promise.all([...workers.values()].map((w) => w.close()));
      if (store.db.open) lanes.flush();
      await dispatcher?.close();
    },
  };
}

import type { FloorView } from '../../shared/floor-view.js';
import type { WebhooksStatus } from '../../shared/webhooks.js';
import type { DeviceStatus, DoorStatus, GatewayStatus, UplinkState } from '../../shared/status.js';
import type { FloorgateConfig } from '../config/schema.js';
import type { Store } from '../store/open-store.js';
import { databaseBytes } from '../store/database.js';
import type { Clock } from '../time/clock.js';
import type { CloudLink } from '../uplink/cloud-link.js';

/** Re-exported for the composition root (app.ts counts its lines). */
export { createMetrics } from './metrics.js';

export interface StatusSources {
  version: string;
  config: FloorgateConfig;
  clock: Clock;
  store: Store;
  cloud: CloudLink | null;
  devices: () => DeviceStatus[];
  webhooks: { status(): WebhooksStatus };
  doors: () => DoorStatus[];
  floor: () => FloorView;
}

/** The box's state as staff and `/api/status` see it: uplink, queue, storage, pulls, alerts, roster, devices. */
export function statusReporter(sources: StatusSources): () => GatewayStatus {
  const { version, config, clock, store, cloud } = sources;
  const startedAt = clock.now().toISOString();
  return () => {
    const now = clock.now().getTime();
    const queue = store.outbox.stats();
    const link = cloud?.uplink.getStatus();
    return {
      version,
      locationId: config.location.id,
      startedAt,
      uplink: {
        state: link?.state ?? 'standalone',
        cloudUrl: config.cloud.url ?? null,
        tier: cloud ? config.cloud.tier : null,
        lastSuccessAt: link?.lastSuccessAt?.toISOString() ?? null,
        lastError: link?.lastError ?? null,
        nextAttemptAt: link?.nextAttemptAt?.toISOString() ?? null,
        summary: uplinkSummary(link?.state ?? 'standalone', queue.depth),
      },
      queue: {
        held: !cloud,
        depth: queue.depth,
        oldestAt: queue.oldestAt?.toISOString() ?? null,
        byType: Object.fromEntries(
          Object.entries(queue.byType).map(([type, q]) => [
            type,
            { depth: q.depth, oldestAgeS: q.oldestAt ? Math.max(0, Math.round((now - Date.parse(q.oldestAt)) / 1000)) : null },
          ]),
        ),
        deadLetters: queue.deadLetters,
        produced: queue.produced,
        delivered: queue.delivered,
        shed: queue.shed,
      },
      storage: {
        databaseBytes: databaseBytes(store.db),
        maxDatabaseBytes: config.storage.maxDatabaseMB * 1024 * 1024,
        pendingTelemetryBytes: queue.pendingTelemetryBytes,
        telemetryQuotaBytes: config.storage.telemetryQuotaMB * 1024 * 1024,
      },
      pulls: cloud?.pullStatus() ?? [],
      alerts: store.alerts.open(),
      roster: { members: store.roster.count() },
      devices: sources.devices(),
      webhooks: sources.webhooks.status(),
      doors: sources.doors(),
      floor: sources.floor(),
    };
  };
}

const STATE_WORDS: Record<Exclude<UplinkState, 'standalone'>, string> = {
  online: 'connected to the cloud',
  offline: 'cloud unreachable: retrying',
  rate_limited: 'cloud asked us to slow down: waiting',
  auth_error: 'the cloud refused the API key: replace it',
  circuit_open: 'cloud failing: paused before trying again',
};

/** One line for staff. Standalone says plainly that nothing leaves the box, so a held queue does not look stuck. */
export function uplinkSummary(state: UplinkState, depth: number): string {
  if (state === 'standalone') return 'standalone — nothing is sent anywhere';
  return depth > 0 ? `${STATE_WORDS[state]} (${depth} to send)` : STATE_WORDS[state];
}

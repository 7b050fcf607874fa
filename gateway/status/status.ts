import type { DeviceStatus, GatewayStatus } from '../../shared/status.js';
import type { WebhooksStatus } from '../../shared/webhooks.js';
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
      },
      queue: {
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
    };
  };
}

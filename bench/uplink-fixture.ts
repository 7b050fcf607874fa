/** A store with a backlog of queued events, for the uplink benchmarks. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../gateway/config/load.js';
import type { FloorgateConfig } from '../gateway/config/schema.js';
import { systemClock } from '../gateway/time/clock.js';
import { createLogger } from '../gateway/log.js';
import { openStore, type Store } from '../gateway/store/open-store.js';

export function storeWithBacklog(events: number, prepare?: (store: Store, config: FloorgateConfig) => void): Store {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'floorgate-bench-'));
  const config = loadConfig({ env: { FLOORGATE_DATA_DIR: dataDir, FLOORGATE_SIMULATOR: 'off' }, cwd: dataDir });
  config.storage.maxDatabaseMB = 4096;
  config.storage.telemetryQuotaMB = 2048;
  const store = openStore(config, systemClock, createLogger('silent'));
  prepare?.(store, config); // e.g. webhooks routing the backlog onto their lanes
  const started = Date.now() - events * 10;
  store.db.transaction(() => {
    for (let i = 0; i < events; i++) {
      const occurredAt = new Date(started + i * 10);
      if (i % 10 === 0) {
        store.journal.append({
          type: 'check_in',
          occurredAt,
          payload: { memberId: `m-${i % 500}`, locationId: 'main', badgeId: (0x10000 + (i % 500)).toString(16), method: 'badge', decision: 'accepted', decidedAt: occurredAt.toISOString(), offline: true, source: 'bench' },
        });
      } else {
        store.journal.append({
          type: 'equipment_session',
          occurredAt,
          payload: {
            equipmentId: `row-${i % 50}`,
            equipmentType: 'rower',
            memberId: null,
            startedAt: new Date(occurredAt.getTime() - 480_000).toISOString(),
            endedAt: occurredAt.toISOString(),
            summary: { distanceM: 2000, durationS: 480, avgPowerW: 180, maxPowerW: 260, avgPaceSecPer500m: 120, avgStrokeRateSpm: 26, energyKcal: 110, avgHeartRateBpm: 150, maxHeartRateBpm: 171 },
          },
        });
      }
    }
  })();
  return store;
}

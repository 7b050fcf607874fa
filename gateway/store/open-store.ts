import type { FloorgateConfig } from '../config/schema.js';
import type { Clock } from '../time/clock.js';
import type { Logger } from '../log.js';
import { AlertStore } from '../staff/alerts.js';
import { openDatabase, type Db } from './database.js';
import { Journal } from './journal.js';
import { Lanes } from './lanes.js';
import { Outbox } from './outbox.js';
import { RosterStore } from '../members/roster-store.js';
import { WodStore } from '../wods/wod-store.js';

const MB = 1024 * 1024;

export interface Store {
  db: Db;
  journal: Journal;
  outbox: Outbox;
  /** Deliveries to destinations other than the cloud (webhooks), one lane each. */
  lanes: Lanes;
  roster: RosterStore;
  wods: WodStore;
  alerts: AlertStore;
  /** Sheds telemetry over the quota now (also runs by itself after commits). */
  enforceTelemetryQuota(): number;
  close(): void;
}

/**
 * Opens the database and the stores over it, with the disk budget and the telemetry quota in force.
 * A corrupted file is quarantined and reported as a staff alert (never a crash loop).
 */
export function openStore(config: FloorgateConfig, clock: Clock, log: Logger): Store {
  const { db, quarantined } = openDatabase(config.dataDir, {
    maxBytes: config.storage.maxDatabaseMB * MB,
    now: () => clock.now(),
  });
  const lanes = new Lanes(db);
  const outbox = new Outbox(db, lanes);
  const quotaBytes = config.storage.telemetryQuotaMB * MB;
  let shedScheduled = false;
  const enforceTelemetryQuota = () => {
    const shed = outbox.shedTelemetry(quotaBytes);
    if (shed > 0) log.warn({ shed, quotaMB: config.storage.telemetryQuotaMB }, 'telemetry over quota: oldest shed');
    return shed;
  };
  const journal = new Journal(db, {
    groupCommit: { maxDelayMs: 50, maxRows: 500 },
    onCommitted: (entries) => {
      outbox.noteCommitted(entries);
      // Off the commit path: the caller (a check-in, a sample batch) does not wait for shedding.
      if (outbox.pendingTelemetryBytes > quotaBytes && !shedScheduled) {
        shedScheduled = true;
        setImmediate(() => {
          shedScheduled = false;
          try {
            if (db.open) enforceTelemetryQuota();
          } catch (error) {
            log.error({ err: error }, 'shedding telemetry failed; will try again after the next commit');
          }
        });
      }
    },
  });
  // A box that restarts over its quota sheds at once, not after the next commit.
  enforceTelemetryQuota();
  const alerts = new AlertStore(db, clock);
  if (quarantined) {
    log.error(quarantined, 'database failed its integrity check and was moved aside');
    alerts.raise(
      'database_quarantined',
      `The database failed its integrity check (${quarantined.reason}) and was moved to ${quarantined.movedTo}; a fresh one was started. Unsent events may remain in the old file.`,
    );
  }
  return {
    db,
    journal,
    outbox,
    lanes,
    roster: new RosterStore(db, config.checkin.badgeFormat),
    wods: new WodStore(db),
    alerts,
    enforceTelemetryQuota,
    close() {
      journal.close();
      lanes.flush();
      db.close();
    },
  };
}

import type { FloorgateConfig } from '../config/schema.js';
import type { Clock } from '../time/clock.js';
import type { Logger } from '../log.js';
import { AlertStore } from '../staff/alerts.js';
import { openDatabase, type Db } from './database.js';
import { Journal } from './journal.js';
import { Lanes } from './lanes.js';
import { Outbox } from './outbox.js';
import { TelemetryBudget } from './disk-budget.js';
import { salvage, type SalvageReport } from './salvage.js';
import { RosterStore } from '../members/roster-store.js';
import { WodStore } from '../wods/wod-store.js';

const MB = 1024 * 1024;
/** Delivered check-ins this recent are carried out of a quarantined file: the look-back rules need them. */
const SALVAGE_LOOK_BACK_MS = 24 * 3_600_000;

export interface Store {
  db: Db;
  journal: Journal;
  outbox: Outbox;
  /** Deliveries to destinations other than the cloud (webhooks), one lane each. */
  lanes: Lanes;
  roster: RosterStore;
  wods: WodStore;
  alerts: AlertStore;
  /** Keeps telemetry (events, sessions, samples, boards, achievements) inside its quota. */
  budget: TelemetryBudget;
  /** Sheds telemetry over the quota now (also runs by itself after commits). Returns the rows removed. */
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
  const maxBytes = config.storage.maxDatabaseMB * MB;
  const budget = new TelemetryBudget(db, outbox, { quotaBytes: config.storage.telemetryQuotaMB * MB, maxBytes });
  let shedScheduled = false;
  const enforceTelemetryQuota = () => {
    const report = budget.enforce();
    const removed = Object.values(report).reduce((a, b) => a + b, 0);
    if (removed > 0) log.warn({ ...report, quotaMB: config.storage.telemetryQuotaMB }, 'telemetry over its quota: oldest shed');
    return removed;
  };
  const journal = new Journal(db, {
    groupCommit: { maxDelayMs: 50, maxRows: 500 },
    onCommitted: () => {
      // Off the commit path: the caller (a check-in, a sample batch) waits neither for shedding nor for the
      // budget's own measure (two queries, ~0.2 ms of a check-in's answer when it ran here).
      if (shedScheduled) return;
      shedScheduled = true;
      setImmediate(() => {
        shedScheduled = false;
        try {
          if (db.open) enforceTelemetryQuota(); // measures first; sheds only when over
        } catch (error) {
          log.error({ err: error }, 'shedding telemetry failed; will try again after the next commit');
        }
      });
    },
  });
  // A box that restarts over its quota sheds at once, not after the next commit.
  enforceTelemetryQuota();
  const alerts = new AlertStore(db, clock);
  if (quarantined) {
    const now = clock.now();
    const saved = salvage(quarantined.movedTo, db, { lookBackSince: new Date(now.getTime() - SALVAGE_LOOK_BACK_MS), now });
    lanes.recount(); // salvage wrote webhook deliveries directly
    log.error({ ...quarantined, salvaged: saved }, 'database failed its integrity check and was moved aside; readable rows carried over');
    alerts.raise('database_quarantined', quarantineMessage(quarantined, saved));
    enforceTelemetryQuota();
  }
  return {
    db,
    journal,
    outbox,
    lanes,
    roster: new RosterStore(db, config.checkin.badgeFormat),
    wods: new WodStore(db),
    alerts,
    budget,
    enforceTelemetryQuota,
    close() {
      journal.close();
      lanes.flush();
      db.close();
    },
  };
}

/** What staff read: what happened, what was saved, what could not be read. */
export function quarantineMessage(quarantined: { movedTo: string; reason: string }, saved: SalvageReport): string {
  const head = `The database failed its integrity check (${quarantined.reason}) and was moved to ${quarantined.movedTo}; a fresh one was started.`;
  if (saved.fileUnreadable) return `${head} Nothing could be read from the old file (${saved.fileUnreadable}); unsent events in it are lost.`;
  const lost =
    saved.unreadable === 0 && saved.unreadableTables.length === 0
      ? 'Every row could be read.'
      : `${saved.unreadable} row(s) could not be read${saved.unreadableTables.length ? `, nor the table(s) ${saved.unreadableTables.join(', ')}` : ''}.`;
  const webhooks = saved.webhookDeliveries > 0 ? `, ${saved.webhookDeliveries} webhook delivery(ies) still to send` : '';
  const destinations = saved.webhookDestinations > 0 ? `, ${saved.webhookDestinations} webhook destination(s) made at the console` : '';
  return `${head} Saved ${saved.events} event(s) (${saved.unsent} still to send, with their eventIds)${webhooks}${destinations} and ${saved.members} member(s). ${lost}`;
}

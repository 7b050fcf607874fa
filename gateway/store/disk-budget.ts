import { Counters } from './counters.js';
import { databaseBytes, type Db } from './database.js';
import type { Outbox } from './outbox.js';

export interface BudgetLimits {
  /** Telemetry (events, sessions, samples, leaderboard entries, achievements) may occupy about this much. */
  quotaBytes: number;
  /** The database's whole budget (max_page_count), or null for none. */
  maxBytes: number | null;
}

/** What one enforcement removed, per kind. */
export interface ShedReport {
  deliveredTelemetry: number;
  sessions: number;
  pendingTelemetry: number;
  leaderboardEntries: number;
  achievements: number;
}

const BATCH = 200;

/**
 * Keeps telemetry inside its quota so check-ins keep the rest of the disk budget.
 *
 * Two measures, both O(1): the bytes telemetry rows hold (counters kept by triggers, migration 6),
 * and the pages in use. The quota bounds the first. Row bytes leave out SQLite's page and index
 * overhead, so a ceiling on pages backs it up: past the ceiling only check-ins may grow the file,
 * and telemetry is shed until the file is back under it. Check-ins are never shed.
 *
 * Shedding goes from what costs least to lose to what costs most, oldest first within each:
 * telemetry the cloud already has, local session details (samples), unsent telemetry (counted as
 * shed), provisional leaderboard entries, achievements.
 */
export class TelemetryBudget {
  private readonly counters: Counters;
  /** Past this many bytes in use, telemetry is shed whatever its own count says. */
  readonly ceilingBytes: number | null;

  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
    private readonly limits: BudgetLimits,
  ) {
    this.counters = new Counters(db);
    // Half the room kept for check-ins stays free of telemetry even when the estimate runs low.
    this.ceilingBytes = limits.maxBytes === null ? null : limits.maxBytes - (limits.maxBytes - limits.quotaBytes) / 2;
  }

  /** Bytes telemetry rows hold (payload plus keys), per table, from the counters. */
  telemetryBytesByTable(): Record<string, number> {
    return this.counters.byType('telemetry_bytes');
  }

  telemetryBytes(): number {
    return Object.values(this.telemetryBytesByTable()).reduce((a, b) => a + Math.max(0, b), 0);
  }

  overBudget(): boolean {
    if (this.telemetryBytes() > this.limits.quotaBytes) return true;
    if (this.outbox.pendingTelemetryBytes > this.limits.quotaBytes) return true;
    return this.ceilingBytes !== null && databaseBytes(this.db) > this.ceilingBytes;
  }

  /** Sheds until telemetry fits (or nothing is left to shed). */
  enforce(): ShedReport {
    const report: ShedReport = { deliveredTelemetry: 0, sessions: 0, pendingTelemetry: 0, leaderboardEntries: 0, achievements: 0 };
    const steps: Array<[keyof ShedReport, () => number]> = [
      ['deliveredTelemetry', () => this.dropOldest("SELECT seq FROM outbox WHERE state = 'delivered' AND priority > 0 ORDER BY seq LIMIT ?", ['DELETE FROM outbox WHERE seq = ?', 'DELETE FROM journal WHERE seq = ?'])],
      ['sessions', () => this.dropOldest('SELECT session_id FROM equipment_sessions ORDER BY ended_at LIMIT ?', ['DELETE FROM equipment_sessions WHERE session_id = ?'])],
      ['pendingTelemetry', () => this.outbox.shedOldestTelemetry(BATCH, () => this.overBudget())],
      ['leaderboardEntries', () => this.dropOldest('SELECT event_id FROM leaderboard_sessions ORDER BY ended_at LIMIT ?', ['DELETE FROM leaderboard_sessions WHERE event_id = ?'])],
      ['achievements', () => this.dropOldest('SELECT id FROM achievements ORDER BY at LIMIT ?', ['DELETE FROM achievements WHERE id = ?'])],
    ];
    for (const [kind, step] of steps) {
      while (this.overBudget()) {
        const n = step();
        if (n === 0) break;
        report[kind] += n;
      }
    }
    return report;
  }

  /** Deletes the oldest rows a query names, one by one while still over, in one transaction. */
  private dropOldest(selectSql: string, deleteSqls: string[]): number {
    const keys = this.db.prepare(selectSql).pluck().all(BATCH) as Array<string | number>;
    const deletes = deleteSqls.map((sql) => this.db.prepare(sql));
    let n = 0;
    this.db.transaction(() => {
      for (const key of keys) {
        if (!this.overBudget()) break;
        for (const del of deletes) del.run(key);
        n++;
      }
    })();
    return n;
  }
}

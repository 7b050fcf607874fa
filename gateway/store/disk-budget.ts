import { Counters } from './counters.js';
import type { Db } from './database.js';
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

/** Rows per shedding transaction: small, so the kinds interleave by age. */
const BATCH = 25;

/**
 * Keeps telemetry inside its quota so check-ins keep the rest of the disk budget.
 *
 * Two measures, both O(1): the bytes telemetry rows hold (counters kept by triggers, migration 6),
 * and the pages in use. The quota bounds the first. Row bytes leave out SQLite's page and index
 * overhead, so a ceiling on pages backs it up: past the ceiling only check-ins may grow the file,
 * and telemetry is shed until the file is back under it. Check-ins are never shed.
 *
 * Shedding takes telemetry the cloud already has first, then the oldest of everything else by
 * time — a session with its samples, unsent telemetry (counted as shed), a provisional leaderboard
 * entry, an achievement — so what is kept is the recent floor, whole.
 */
export class TelemetryBudget {
  private readonly counters: Counters;
  private readonly sumStmt;
  private readonly usedPagesStmt;
  private readonly pageSize: number;
  /** Past this many bytes in use, telemetry is shed whatever its own count says. */
  readonly ceilingBytes: number | null;

  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
    private readonly limits: BudgetLimits,
  ) {
    this.counters = new Counters(db);
    // Runs after every commit: one indexed range over the counters, one read of the page counts.
    this.sumStmt = db.prepare("SELECT coalesce(sum(max(value, 0)), 0) FROM counters WHERE name GLOB ?").pluck();
    this.usedPagesStmt = db.prepare('SELECT p.page_count - f.freelist_count FROM pragma_page_count() p, pragma_freelist_count() f').pluck();
    this.pageSize = db.pragma('page_size', { simple: true }) as number;
    // Half the room kept for check-ins stays free of telemetry even when the estimate runs low.
    this.ceilingBytes = limits.maxBytes === null ? null : limits.maxBytes - (limits.maxBytes - limits.quotaBytes) / 2;
  }

  /** Bytes telemetry rows hold (payload plus keys), per table, from the counters. */
  telemetryBytesByTable(): Record<string, number> {
    return this.counters.byType('telemetry_bytes');
  }

  telemetryBytes(): number {
    return this.sumStmt.get('telemetry_bytes:*') as number;
  }

  overBudget(): boolean {
    if (this.telemetryBytes() > this.limits.quotaBytes) return true;
    if (this.outbox.pendingTelemetryBytes > this.limits.quotaBytes) return true;
    return this.ceilingBytes !== null && (this.usedPagesStmt.get() as number) * this.pageSize > this.ceilingBytes;
  }

  /** Sheds until telemetry fits (or nothing is left to shed). */
  enforce(): ShedReport {
    const report: ShedReport = { deliveredTelemetry: 0, sessions: 0, pendingTelemetry: 0, leaderboardEntries: 0, achievements: 0 };
    // First what the cloud already has.
    while (this.overBudget()) {
      const n = this.dropOldest("SELECT seq FROM outbox WHERE state = 'delivered' AND priority > 0 ORDER BY seq LIMIT ?", [
        'DELETE FROM outbox WHERE seq = ?',
        'DELETE FROM journal WHERE seq = ?',
      ]);
      if (n === 0) break;
      report.deliveredTelemetry += n;
    }
    // Then the oldest of everything else, whichever table holds it (each oldest is one indexed lookup).
    const kinds: Array<{ kind: keyof ShedReport; oldest: () => number | null; drop: () => number }> = [
      {
        kind: 'sessions',
        oldest: () => this.scalar('SELECT min(ended_at) FROM equipment_sessions'),
        drop: () => this.dropOldest('SELECT session_id FROM equipment_sessions ORDER BY ended_at LIMIT ?', ['DELETE FROM equipment_sessions WHERE session_id = ?']),
      },
      {
        kind: 'pendingTelemetry',
        oldest: () => this.outbox.oldestPendingTelemetryAt(),
        drop: () => this.outbox.shedOldestTelemetry(BATCH, () => this.overBudget()),
      },
      {
        kind: 'leaderboardEntries',
        oldest: () => this.scalar('SELECT min(ended_at) FROM leaderboard_sessions'),
        drop: () => this.dropOldest('SELECT event_id FROM leaderboard_sessions ORDER BY ended_at LIMIT ?', ['DELETE FROM leaderboard_sessions WHERE event_id = ?']),
      },
      {
        kind: 'achievements',
        oldest: () => this.scalar('SELECT min(at) FROM achievements'),
        drop: () => this.dropOldest('SELECT id FROM achievements ORDER BY at LIMIT ?', ['DELETE FROM achievements WHERE id = ?']),
      },
    ];
    while (this.overBudget()) {
      let next: (typeof kinds)[number] | null = null;
      let nextAt = Infinity;
      for (const candidate of kinds) {
        const at = candidate.oldest();
        if (at !== null && at < nextAt) [next, nextAt] = [candidate, at];
      }
      if (!next) break;
      const n = next.drop();
      if (n === 0) break;
      report[next.kind] += n;
    }
    return report;
  }

  private scalar(sql: string): number | null {
    return (this.db.prepare(sql).pluck().get() as number | null | undefined) ?? null;
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

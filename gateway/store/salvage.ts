import Database from 'better-sqlite3';
import { Counters } from './counters.js';
import type { Db } from './database.js';
import { PRIORITY, type OutboundEventType } from './journal.js';
import { laneCounterName } from './lanes.js';

export interface SalvageReport {
  /** Events carried over with their eventIds (unsent ones go out again; the cloud dedups). */
  events: number;
  /** Of those, how many still have to be sent (pending or dead-lettered). */
  unsent: number;
  /** Webhook deliveries carried over still to send (same eventIds and bodies), on their destinations' lanes. */
  webhookDeliveries: number;
  /** Webhook destinations made at the staff console, and pauses, carried over. */
  webhookDestinations: number;
  members: number;
  badges: number;
  /** Rows in damaged pages that could not be read (an estimate when whole ranges are damaged). */
  unreadable: number;
  /** Tables whose extent could not be read at all (their row count is unknown). */
  unreadableTables: string[];
  /** Set when nothing at all could be read (not a database, or its schema page is damaged). */
  fileUnreadable: string | null;
}

export interface SalvageOptions {
  /** Delivered check-ins since this time are carried too: anti-passback and occupancy look back at them. */
  lookBackSince: Date;
  now: Date;
}

const CHUNK = 2_000;
const EVENT_TYPES = new Set(Object.keys(PRIORITY));

/**
 * Reads what can still be read from a quarantined database into the fresh one: unsent and
 * dead-lettered events with their journal rows, delivered check-ins inside the look-back window,
 * and the roster. Damaged pages make a range query fail; such ranges are split until each
 * unreadable row stands alone, so one bad page loses only the rows on it.
 */
export function salvage(quarantinedFile: string, into: Db, options: SalvageOptions): SalvageReport {
  const report: SalvageReport = { events: 0, unsent: 0, webhookDeliveries: 0, webhookDestinations: 0, members: 0, badges: 0, unreadable: 0, unreadableTables: [], fileUnreadable: null };
  let from: Db;
  try {
    from = new Database(quarantinedFile, { readonly: true, fileMustExist: true });
    from.prepare('SELECT name FROM sqlite_master').all();
  } catch (error) {
    report.fileUnreadable = (error as Error).message;
    return report;
  }
  try {
    const tables = new Set(from.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    // Deliveries are read first: the journal rows they point at are carried even when the cloud needs them no more.
    const deliveries = tables.has('deliveries') ? readByRange(from, 'deliveries', 'seq', 'lane, seq, event_id, event_type, body, state', report) : [];
    const newSeqs = tables.has('journal') ? carryEvents(from, into, options, report, tables.has('outbox'), new Set(deliveries.map((d) => Number(d.seq)))) : new Map<number, number>();
    carryDeliveries(into, deliveries, newSeqs, report);
    carryWebhookSettings(from, into, tables, report);
    if (tables.has('members')) carryRoster(from, into, report, tables.has('badges'));
  } finally {
    from.close();
  }
  return report;
}

type Row = Record<string, unknown>;

/** Reads a table by rowid ranges, splitting a failing range down to single rows (each then counted unreadable). */
function readByRowid(from: Db, table: string, columns: string, report: SalvageReport): Row[] {
  return readByRange(from, table, 'rowid', columns, report);
}

/**
 * Reads a table by ranges of an integer key (rowid, or an indexed column of a WITHOUT ROWID table), splitting a
 * failing range down to single key values (each then counted as one unreadable row).
 */
function readByRange(from: Db, table: string, key: string, columns: string, report: SalvageReport): Row[] {
  const bounds = safeGet(from, `SELECT min(${key}) AS lo, max(${key}) AS hi FROM ${table}`);
  if (!bounds) {
    report.unreadableTables.push(table);
    return [];
  }
  if (bounds.lo === null) return [];
  const range = from.prepare(`SELECT ${columns} FROM ${table} WHERE ${key} BETWEEN ? AND ?`);
  // A single row by equality: a range scan steps on past its last row, into the next (maybe damaged) page.
  const one = from.prepare(`SELECT ${columns} FROM ${table} WHERE ${key} = ?`);
  const rows: Row[] = [];
  const read = (lo: number, hi: number): void => {
    try {
      rows.push(...((lo === hi ? one.all(lo) : range.all(lo, hi)) as Row[]));
    } catch {
      if (lo === hi) {
        report.unreadable++;
        return;
      }
      const mid = Math.floor((lo + hi) / 2);
      read(lo, mid);
      read(mid + 1, hi);
    }
  };
  for (let lo = Number(bounds.lo); lo <= Number(bounds.hi); lo += CHUNK) read(lo, Math.min(Number(bounds.hi), lo + CHUNK - 1));
  return rows;
}

function safeGet(from: Db, sql: string): Row | null {
  try {
    return (from.prepare(sql).get() as Row | undefined) ?? null;
  } catch {
    return null;
  }
}

/** Carries events into the fresh journal; returns each carried row's old seq → new seq. */
function carryEvents(from: Db, into: Db, options: SalvageOptions, report: SalvageReport, hasOutbox: boolean, forWebhooks: Set<number>): Map<number, number> {
  const newSeqs = new Map<number, number>();
  const journal = readByRowid(from, 'journal', 'seq, event_id, type, occurred_at, payload', report);
  const states = new Map<number, string>();
  if (hasOutbox) {
    for (const row of readByRowid(from, 'outbox', 'seq, state', report)) states.set(Number(row.seq), String(row.state));
  }
  const since = options.lookBackSince.getTime();
  const insertJournal = into.prepare('INSERT OR IGNORE INTO journal (event_id, type, occurred_at, payload) VALUES (?, ?, ?, ?)');
  const insertOutbox = into.prepare('INSERT INTO outbox (seq, priority, state, updated_at) VALUES (?, ?, ?, ?)');
  const counters = new Counters(into);
  into.transaction(() => {
    for (const row of journal.sort((a, b) => Number(a.seq) - Number(b.seq))) {
      const type = String(row.type);
      if (typeof row.event_id !== 'string' || typeof row.payload !== 'string') {
        report.unreadable++;
        continue;
      }
      const webhooksNeedIt = forWebhooks.has(Number(row.seq));
      if (!EVENT_TYPES.has(type)) {
        // Facts kept on the box only (claims, door openings…) are not worth a resend, unless a webhook still waits for them.
        if (!webhooksNeedIt) continue;
        const { changes, lastInsertRowid } = insertJournal.run(row.event_id, type, Number(row.occurred_at), row.payload);
        if (changes > 0) newSeqs.set(Number(row.seq), Number(lastInsertRowid));
        continue;
      }
      // An outbox row we could not read: send again (the cloud dedups by eventId) rather than risk losing it.
      const state = states.get(Number(row.seq)) ?? 'pending';
      const recentCheckIn = type === 'check_in' && Number(row.occurred_at) >= since;
      if (state === 'delivered' && !recentCheckIn && !webhooksNeedIt) continue;
      const { changes, lastInsertRowid } = insertJournal.run(row.event_id, type, Number(row.occurred_at), row.payload);
      if (changes === 0) continue;
      newSeqs.set(Number(row.seq), Number(lastInsertRowid));
      insertOutbox.run(lastInsertRowid, PRIORITY[type as OutboundEventType], state === 'dead' || state === 'delivered' ? state : 'pending', options.now.getTime());
      counters.bump(`produced:${type}`);
      if (state === 'delivered') counters.bump(`delivered:${type}`);
      if (state === 'dead') counters.bump(`dead:${type}`);
      report.events++;
      if (state !== 'delivered') report.unsent++;
    }
  })();
  return newSeqs;
}

/**
 * Webhook deliveries not yet delivered go back on their lanes, pending (dead letters stay dead), with their eventIds
 * and bodies: a receiver that got one before the corruption drops the repeat by its webhook-id.
 */
function carryDeliveries(into: Db, deliveries: Row[], newSeqs: Map<number, number>, report: SalvageReport): void {
  const insert = into.prepare("INSERT OR IGNORE INTO deliveries (lane, seq, event_id, event_type, body, state) VALUES (?, ?, ?, ?, ?, ?)");
  const counters = new Counters(into);
  into.transaction(() => {
    for (const row of deliveries) {
      if (row.state === 'delivered') continue;
      const seq = newSeqs.get(Number(row.seq));
      const readable = [row.lane, row.event_id, row.event_type, row.body].every((v) => typeof v === 'string');
      if (seq === undefined || !readable) {
        report.unreadable++; // its journal row, or the row itself, was on a damaged page
        continue;
      }
      const state = row.state === 'dead' ? 'dead' : 'pending';
      if (insert.run(row.lane, seq, row.event_id, row.event_type, row.body, state).changes === 0) continue;
      counters.bump(laneCounterName('queued', String(row.lane)));
      if (state === 'dead') counters.bump(laneCounterName('dead', String(row.lane)));
      else report.webhookDeliveries++;
    }
  })();
}

/** The staff console's webhook destinations and the pauses staff set (small WITHOUT ROWID tables: read whole). */
function carryWebhookSettings(from: Db, into: Db, tables: Set<string>, report: SalvageReport): void {
  const copy = (table: string, columns: string[]) => {
    if (!tables.has(table)) return;
    let rows: Row[];
    try {
      rows = from.prepare(`SELECT ${columns.join(', ')} FROM ${table}`).all() as Row[];
    } catch {
      report.unreadableTables.push(table);
      return;
    }
    const insert = into.prepare(`INSERT OR IGNORE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    into.transaction(() => {
      for (const row of rows) {
        const changes = insert.run(...columns.map((c) => row[c])).changes;
        if (table === 'webhook_destinations') report.webhookDestinations += changes;
      }
    })();
  };
  copy('webhook_destinations', ['name', 'settings', 'created_at', 'updated_at']);
  copy('webhook_pauses', ['name', 'paused_at']);
}

function carryRoster(from: Db, into: Db, report: SalvageReport, hasBadges: boolean): void {
  const members = readByRowid(from, 'members', 'id, data, updated_at', report);
  const badges = hasBadges ? readByRowid(from, 'badges', 'badge, member_id', report) : [];
  const insertMember = into.prepare('INSERT OR IGNORE INTO members (id, data, updated_at) VALUES (?, ?, ?)');
  const insertBadge = into.prepare('INSERT OR IGNORE INTO badges (badge, member_id) VALUES (?, ?)');
  into.transaction(() => {
    const known = new Set<string>();
    for (const row of members) {
      if (typeof row.id !== 'string' || typeof row.data !== 'string') {
        report.unreadable++;
        continue;
      }
      report.members += insertMember.run(row.id, row.data, Number(row.updated_at)).changes;
      known.add(row.id);
    }
    for (const row of badges) {
      if (typeof row.badge !== 'string' || typeof row.member_id !== 'string' || !known.has(row.member_id)) continue;
      report.badges += insertBadge.run(row.badge, row.member_id).changes;
    }
  })();
}

import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

export interface OpenOptions {
  fileName?: string;
  /** Disk budget for the database file; writes past it fail with SQLITE_FULL. */
  maxBytes?: number | null;
  now?: () => Date;
  /** Quarantined files kept (newest first); older ones are deleted. Default 2. */
  keepQuarantined?: number;
}

export interface OpenedDatabase {
  db: Db;
  /** Set when the file at start was unreadable and was moved aside. */
  quarantined: { movedTo: string; reason: string } | null;
}

/**
 * Opens (or creates) the gateway's database in the data dir and brings its schema up to date.
 * WAL with synchronous=FULL: a commit is on disk before we tell anyone it happened.
 * A file that fails `quick_check` (or is not a database at all) is moved aside and a fresh one
 * started, so a corrupted disk means an alert for staff, not a crash loop.
 */
export function openDatabase(dataDir: string, options: OpenOptions = {}): OpenedDatabase {
  const file = path.join(dataDir, options.fileName ?? 'floorgate.db');
  keepPrivate(dataDir, file);
  let quarantined: OpenedDatabase['quarantined'] = null;
  let db: Db;
  try {
    db = openChecked(file);
  } catch (error) {
    if (!isCorruption(error)) throw error;
    const reason = (error as Error).message;
    const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
    const movedTo = `${file}.corrupt-${stamp}`;
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(file + suffix)) renameSync(file + suffix, movedTo + suffix);
    }
    quarantined = { movedTo, reason };
    pruneQuarantined(file, options.keepQuarantined ?? 2);
    keepPrivate(dataDir, file);
    db = openChecked(file);
  }
  if (options.maxBytes) setBudget(db, options.maxBytes);
  return { db, quarantined };
}

/** Each quarantine keeps a full-size file: only the newest `keep` stay (the names sort by time). */
function pruneQuarantined(file: string, keep: number): void {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.corrupt-`;
  const stamps = readdirSync(dir)
    .filter((name) => name.startsWith(prefix) && !name.endsWith('-wal') && !name.endsWith('-shm'))
    .sort()
    .reverse();
  for (const name of stamps.slice(keep)) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(path.join(dir, name + suffix), { force: true });
  }
}

/**
 * The database holds names and badge ids: the data dir is 0700 and the file 0600. SQLite gives its
 * -wal and -shm files the mode of the database file, so creating that one 0600 covers all three.
 */
function keepPrivate(dataDir: string, file: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) chmodSync(file + suffix, 0o600);
}

export class CorruptDatabaseError extends Error {
  override name = 'CorruptDatabaseError';
}

/** Corruption is moved aside; anything else (a newer schema, permissions) must stop the gateway. */
function isCorruption(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code ?? '';
  return error instanceof CorruptDatabaseError || code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT');
}

function openChecked(file: string): Db {
  const db = new Database(file);
  try {
    // Incremental auto-vacuum lets the retention job give pages back to the file system.
    // It must be chosen before the first table exists (or applied with a VACUUM).
    const fresh = (db.pragma('page_count', { simple: true }) as number) === 0;
    if (fresh) db.pragma('auto_vacuum = INCREMENTAL');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new CorruptDatabaseError(`quick_check: ${String(check)}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    // 16 MiB of page cache (SQLite's default is 2 MiB): a box holds up to a million events, and with 2 MiB the
    // uplink's settle writes and the webhook lanes' writes evicted each other's pages (bench/webhooks-fanout.ts:
    // the drain beside ten webhook destinations went from 91 % to 96 % of its rate alone). Pages are only held once read.
    db.pragma('cache_size = -16384');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if ((db.pragma('auto_vacuum', { simple: true }) as number) !== 2) {
      db.pragma('auto_vacuum = INCREMENTAL');
      db.exec('VACUUM');
    }
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Caps the main database file at about `maxBytes` (SQLite's max_page_count). */
export function setBudget(db: Db, maxBytes: number): void {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.pragma(`max_page_count = ${Math.max(16, Math.floor(maxBytes / pageSize))}`);
}

/** Bytes in use (pages minus free pages). Its statements are prepared once per connection: every status read asks. */
export function databaseBytes(db: Db): number {
  let size = sizeStatements.get(db);
  if (!size) {
    const pragma = (name: string) => db.prepare(`PRAGMA ${name}`).pluck();
    size = { pages: pragma('page_count'), free: pragma('freelist_count'), pageSize: pragma('page_size') };
    sizeStatements.set(db, size);
  }
  return ((size.pages.get() as number) - (size.free.get() as number)) * (size.pageSize.get() as number);
}
const sizeStatements = new WeakMap<Db, Record<'pages' | 'free' | 'pageSize', Database.Statement>>();

export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_WRITE' || code === 'ENOSPC';
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Db): void {
  const current = schemaVersion(db);
  const latest = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
  if (current > latest) {
    throw new Error(
      `The database schema is version ${current}, newer than this Floorgate knows (${latest}). Upgrade Floorgate.`,
    );
  }
  for (const step of MIGRATIONS) {
    if (step.version <= current) continue;
    db.transaction(() => {
      db.exec(step.sql);
      db.pragma(`user_version = ${step.version}`);
    })();
  }
}

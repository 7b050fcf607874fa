/**
 * The database size staff see (`storage.databaseBytes` on the status, `floorgate_database_bytes` on /metrics) is
 * read with statements prepared once per connection: each read must still be the file as it is now.
 * A real SQLite file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseBytes, openDatabase, type Db } from '../../gateway/store/database.js';

describe('databaseBytes', () => {
  let dir = '';
  let db: Db | null = null;
  afterEach(() => {
    db?.close();
    db = null;
    rmSync(dir, { recursive: true, force: true });
  });

  it('follows the rows: written rows raise it, deleted rows (pages on the free list) lower it, read after read', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'floorgate-size-'));
    db = openDatabase(dir).db;
    const empty = databaseBytes(db);
    const insert = db.prepare("INSERT INTO journal (event_id, type, occurred_at, payload) VALUES (?, 'device_status', 0, ?)");
    const payload = JSON.stringify({ text: 'x'.repeat(1_000) });
    db.transaction(() => {
      for (let i = 0; i < 2_000; i++) insert.run(`size-${i}`, payload);
    })();
    const full = databaseBytes(db);
    expect(full - empty).toBeGreaterThan(2_000 * 1_000);

    db.prepare("DELETE FROM journal WHERE event_id LIKE 'size-%'").run();
    const emptied = databaseBytes(db);
    expect(emptied).toBeLessThan(empty + 100_000);
    // A second connection's view is its own: the size is per database, not remembered from the first.
    const other = openDatabase(dir).db;
    try {
      expect(databaseBytes(other)).toBe(emptied);
    } finally {
      other.close();
    }
  });
});

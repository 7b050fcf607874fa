import { EventEmitter } from 'node:events';
import type { StaffAlert } from '../../shared/status.js';
import type { Clock } from '../time/clock.js';
import type { Db } from '../store/database.js';


/**
 * What staff must see and act on (database quarantined, disk full, cloud key refused…).
 * Kept in SQLite so an alert survives the restart that may have caused it. One open alert per code.
 */
export class AlertStore extends EventEmitter<{ changed: [StaffAlert[]] }> {
  // Prepared once: `open()` is part of every status read (/api/status, /metrics, the staff room).
  private readonly openOfCode;
  private readonly update;
  private readonly insert;
  private readonly resolveCode;
  private readonly resolveId;
  private readonly openAll;

  constructor(
    db: Db,
    private readonly clock: Clock,
  ) {
    super();
    this.openOfCode = db.prepare('SELECT id FROM alerts WHERE code = ? AND resolved_at IS NULL');
    this.update = db.prepare('UPDATE alerts SET message = ?, at = ? WHERE code = ? AND resolved_at IS NULL');
    this.insert = db.prepare('INSERT INTO alerts (at, code, message) VALUES (?, ?, ?)');
    this.resolveCode = db.prepare('UPDATE alerts SET resolved_at = ? WHERE code = ? AND resolved_at IS NULL');
    this.resolveId = db.prepare('UPDATE alerts SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL');
    this.openAll = db.prepare('SELECT id, at, code, message FROM alerts WHERE resolved_at IS NULL ORDER BY id');
  }

  raise(code: string, message: string): void {
    const open = this.openOfCode.get(code);
    try {
      if (open) this.update.run(message, this.clock.now().getTime(), code);
      else this.insert.run(this.clock.now().getTime(), code, message);
    } catch {
      // The disk may be what is full: the alert still reaches staff live, it just is not kept.
    }
    this.emit('changed', this.open());
  }

  resolve(code: string): void {
    const { changes } = this.resolveCode.run(this.clock.now().getTime(), code);
    if (changes > 0) this.emit('changed', this.open());
  }

  /** Staff saw it and dealt with it: it leaves the list (a cause that persists raises it again). False if none was open. */
  acknowledge(id: number): boolean {
    const { changes } = this.resolveId.run(this.clock.now().getTime(), id);
    if (changes > 0) this.emit('changed', this.open());
    return changes > 0;
  }

  open(): StaffAlert[] {
    return (this.openAll.all() as Array<{
      id: number;
      at: number;
      code: string;
      message: string;
    }>).map((row) => ({ ...row, at: new Date(row.at).toISOString() }));
  }
}

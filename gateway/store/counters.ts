import type { Db } from './database.js';

/** Persistent exact counters (`produced:check_in`, `shed:equipment_session`, …), bumped inside the writer's transaction. */
export class Counters {
  private readonly bumpStmt;
  private readonly allStmt;
  private readonly getStmt;

  constructor(db: Db) {
    this.bumpStmt = db.prepare(
      'INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = value + excluded.value',
    );
    this.allStmt = db.prepare('SELECT name, value FROM counters');
    this.getStmt = db.prepare('SELECT value FROM counters WHERE name = ?').pluck();
  }

  bump(name: string, delta = 1): void {
    if (delta !== 0) this.bumpStmt.run(name, delta);
  }

  get(name: string): number {
    return (this.getStmt.get(name) as number | undefined) ?? 0;
  }

  all(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const row of this.allStmt.all() as Array<{ name: string; value: number }>) out[row.name] = row.value;
    return out;
  }

  /** Values of `prefix:<type>` as { type: value }. */
  byType(prefix: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [name, value] of Object.entries(this.all())) {
      if (name.startsWith(`${prefix}:`)) out[name.slice(prefix.length + 1)] = value;
    }
    return out;
  }
}

import type { PullStatus } from '../../shared/status.js';
import type { Db } from '../store/database.js';


/** Per pull: when it last ran, last succeeded, what went wrong, and its resumable state (cursor). */
export class PullStore {
  constructor(private readonly db: Db) {}

  state<T>(name: string): T | null {
    const row = this.db.prepare('SELECT state FROM pulls WHERE name = ?').get(name) as { state: string | null } | undefined;
    return row?.state ? (JSON.parse(row.state) as T) : null;
  }

  saveState(name: string, state: unknown): void {
    this.db
      .prepare('INSERT INTO pulls (name, state) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET state = excluded.state')
      .run(name, JSON.stringify(state));
  }

  recordAttempt(name: string, at: Date, error: string | null): void {
    this.db
      .prepare(
        `INSERT INTO pulls (name, last_attempt_at, last_success_at, last_error) VALUES (?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET last_attempt_at = excluded.last_attempt_at,
           last_success_at = coalesce(excluded.last_success_at, pulls.last_success_at), last_error = excluded.last_error`,
      )
      .run(name, at.getTime(), error === null ? at.getTime() : null, error);
  }

  all(): PullStatus[] {
    const rows = this.db.prepare('SELECT name, last_attempt_at, last_success_at, last_error FROM pulls ORDER BY name').all() as Array<{
      name: string;
      last_attempt_at: number | null;
      last_success_at: number | null;
      last_error: string | null;
    }>;
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return rows.map((r) => ({ name: r.name, lastAttemptAt: iso(r.last_attempt_at), lastSuccessAt: iso(r.last_success_at), lastError: r.last_error }));
  }
}

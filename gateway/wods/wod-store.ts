import type { Wod } from '../../shared/checkin.js';
import type { Db } from '../store/database.js';

/** Daily WODs cached per location and local date, so the entrance shows one offline. */
export class WodStore {
  constructor(private readonly db: Db) {}

  get(locationId: string, date: string): Wod | null {
    const row = this.db
      .prepare('SELECT data FROM daily_wods WHERE location_id = ? AND date = ?')
      .get(locationId, date) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as Wod) : null;
  }

  put(locationId: string, wod: Wod): void {
    this.db
      .prepare('INSERT OR REPLACE INTO daily_wods (location_id, date, data) VALUES (?, ?, ?)')
      .run(locationId, wod.date, JSON.stringify(wod));
  }
}

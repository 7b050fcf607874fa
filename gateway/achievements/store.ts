import type { AchievementKind } from '../../shared/achievements.js';
import type { EquipmentKind } from '../../shared/equipment.js';
import type { Db } from '../store/database.js';
import type { PersonalBest } from './records.js';

export interface StoredAchievement {
  /** Deterministic (`pr:<eventId>:<category>`, `goal:<challengeId>:<memberId>`): a replay adds nothing. */
  id: string;
  memberId: string;
  kind: AchievementKind;
  at: string;
  title: string;
  detail: string;
  equipmentType: EquipmentKind | null;
}

/** Personal bests and achievements (SQLite, migration 4). */
export class AchievementStore {
  constructor(private readonly db: Db) {}

  bests(memberId: string): Map<string, PersonalBest> {
    const rows = this.db
      .prepare('SELECT category, value, event_id, at FROM personal_bests WHERE member_id = ?')
      .all(memberId) as Array<{ category: string; value: number; event_id: string; at: number }>;
    return new Map(
      rows.map((r) => [r.category, { category: r.category, value: r.value, eventId: r.event_id, at: new Date(r.at).toISOString() }]),
    );
  }

  /** Stores changed bests and new achievements in one transaction; returns the achievements that were new. */
  record(memberId: string, bests: PersonalBest[], achievements: StoredAchievement[]): StoredAchievement[] {
    const putBest = this.db.prepare(
      `INSERT INTO personal_bests (member_id, category, value, event_id, at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (member_id, category) DO UPDATE SET value = excluded.value, event_id = excluded.event_id, at = excluded.at`,
    );
    const add = this.db.prepare('INSERT OR IGNORE INTO achievements (id, member_id, kind, at, data) VALUES (?, ?, ?, ?, ?)');
    const added: StoredAchievement[] = [];
    this.db.transaction(() => {
      for (const best of bests) putBest.run(memberId, best.category, best.value, best.eventId, Date.parse(best.at));
      for (const a of achievements) {
        if (add.run(a.id, a.memberId, a.kind, Date.parse(a.at), JSON.stringify(a)).changes > 0) added.push(a);
      }
    })();
    return added;
  }

  /** Newest first, since `since`. */
  recent(since: Date, limit: number): StoredAchievement[] {
    const rows = this.db
      .prepare('SELECT data FROM achievements WHERE at >= ? ORDER BY at DESC, id LIMIT ?')
      .all(since.getTime(), limit) as Array<{ data: string }>;
    return rows.map((r) => JSON.parse(r.data) as StoredAchievement);
  }
}

import { EventEmitter } from 'node:events';
import { normalizeBadge, type BadgeFormat } from '../checkin/badge.js';
import type { Member } from './member.js';
import type { Db } from '../store/database.js';

export interface RosterWriteResult {
  members: number;
  badges: number;
  /** Badges claimed by more than one member: the later member in the input wins. */
  conflicts: Array<{ badge: string; memberIds: [string, string] }>;
}

/** The cached roster, with badges indexed in their normalized form. Tells listeners when members change. */
export class RosterStore extends EventEmitter<{ changed: [] }> {
  private readonly byBadge;
  private readonly byId;
  private readonly countMembers;

  constructor(
    private readonly db: Db,
    private readonly badgeFormat: BadgeFormat,
  ) {
    super();
    this.byBadge = db.prepare(
      'SELECT m.data FROM badges b JOIN members m ON m.id = b.member_id WHERE b.badge = ?',
    );
    // Prepared once: sessions ask for members by id, and every status read counts them.
    this.byId = db.prepare('SELECT data FROM members WHERE id = ?');
    this.countMembers = db.prepare('SELECT count(*) FROM members').pluck();
    this.reindexIfFormatChanged();
  }

  findByBadge(normalizedBadge: string): Member | null {
    const row = this.byBadge.get(normalizedBadge) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as Member) : null;
  }

  /** A badge as a reader or a person typed it. */
  findByBadgeAsRead(badge: string): Member | null {
    const normalized = normalizeBadge(badge, this.badgeFormat);
    return normalized ? this.findByBadge(normalized) : null;
  }

  findById(id: string): Member | null {
    const row = this.byId.get(id) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as Member) : null;
  }

  count(): number {
    return this.countMembers.get() as number;
  }

  /** Inserts or updates members (and their badges) in one transaction. */
  upsert(members: Member[], now: Date): RosterWriteResult {
    const result: RosterWriteResult = { members: 0, badges: 0, conflicts: [] };
    const putMember = this.db.prepare(
      'INSERT INTO members (id, data, updated_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at',
    );
    const dropBadges = this.db.prepare('DELETE FROM badges WHERE member_id = ?');
    const ownerOf = this.db.prepare('SELECT member_id FROM badges WHERE badge = ?');
    const putBadge = this.db.prepare(
      'INSERT INTO badges (badge, member_id) VALUES (?, ?) ON CONFLICT (badge) DO UPDATE SET member_id = excluded.member_id',
    );
    this.db.transaction(() => {
      for (const member of members) {
        putMember.run(member.id, JSON.stringify(member), now.getTime());
        dropBadges.run(member.id);
        result.members++;
        for (const raw of member.badgeIds) {
          const badge = normalizeBadge(raw, this.badgeFormat);
          if (!badge) continue;
          const owner = ownerOf.get(badge) as { member_id: string } | undefined;
          if (owner && owner.member_id !== member.id) {
            result.conflicts.push({ badge, memberIds: [owner.member_id, member.id] });
          }
          putBadge.run(badge, member.id);
          result.badges++;
        }
      }
    })();
    if (result.members > 0) this.emit('changed');
    return result;
  }

  /** Badges are stored normalized; when the configured format changes, normalize them anew. */
  private reindexIfFormatChanged(): void {
    const stored = this.db.prepare("SELECT value FROM settings WHERE key = 'badge_format'").get() as
      | { value: string }
      | undefined;
    if (stored?.value === this.badgeFormat) return;
    this.db.transaction(() => {
      if (stored) {
        this.db.exec('DELETE FROM badges');
        const all = this.db.prepare('SELECT data FROM members').all() as Array<{ data: string }>;
        const putBadge = this.db.prepare('INSERT OR REPLACE INTO badges (badge, member_id) VALUES (?, ?)');
        for (const { data } of all) {
          const member = JSON.parse(data) as Member;
          for (const raw of member.badgeIds) putBadge.run(normalizeBadge(raw, this.badgeFormat), member.id);
        }
      }
      this.db
        .prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('badge_format', ?)")
        .run(this.badgeFormat);
    })();
  }
}

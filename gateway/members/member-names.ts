import { displayName } from './member.js';
import type { RosterStore } from './roster-store.js';

/**
 * Public names of members ("Anna S.", an alias, or null when hidden), looked up through the privacy rules. Readings
 * arrive several times a second per machine, so names are cached — and forgotten whenever the roster changes, so a
 * member who hides their name disappears from every screen with the next roster pull, not the next restart.
 */
export class MemberNames {
  private readonly cache = new Map<string, string | null | undefined>();

  constructor(private readonly roster: RosterStore) {
    roster.on('changed', () => this.cache.clear());
  }

  /** The member's public name; null = hidden; undefined = not in this box's roster. */
  of(memberId: string): string | null | undefined {
    if (!this.cache.has(memberId)) {
      const member = this.roster.findById(memberId);
      this.cache.set(memberId, member ? displayName(member) : undefined);
    }
    return this.cache.get(memberId);
  }
}

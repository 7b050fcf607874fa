import type { AchievementsState } from '../../shared/achievements.js';
import type { EquipmentKind } from '../../shared/equipment.js';
import { formatDistance, formatDuration, formatPace, formatValue } from '../../shared/format.js';
import type { ChallengeSummary } from '../../shared/leaderboard.js';
import type { ChallengeSession } from '../challenges/session-entry.js';
import type { ClassSummaryFact } from '../classes/class-effort.js';
import type { Clock } from '../time/clock.js';
import { detectRecords, type PersonalRecord } from './records.js';
import type { AchievementStore, StoredAchievement } from './store.js';

export interface AchievementsOptions {
  store: AchievementStore;
  locationId: string;
  clock: Clock;
  /** Public name ("Anna S.", alias) or null (hidden / unknown). */
  nameOf: (memberId: string) => string | null;
  onChange: (state: AchievementsState) => void;
  /** A personal note for the member's own room (their phone, their kiosk). */
  notify?: (memberId: string, achievement: StoredAchievement) => void;
  /** How far back the screen looks. */
  windowDays?: number;
  limit?: number;
}

const MACHINE: Record<EquipmentKind, string> = {
  rower: 'Row',
  bike: 'Bike',
  treadmill: 'Run',
  cross_trainer: 'Cross trainer',
  ski: 'Ski',
  hr_strap: 'Workout',
};

function describe(record: PersonalRecord): { title: string; detail: string } {
  const machine = MACHINE[record.equipmentType];
  switch (record.measure) {
    case 'longest_distance':
      return { title: `Longest ${machine.toLowerCase()}`, detail: `${formatDistance(record.value)} (was ${formatDistance(record.previous)})` };
    case 'longest_time':
      return { title: `Longest ${machine.toLowerCase()} by time`, detail: `${formatDuration(record.value)} (was ${formatDuration(record.previous)})` };
    case 'best_pace':
      return { title: `${machine}: best pace`, detail: `${formatPace(record.value)} /500 m (was ${formatPace(record.previous)})` };
    case 'best_power':
      return { title: `${machine}: best average power`, detail: `${Math.round(record.value)} W (was ${Math.round(record.previous)} W)` };
  }
}

/** Personal records and goals reached, derived from members' sessions, for the achievements screen and widget. */
export class Achievements {
  constructor(private readonly options: AchievementsOptions) {}

  /** Detects and stores the records a session sets; returns how many (pr_count challenges count them). */
  recordSession(session: ChallengeSession): number {
    const { store } = this.options;
    const found = detectRecords(session, store.bests(session.memberId));
    const achievements = found.records.map((record): StoredAchievement => ({
      id: `pr:${record.eventId}:${record.category}`,
      memberId: session.memberId,
      kind: 'personal_record',
      at: record.at,
      equipmentType: record.equipmentType,
      ...describe(record),
    }));
    const added = store.record(session.memberId, found.bests, achievements);
    this.announce(added);
    return found.records.length;
  }

  goalReached(memberId: string, challenge: ChallengeSummary, at: Date): void {
    const achievement: StoredAchievement = {
      id: `goal:${challenge.id}:${memberId}`,
      memberId,
      kind: 'goal_reached',
      at: at.toISOString(),
      title: challenge.name,
      detail: challenge.target === null ? 'Goal reached' : `Goal reached: ${formatValue(challenge.target, challenge.unit)}`,
      equipmentType: null,
    };
    this.announce(this.options.store.record(memberId, [], [achievement]));
  }

  /** A class ended: its top effort and total points go on the screen, under the top member's name. */
  classEnded(fact: ClassSummaryFact): void {
    const top = fact.members.find((m) => m.memberId === fact.topMemberId);
    if (!top) return; // nobody earned a point: nothing to celebrate
    const achievement: StoredAchievement = {
      id: `class:${fact.classId}`,
      memberId: top.memberId,
      kind: 'class_summary',
      at: fact.endedAt,
      title: `${fact.title}: top effort`,
      detail: `${top.points} points · class total ${fact.totalPoints} points, ${fact.members.length} ${fact.members.length === 1 ? 'member' : 'members'}`,
      equipmentType: null,
    };
    // No personal note: the class screen already showed it to everyone in the room.
    if (this.options.store.record(top.memberId, [], [achievement]).length > 0) this.options.onChange(this.state());
  }

  state(): AchievementsState {
    const days = this.options.windowDays ?? 7;
    const since = new Date(this.options.clock.now().getTime() - days * 86_400_000);
    return {
      locationId: this.options.locationId,
      items: this.options.store.recent(since, this.options.limit ?? 30).map((a) => ({
        id: a.id,
        kind: a.kind,
        at: a.at,
        displayName: this.options.nameOf(a.memberId),
        title: a.title,
        detail: a.detail,
        equipmentType: a.equipmentType,
      })),
    };
  }

  private announce(added: StoredAchievement[]): void {
    if (added.length === 0) return;
    for (const a of added) this.options.notify?.(a.memberId, a);
    this.options.onChange(this.state());
  }
}

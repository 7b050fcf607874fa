import type { ChallengeSummary, LeaderboardGroup, LeaderboardRow, LeaderboardView } from '../../shared/leaderboard.js';
import { displayName } from '../members/member.js';
import { challengeWindow, type CloudChallenge } from './cloud-types.js';
import { metricOf } from './metric.js';
import type { Standing } from './standings.js';

export interface ViewOptions {
  /** Rows kept per group (the rest are counted in `participants`). */
  limit: number;
  /**
   * The public name of a member this box knows: "Anna S.", an alias, or null when they hide it.
   * undefined = not in this box's roster (then the cloud's name is shortened the same way).
   */
  nameOf: (memberId: string) => string | null | undefined;
  /** An opaque, stable key for a member's row: never the member id (it can carry the name). */
  rowKey: (memberId: string) => string;
  now: Date;
  cloudUpdatedAt: Date | null;
  /** The cloud's participant count, when it knows more members than this box (other locations). */
  cloudParticipants?: number;
}

export function challengeSummary(challenge: CloudChallenge): ChallengeSummary {
  const metric = metricOf(challenge);
  const { start, end } = challengeWindow(challenge);
  return {
    id: challenge.id,
    name: challenge.name,
    description: challenge.description,
    type: challenge.type,
    unit: metric.unit,
    target: challenge.target === null ? null : challenge.target * metric.scale,
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(end).toISOString(),
    isTeam: challenge.type === 'team' || challenge.isTeamChallenge,
    divisions: challenge.divisions,
    multipliers: challenge.machineMultipliers,
    prizes: challenge.prizes,
  };
}

/** Competition ranking (1, 2, 2, 4): equal values share a place. Sorted by value, then key for a stable order. */
function rank<T extends { value: number; key: string }>(items: T[]): Array<T & { rank: number }> {
  const sorted = [...items].sort((a, b) => b.value - a.value || a.key.localeCompare(b.key));
  let previous: { value: number; rank: number } | null = null;
  return sorted.map((item, i) => {
    const place = previous && Math.abs(previous.value - item.value) < 1e-9 ? previous.rank : i + 1;
    previous = { value: item.value, rank: place };
    return { ...item, rank: place };
  });
}

function progressOf(value: number, target: number | null): number | null {
  if (target === null || target <= 0) return null;
  return Math.round(Math.min(100, Math.max(0, (value / target) * 100)) * 10) / 10;
}

function publicName(standing: Standing, options: ViewOptions): string | null {
  const known = options.nameOf(standing.memberId);
  if (known !== undefined) return known;
  // Not in this box's roster: show the cloud's name in the same short form, never more.
  return standing.cloudName ? displayName({ name: standing.cloudName, privacy: { leaderboard: 'name' } }) : null;
}

/**
 * The board the screens show: ranked groups (one per division, or teams), with only public names and opaque keys.
 * Members with nothing to show yet (value 0) are left out; teams always show.
 */
export function leaderboardView(challenge: CloudChallenge, standings: Standing[], options: ViewOptions): LeaderboardView {
  const summary = challengeSummary(challenge);
  const round = (v: number) => Math.round(v * 10) / 10;
  let groups: LeaderboardGroup[];

  if (summary.isTeam) {
    const teams = new Map<string, { name: string; value: number; members: number; provisional: boolean }>();
    for (const team of challenge.teams) teams.set(team.id, { name: team.name, value: 0, members: 0, provisional: false });
    for (const s of standings) {
      if (!s.teamId) continue; // not on a team: cannot score for one
      let team = teams.get(s.teamId);
      if (!team) teams.set(s.teamId, (team = { name: s.teamId, value: 0, members: 0, provisional: false }));
      team.value += s.value;
      if (s.value > 0) team.members++;
      team.provisional ||= s.provisionalSessions > 0;
    }
    const rows: LeaderboardRow[] = rank([...teams].map(([id, t]) => ({ key: `team-${id}`, value: t.value, t }))).map(
      ({ key, value, rank: place, t }) => ({
        key,
        rank: place,
        displayName: t.name,
        value: round(value),
        progress: progressOf(value, summary.target),
        provisional: t.provisional,
        members: t.members,
      }),
    );
    groups = [{ division: null, rows: rows.slice(0, options.limit), participants: standings.filter((s) => s.teamId).length }];
  } else {
    const divisions = [...challenge.divisions];
    for (const s of standings) if (s.division && !divisions.includes(s.division)) divisions.push(s.division);
    const groupOf = (s: Standing) => (divisions.length === 0 ? null : s.division ?? divisions[0]!);
    const names = divisions.length === 0 ? [null] : divisions;
    groups = names.map((division) => {
      const members = standings.filter((s) => groupOf(s) === division);
      const scored = members.filter((s) => s.value > 0);
      const ranked = rank(scored.map((s) => ({ key: options.rowKey(s.memberId), value: s.value, s })));
      return {
        division,
        participants: members.length,
        rows: ranked.slice(0, options.limit).map(({ key, value, rank: place, s }) => ({
          key,
          rank: place,
          displayName: publicName(s, options),
          value: round(value),
          progress: progressOf(value, summary.target),
          provisional: s.provisionalSessions > 0,
        })),
      };
    });
  }

  return {
    challenge: summary,
    groups,
    participants: Math.max(summary.isTeam ? standings.filter((s) => s.teamId).length : standings.length, options.cloudParticipants ?? 0),
    provisionalSessions: standings.reduce((n, s) => n + s.provisionalSessions, 0),
    cloudUpdatedAt: options.cloudUpdatedAt?.toISOString() ?? null,
    updatedAt: options.now.toISOString(),
  };
}

import { localTime } from '../time/local-time.js';
import { challengeWindow, type CloudChallenge, type CloudLeaderboard } from './cloud-types.js';
import { additiveContribution, improvementFigure, improvementPercent, metricOf, multiplierFor } from './metric.js';
import type { ChallengeSession } from './session-entry.js';

/** One member's score in a challenge: the cloud's count plus this box's sessions the cloud has not counted yet. */
export interface Standing {
  memberId: string;
  division: string | null;
  teamId: string | null;
  /** In the challenge's unit (metricOf). */
  value: number;
  /** Sessions from this box in `value` that the cloud has not counted yet. */
  provisionalSessions: number;
  /** The cloud's name for a member this box may not know (shown only through the privacy rules). */
  cloudName: string | null;
}

export interface StandingsInput {
  challenge: CloudChallenge;
  /** The cloud's board as last pulled; null = none (standalone, or not pulled yet). */
  cloud: CloudLeaderboard | null;
  /** This box's members' sessions; filtered here to the challenge's window and machines. */
  sessions: ChallengeSession[];
  /** For consistency challenges: days are the gym's local days. */
  timezone: string;
}

/**
 * The merge of the cloud's leaderboard with this box's provisional entries, per member. Pure.
 *
 * - A session whose eventId the cloud lists in `countedEventIds` is already in the cloud's value: never twice.
 * - distance, time, workouts, pr_count and team (by its metric) add up: cloud value + the uncounted sessions.
 * - consistency counts active days: the uncounted sessions add the days not already counted.
 * - improvement is a best-so-far: the larger of the cloud's value and this box's best against the baseline
 *   (the cloud row's `baseline`, else the member's first session in the challenge).
 * Members are placed in divisions and teams from the challenge's participants, the cloud's rows, and teams' member
 * lists; with participants listed (and no `autoJoin`), nobody else counts.
 */
export function computeStandings(input: StandingsInput): Standing[] {
  const { challenge, cloud } = input;
  const metric = metricOf(challenge);
  const { start, end } = challengeWindow(challenge);
  const counted = new Set(cloud?.countedEventIds ?? []);

  const placement = new Map<string, { division: string | null; teamId: string | null }>();
  const place = (memberId: string, division: string | null, teamId: string | null) => {
    const known = placement.get(memberId);
    placement.set(memberId, { division: known?.division ?? division, teamId: known?.teamId ?? teamId });
  };
  for (const p of challenge.participants) place(p.memberId, p.division, p.teamId);
  for (const team of challenge.teams) for (const memberId of team.memberIds) place(memberId, null, team.id);
  for (const row of cloud?.leaderboard ?? []) place(row.member.id, row.division, row.teamId);
  const onlyListed = !(challenge.autoJoin ?? challenge.participants.length === 0);

  const byMember = new Map<string, { cloud: CloudLeaderboard['leaderboard'][number] | null; all: ChallengeSession[] }>();
  for (const row of cloud?.leaderboard ?? []) byMember.set(row.member.id, { cloud: row, all: [] });
  for (const session of input.sessions) {
    const at = Date.parse(session.endedAt);
    if (at < start || at > end) continue;
    if (multiplierFor(challenge, session.equipmentType) <= 0) continue;
    if (onlyListed && !placement.has(session.memberId)) continue;
    let entry = byMember.get(session.memberId);
    if (!entry) byMember.set(session.memberId, (entry = { cloud: null, all: [] }));
    entry.all.push(session);
  }

  const standings: Standing[] = [];
  for (const [memberId, { cloud: row, all }] of byMember) {
    const cloudValue = row ? row.value * metric.scale : 0;
    const uncounted = all.filter((s) => !counted.has(s.eventId));
    let value = cloudValue;
    let provisionalSessions = 0;

    if (metric.unit === 'days') {
      const dayOf = (s: ChallengeSession) => localTime(new Date(s.endedAt), input.timezone).date;
      const countedDays = new Set(all.filter((s) => counted.has(s.eventId)).map(dayOf));
      const newDays = new Set(uncounted.map(dayOf).filter((day) => !countedDays.has(day)));
      value += newDays.size;
      provisionalSessions = newDays.size > 0 ? uncounted.length : 0;
    } else if (metric.unit === '%') {
      const figure = improvementFigure(challenge.metric);
      if (figure) {
        const measured = all
          .map((s) => ({ s, f: figure.of(s) }))
          .filter((x): x is { s: ChallengeSession; f: number } => x.f !== null)
          .sort((a, b) => Date.parse(a.s.endedAt) - Date.parse(b.s.endedAt));
        const baseline = row?.baseline ?? measured[0]?.f ?? null;
        if (baseline !== null) {
          for (const { s, f } of measured) {
            if (counted.has(s.eventId)) continue;
            const pct = improvementPercent(baseline, f, figure.better);
            if (pct > value) {
              value = pct;
              provisionalSessions = 1;
            }
          }
        }
      }
    } else {
      for (const session of uncounted) {
        const add = additiveContribution(metric.unit, session, multiplierFor(challenge, session.equipmentType));
        if (add > 0) {
          value += add;
          provisionalSessions++;
        }
      }
    }

    const placed = placement.get(memberId);
    standings.push({
      memberId,
      division: placed?.division ?? null,
      teamId: placed?.teamId ?? null,
      value,
      provisionalSessions,
      cloudName: row?.member.name ?? null,
    });
  }
  return standings;
}

/** Members whose value reached the challenge's target with this change (for "goal reached" achievements). */
export function goalsReached(challenge: CloudChallenge, before: Standing[], after: Standing[]): Standing[] {
  if (challenge.target === null || challenge.type === 'team') return [];
  const target = challenge.target * metricOf(challenge).scale;
  const previous = new Map(before.map((s) => [s.memberId, s.value]));
  return after.filter((s) => s.value >= target && (previous.get(s.memberId) ?? 0) < target);
}

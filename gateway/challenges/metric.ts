import type { EquipmentKind } from '../../shared/equipment.js';
import type { LeaderboardUnit } from '../../shared/leaderboard.js';
import type { CloudChallenge } from './cloud-types.js';
import type { ChallengeSession } from './session-entry.js';

/**
 * What a challenge counts, from its type and (for team and improvement challenges) its `metric` string.
 * Values are kept in base units (metres, seconds, kcal); `scale` converts the cloud's numbers
 * ("cardio_minutes": 90 → 5400 s) so the cloud's board and this box's sessions add up.
 */
export interface ChallengeMetric {
  unit: LeaderboardUnit;
  /** Cloud value × scale = value in `unit`. */
  scale: number;
}

type AdditiveUnit = 'm' | 's' | 'kcal' | 'workouts';

function additiveUnitOf(metric: string): { unit: AdditiveUnit; scale: number } {
  const m = metric.toLowerCase();
  if (/kcal|calorie/.test(m)) return { unit: 'kcal', scale: 1 };
  if (/hour/.test(m)) return { unit: 's', scale: 3600 };
  if (/minute/.test(m)) return { unit: 's', scale: 60 };
  if (/second|time|duration/.test(m)) return { unit: 's', scale: 1 };
  if (/workout|session|count/.test(m)) return { unit: 'workouts', scale: 1 };
  if (/(^|_)km|kilomet/.test(m)) return { unit: 'm', scale: 1000 };
  return { unit: 'm', scale: 1 };
}

export function metricOf(challenge: Pick<CloudChallenge, 'type' | 'metric'>): ChallengeMetric {
  switch (challenge.type) {
    case 'distance':
      return { unit: 'm', scale: /(^|_)km|kilomet/i.test(challenge.metric) ? 1000 : 1 };
    case 'time': {
      const { unit, scale } = additiveUnitOf(challenge.metric);
      return { unit: 's', scale: unit === 's' ? scale : 1 };
    }
    case 'workouts':
      return { unit: 'workouts', scale: 1 };
    case 'pr_count':
      return { unit: 'prs', scale: 1 };
    case 'consistency':
      return { unit: 'days', scale: 1 };
    case 'improvement':
      return { unit: '%', scale: 1 };
    case 'team':
      return additiveUnitOf(challenge.metric);
  }
}

/** The multiplier for a machine; a kind the challenge does not name counts 1, 0 = does not count. */
export function multiplierFor(challenge: Pick<CloudChallenge, 'machineMultipliers'>, kind: EquipmentKind): number {
  return challenge.machineMultipliers[kind] ?? 1;
}

/** A session's addition to an additive metric, with the machine's multiplier. */
export function additiveContribution(unit: LeaderboardUnit, session: ChallengeSession, multiplier: number): number {
  switch (unit) {
    case 'm':
      return session.distanceM * multiplier;
    case 's':
      return session.durationS * multiplier;
    case 'kcal':
      return (session.energyKcal ?? 0) * multiplier;
    case 'workouts':
      return multiplier > 0 ? 1 : 0;
    case 'prs':
      return session.prCount;
    default:
      return 0;
  }
}

/** The performance figure an improvement challenge compares, and which way is better; null = not measurable here. */
export function improvementFigure(
  metric: string,
): { of: (session: ChallengeSession) => number | null; better: 'higher' | 'lower' } | null {
  const m = metric.toLowerCase();
  if (/pace|split/.test(m)) return { of: (s) => s.avgPaceSecPer500m, better: 'lower' };
  if (/power|watt/.test(m)) return { of: (s) => s.avgPowerW, better: 'higher' };
  if (/distance|meter|metre/.test(m)) return { of: (s) => (s.distanceM > 0 ? s.distanceM : null), better: 'higher' };
  return null; // e.g. VO2max: only the cloud knows; its values are shown as they are
}

/** Percent better than the baseline (negative = worse). */
export function improvementPercent(baseline: number, figure: number, better: 'higher' | 'lower'): number {
  if (baseline <= 0) return 0;
  return better === 'higher' ? ((figure - baseline) / baseline) * 100 : ((baseline - figure) / baseline) * 100;
}

import type { EquipmentKind } from '../../shared/equipment.js';
import type { ChallengeSession } from '../challenges/session-entry.js';

/** What a personal record is about, per machine kind: "rower:best_pace". */
export type RecordMeasure = 'longest_distance' | 'longest_time' | 'best_pace' | 'best_power';

export interface PersonalBest {
  /** `${equipmentType}:${measure}` */
  category: string;
  value: number;
  eventId: string;
  at: string;
}

export interface PersonalRecord {
  category: string;
  measure: RecordMeasure;
  equipmentType: EquipmentKind;
  value: number;
  previous: number;
  eventId: string;
  at: string;
}

interface MeasureRule {
  measure: RecordMeasure;
  better: 'higher' | 'lower';
  /** The least gain that counts: what the screens print (0.1 s pace, 1 W, 10 m, 1 s) must show the record. */
  minGain: number;
  /** The session's figure, or null when it does not qualify (too short to compare fairly). */
  of: (s: ChallengeSession) => number | null;
  kinds: ReadonlyArray<EquipmentKind>;
}

const MACHINES: ReadonlyArray<EquipmentKind> = ['rower', 'bike', 'treadmill', 'cross_trainer', 'ski'];

const RULES: ReadonlyArray<MeasureRule> = [
  { measure: 'longest_distance', better: 'higher', minGain: 10, kinds: MACHINES, of: (s) => (s.distanceM >= 100 ? s.distanceM : null) },
  { measure: 'longest_time', better: 'higher', minGain: 1, kinds: MACHINES, of: (s) => (s.durationS >= 60 ? s.durationS : null) },
  {
    measure: 'best_pace',
    better: 'lower',
    minGain: 0.1,
    kinds: ['rower', 'ski'],
    of: (s) => (s.distanceM >= 1000 && s.avgPaceSecPer500m !== null ? s.avgPaceSecPer500m : null),
  },
  {
    measure: 'best_power',
    better: 'higher',
    minGain: 1,
    kinds: ['rower', 'bike', 'ski', 'cross_trainer'],
    of: (s) => (s.durationS >= 60 && s.avgPowerW !== null ? s.avgPowerW : null),
  },
];

/**
 * Personal records a session sets against the member's bests so far. Pure. The first result in a category sets the
 * baseline quietly (a first row is not a record); a later one that beats it is a record. Returns the records and
 * every best that changed (baselines included) for the caller to store.
 */
export function detectRecords(
  session: ChallengeSession,
  bests: ReadonlyMap<string, PersonalBest>,
): { records: PersonalRecord[]; bests: PersonalBest[] } {
  const records: PersonalRecord[] = [];
  const changed: PersonalBest[] = [];
  for (const rule of RULES) {
    if (!rule.kinds.includes(session.equipmentType)) continue;
    const value = rule.of(session);
    if (value === null || !Number.isFinite(value)) continue;
    const category = `${session.equipmentType}:${rule.measure}`;
    const best = bests.get(category);
    const next: PersonalBest = { category, value, eventId: session.eventId, at: session.endedAt };
    if (!best) {
      changed.push(next);
      continue;
    }
    if (best.eventId === session.eventId) continue; // the same session again
    const gain = rule.better === 'higher' ? value - best.value : best.value - value;
    if (gain < rule.minGain - 1e-9) continue;
    changed.push(next);
    records.push({
      category,
      measure: rule.measure,
      equipmentType: session.equipmentType,
      value,
      previous: best.value,
      eventId: session.eventId,
      at: session.endedAt,
    });
  }
  return { records, bests: changed };
}

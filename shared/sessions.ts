/** Equipment sessions: one member's continuous use of one machine, as summarized when it ends. */
import type { EquipmentKind } from './equipment.js';

export interface SessionSummary {
  distanceM: number;
  durationS: number;
  avgPowerW: number | null;
  maxPowerW: number | null;
  /** Rowers, skis: seconds per 500 m. */
  avgPaceSecPer500m: number | null;
  avgSpeedMps: number | null;
  /** Strokes per minute (rowers, skis). */
  avgStrokeRateSpm: number | null;
  /** Revolutions or steps per minute (bikes, cross trainers). */
  avgCadenceRpm: number | null;
  energyKcal: number | null;
  avgHeartRateBpm: number | null;
  maxHeartRateBpm: number | null;
}

export interface EquipmentSession {
  /** The journal eventId of the `equipment_session` fact. */
  eventId: string;
  equipmentId: string;
  equipmentName: string;
  equipmentType: EquipmentKind;
  /** Null while nobody has claimed the session (anonymous, claimable). */
  memberId: string | null;
  startedAt: string;
  endedAt: string;
  summary: SessionSummary;
}

/** Live equipment data as the floor screens see it. */

import type { DeviceProblem } from './status.js';

export type EquipmentKind = 'rower' | 'bike' | 'treadmill' | 'cross_trainer' | 'ski' | 'hr_strap';
/** `error`: the device reading this machine reports a fault (e.g. a PM that stopped answering). */
export type EquipmentState = 'in_use' | 'idle' | 'offline' | 'error';

/** Instantaneous metrics, SI-friendly units in the names. Absent = the device does not report it. */
export interface EquipmentMetrics {
  powerW?: number;
  cadenceRpm?: number;
  strokeRateSpm?: number;
  speedMps?: number;
  paceSecPer500m?: number;
  heartRateBpm?: number;
  distanceM?: number;
  elapsedS?: number;
  energyKcal?: number;
}

export interface EquipmentTile {
  equipmentId: string;
  name: string;
  kind: EquipmentKind;
  state: EquipmentState;
  memberDisplayName: string | null;
  metrics: EquipmentMetrics;
  updatedAt: string;
  /** No reading for a few seconds: the screen says so. Cleared by the next reading. */
  stale?: boolean;
  /** Why the tile is in `error`: a code staff tools act on, and the words the tile shows (`detail`). */
  problem?: DeviceProblem;
}

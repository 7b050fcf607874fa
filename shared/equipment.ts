/** Live equipment data as the floor screens see it. */
import { z } from 'zod';
import { deviceProblemSchema } from './status.js';

export const EQUIPMENT_KINDS = ['rower', 'bike', 'treadmill', 'cross_trainer', 'ski', 'hr_strap'] as const;
export const equipmentKindSchema = z.enum(EQUIPMENT_KINDS, { error: `must be one of ${EQUIPMENT_KINDS.join(', ')}` });
export type EquipmentKind = z.infer<typeof equipmentKindSchema>;

/** `error`: the device reading this machine reports a fault (e.g. a PM that stopped answering). */
export const equipmentStateSchema = z.enum(['in_use', 'idle', 'offline', 'error']);
export type EquipmentState = z.infer<typeof equipmentStateSchema>;

/** Instantaneous metrics, SI-friendly units in the names. Absent = the device does not report it. */
export const equipmentMetricsSchema = z.object({
  powerW: z.number().optional(),
  cadenceRpm: z.number().optional(),
  strokeRateSpm: z.number().optional(),
  speedMps: z.number().optional(),
  paceSecPer500m: z.number().optional(),
  heartRateBpm: z.number().optional(),
  distanceM: z.number().optional(),
  elapsedS: z.number().optional(),
  energyKcal: z.number().optional(),
});
export type EquipmentMetrics = z.infer<typeof equipmentMetricsSchema>;

export const equipmentTileSchema = z.object({
  equipmentId: z.string(),
  name: z.string(),
  kind: equipmentKindSchema,
  state: equipmentStateSchema,
  memberDisplayName: z.string().nullable(),
  metrics: equipmentMetricsSchema,
  updatedAt: z.string(),
  stale: z.boolean().optional().describe('No reading for a few seconds: the screen says so. Cleared by the next reading'),
  problem: deviceProblemSchema.optional().describe('Why the tile is in `error`: a code staff tools act on, and the words the tile shows (`detail`)'),
  boxId: z.string().optional().describe('On a floor of several boxes: the box that reads this machine'),
  boxName: z.string().optional().describe('What staff call that box ("Upstairs"); the tile shows it'),
});
export type EquipmentTile = z.infer<typeof equipmentTileSchema>;

/** Equipment sessions: one member's continuous use of one machine, as summarized when it ends. */
import { z } from 'zod';
import { equipmentKindSchema } from './equipment.js';

const metric = z.number().nullable();

export const sessionSummarySchema = z.object({
  distanceM: z.number(),
  durationS: z.number(),
  avgPowerW: metric,
  maxPowerW: metric,
  avgPaceSecPer500m: metric.describe('Rowers, skis: seconds per 500 m'),
  avgSpeedMps: metric,
  avgStrokeRateSpm: metric.describe('Strokes per minute (rowers, skis)'),
  avgCadenceRpm: metric.describe('Revolutions or steps per minute (bikes, cross trainers)'),
  energyKcal: metric,
  avgHeartRateBpm: metric,
  maxHeartRateBpm: metric,
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;

export const equipmentSessionSchema = z.object({
  eventId: z.string().describe('The journal eventId of the `equipment_session` fact'),
  equipmentId: z.string(),
  equipmentName: z.string(),
  equipmentType: equipmentKindSchema,
  memberId: z.string().nullable().describe('Null while nobody has claimed the session (anonymous, claimable)'),
  startedAt: z.string(),
  endedAt: z.string(),
  summary: sessionSummarySchema,
});
export type EquipmentSession = z.infer<typeof equipmentSessionSchema>;

const reported = z.number().finite().nullable().default(null);

/** POST /api/equipment/sessions: a finished session handed over by a LAN equipment bridge (the local twin of the cloud's POST /equipment/sessions). */
export const sessionIngestFieldsSchema = z.object({
  equipmentId: z.string().trim().min(1).max(128),
  equipmentName: z.string().trim().min(1).max(128).optional(),
  equipmentType: equipmentKindSchema,
  memberId: z.string().min(1).max(64).nullable().default(null),
  startedAt: z.iso.datetime({ offset: true }),
  endedAt: z.iso.datetime({ offset: true }),
  summary: z.object({
    distanceM: z.number().finite().min(0),
    durationS: z.number().finite().min(0),
    avgPowerW: reported,
    maxPowerW: reported,
    avgPaceSecPer500m: reported,
    avgSpeedMps: reported,
    avgStrokeRateSpm: reported,
    avgCadenceRpm: reported,
    energyKcal: reported,
    avgHeartRateBpm: reported,
    maxHeartRateBpm: reported,
  }),
});
export const sessionIngestSchema = sessionIngestFieldsSchema.refine((s) => Date.parse(s.endedAt) >= Date.parse(s.startedAt), {
  path: ['endedAt'],
  message: 'must not be before startedAt',
});
export type SessionIngest = z.infer<typeof sessionIngestSchema>;

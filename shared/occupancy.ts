import { z } from 'zod';

export interface OccupancyState {
  locationId: string;
  /** Members in the gym now (checked in within the dwell window). */
  count: number;
  capacity: number | null;
  peakToday: number;
  updatedAt: string;
}

/**
 * `GET /api/occupancy/by-hour`: accepted check-ins per hour of the gym's local day — today's, beside the usual for this
 * weekday (the mean over the same weekday of the last weeks the journal holds; null while there is no such day yet).
 */
export const occupancyByHourSchema = z.object({
  locationId: z.string(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Local hour now (0–23): hours after it have no visits yet. */
  hour: z.number().int().min(0).max(23),
  today: z.array(z.number().int().min(0)).length(24),
  usual: z.array(z.number().min(0)).length(24).nullable(),
  /** How many earlier same weekdays the usual is the mean of. */
  weeks: z.number().int().min(0),
});
export type OccupancyByHour = z.infer<typeof occupancyByHourSchema>;

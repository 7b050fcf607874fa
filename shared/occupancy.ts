export interface OccupancyState {
  locationId: string;
  /** Members in the gym now (checked in within the dwell window). */
  count: number;
  capacity: number | null;
  peakToday: number;
  updatedAt: string;
}

import { z } from 'zod';

/** Staff settings. The PIN is a secret: set it with FLOORGATE_STAFF_PIN(_FILE), never in a shared file. */
export const staffConfigSchema = z
  .strictObject({
    pin: z.string().regex(/^\d{4,12}$/, 'must be 4 to 12 digits').optional(),
  })
  .prefault({});
export type StaffConfig = z.output<typeof staffConfigSchema>;

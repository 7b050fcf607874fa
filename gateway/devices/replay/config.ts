import { z } from 'zod';
import { bleEquipmentKindSchema, bleModelSchema } from '../ble/config.js';

/** Plays a capture file (see gateway/devices/capture.ts) through the codecs, as if the machines were here. */
export const replayDeviceSchema = z.strictObject({
  kind: z.literal('replay'),
  id: z.string().min(1),
  /** The capture file; relative paths are inside the data directory. */
  file: z.string().min(1),
  /** 1 = recorded pace, 2 = twice as fast, 0 = as fast as possible. */
  speed: z.number().min(0).default(1),
  /** Start over at the end (demos, soak tests). */
  loop: z.boolean().default(false),
  /** How the capture's sources appear on the floor; by default the source id is the equipment id and name. */
  equipment: z
    .array(
      z.strictObject({
        source: z.string().min(1),
        id: z.string().min(1).optional(),
        name: z.string().min(1).optional(),
        kind: bleEquipmentKindSchema.optional(),
        model: bleModelSchema.default({}),
      }),
    )
    .default([]),
});
export type ReplayDeviceConfig = z.infer<typeof replayDeviceSchema>;

import { z } from 'zod';
import { bleEquipmentKindSchema } from '../ble/config.js';

/** ANT+ device profiles Floorgate reads, with their channel-id device types (ANT+ device profiles). */
export const ANT_PROFILES = { heart_rate: 120, fitness_equipment: 17, bicycle_power: 11 } as const;
export type AntProfile = keyof typeof ANT_PROFILES;

/** A strap, machine or power meter the gateway should read, known by its ANT device number. */
export const knownAntDeviceSchema = z.object({
  /** The equipment id on screens, sessions and the cloud. */
  id: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'letters, digits, _ . : - only'),
  name: z.string().min(1),
  kind: bleEquipmentKindSchema,
  /** The device number the strap or machine broadcasts (printed on some straps; the gateway log lists those nearby). */
  deviceNumber: z.number().int().min(1, 'must be 1–65535 (0 is the wildcard)').max(65535, 'must be 1–65535'),
  profile: z.enum(['heart_rate', 'fitness_equipment', 'bicycle_power'], {
    error: 'must be heart_rate (straps), fitness_equipment (FE-C rowers, bikes, treadmills, ellipticals) or bicycle_power',
  }),
});
export type KnownAntDevice = z.infer<typeof knownAntDeviceSchema>;

/** Config of one ANT+ USB stick, scanning continuously: every configured device in range is read at once. */
export const antDeviceSchema = z.object({
  kind: z.literal('ant'),
  id: z.string().min(1),
  name: z.string().min(1).default('ANT+'),
  /** Which stick when several are plugged in (0 = the first); absent: the first free one. */
  stickIndex: z.number().int().min(0).optional(),
  devices: z.array(knownAntDeviceSchema).default([]),
  /** A missing or unplugged stick is looked for again this often. */
  reopenMs: z.number().int().positive().default(10_000),
  /** A device not heard for this long shows as disconnected. */
  silentAfterMs: z.number().int().positive().default(5_000),
});
export type AntDeviceConfig = z.infer<typeof antDeviceSchema>;

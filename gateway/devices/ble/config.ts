import { z } from 'zod';

const MAC = /^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/i;

function validRegex(pattern: string): boolean {
  try {
    new RegExp(pattern, 'i');
    return true;
  } catch {
    return false;
  }
}

/** Per-model codec settings where the specs leave room (see gateway/protocols/ftms/options.ts, pm5/options.ts). */
export const bleModelSchema = z
  .object({
    resistanceField: z.enum(['sint16', 'uint8']).optional(),
    resistanceScale: z.number().positive().optional(),
    treadmillPace: z.enum(['uint8-km-per-min', 'uint16-s-per-km']).optional(),
    ignoreFlagBits: z.array(z.number().int().min(1).max(23)).optional(),
    splitTimeUnitS: z.union([z.literal(0.1), z.literal(0.01)]).optional(),
  })
  .strict();
export type BleModelSettings = z.infer<typeof bleModelSchema>;

export const bleEquipmentKindSchema = z.enum(['rower', 'bike', 'treadmill', 'cross_trainer', 'ski', 'hr_strap']);

/** A machine or strap the gateway should connect to, found by its address or by its advertised name. */
export const knownBleDeviceSchema = z
  .object({
    /** The equipment id on screens, sessions and the cloud. */
    id: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'letters, digits, _ . : - only'),
    name: z.string().min(1),
    kind: bleEquipmentKindSchema,
    /** Bluetooth address, e.g. "e8:fe:6e:91:9f:16" (case and - or : do not matter). */
    address: z
      .string()
      .regex(MAC, 'must be a Bluetooth address such as e8:fe:6e:91:9f:16')
      .transform((a) => a.toLowerCase().replace(/-/g, ':'))
      .optional(),
    /** Case-insensitive regular expression on the advertised name, e.g. "^PM5 430" or "Viking". */
    namePattern: z.string().min(1).refine(validRegex, 'must be a valid regular expression').optional(),
    model: bleModelSchema.default({}),
  })
  .refine((d) => d.address !== undefined || d.namePattern !== undefined, {
    message: 'give an address or a namePattern, so the gateway can recognise the device',
    path: ['address'],
  });
export type KnownBleDevice = z.infer<typeof knownBleDeviceSchema>;

/** Config of one Bluetooth LE adapter (one radio): which devices to connect and how hard to try. */
export const bleDeviceSchema = z.object({
  kind: z.literal('ble'),
  id: z.string().min(1),
  name: z.string().min(1).default('Bluetooth'),
  devices: z.array(knownBleDeviceSchema).default([]),
  /** Connections this radio holds at once; most USB dongles and Pi radios manage 5–7 reliably. */
  maxConnections: z.number().int().min(1).max(20).default(5),
  scan: z
    .object({
      /** Keep receiving advertisements of known devices: RSSI stays current. */
      allowDuplicates: z.boolean().default(true),
      /** Give up a connection attempt after this long. */
      connectTimeoutMs: z.number().int().positive().default(15_000),
    })
    .prefault({}),
  reconnect: z
    .object({
      initialDelayMs: z.number().int().positive().default(1_000),
      maxDelayMs: z.number().int().positive().default(60_000),
    })
    .prefault({}),
  /** Write every notification to a JSON-lines file (see README "Capture and replay"). */
  capture: z
    .object({
      enabled: z.boolean().default(false),
      /** Relative paths are inside the data directory. Default: captures/<id>-<start time>.jsonl. */
      file: z.string().min(1).optional(),
    })
    .prefault({}),
});
export type BleDeviceConfig = z.infer<typeof bleDeviceSchema>;

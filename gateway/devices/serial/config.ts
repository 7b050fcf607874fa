import { z } from 'zod';

/**
 * Config of one serial port: what is on it (`role`) and its settings. One entry per port, e.g.
 *
 *   { "kind": "serial", "id": "entrance-rfid", "role": "rfid", "path": "/dev/serial/by-id/usb-…" }
 *   { "kind": "serial", "id": "rower-3", "role": "csafe", "path": "/dev/ttyUSB1", "equipmentKind": "rower" }
 *   { "kind": "serial", "id": "door", "role": "relay", "path": "/dev/ttyUSB2", "openOn": ["entrance-rfid"] }
 *
 * Defaults per role are those of the common hardware: RDM6300 readers, CH340 relay boards and CSAFE over a
 * serial link all talk 9600 8N1.
 */
const id = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - only (at most 64)');

const common = {
  kind: z.literal('serial'),
  id,
  /** Shown to staff on /api/status; defaults to the id. */
  name: z.string().min(1).optional(),
  path: z.string({ error: 'is required: the port, e.g. /dev/ttyUSB0 or /dev/serial/by-id/…' }).min(1, 'is required'),
  /** Reopen backoff after the port disappears or fails to open: starts here, doubles, stops growing at the max. */
  reopenMinMs: z.number().int().min(10).default(500),
  reopenMaxMs: z.number().int().min(10).default(10_000),
};

const baud = (fallback: number) =>
  z
    .number()
    .int()
    .refine((n) => [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200].includes(n), 'must be a standard baud rate (1200…115200)')
    .default(fallback);

export const serialRfidSchema = z.strictObject({
  ...common,
  role: z.literal('rfid'),
  baudRate: baud(9600),
  /** `rdm6300`: 125 kHz reader frames; `lines`: a scanner that sends one line per scan (QR, barcode, wedge). */
  protocol: z.enum(['rdm6300', 'lines']).default('rdm6300'),
  /** RDM6300: the badge is the whole tag in hex ("62E3086CED") or the card number wedge readers type ("3808980205"). */
  badge: z.enum(['tag', 'card-number']).default('tag'),
  /** The reader repeats while a card is in the field; a card unseen this long has been taken away. */
  removalGapMs: z.number().int().min(100).max(60_000).default(1500),
  /** Set for a reader mounted on a machine: its taps claim that machine's session instead of checking in. */
  equipmentId: id.optional(),
});

export const serialCsafeSchema = z.strictObject({
  ...common,
  role: z.literal('csafe'),
  baudRate: baud(9600),
  /** The machine's id on the floor (tiles, sessions); defaults to the device id. */
  equipmentId: id.optional(),
  equipmentKind: z.enum(['rower', 'ski', 'bike']).default('rower'),
  /** How often the PM is asked (the PM needs ≥ 50 ms between frames). */
  pollMs: z.number().int().min(50).max(10_000).default(250),
  /** An answer later than this counts as missed. */
  timeoutMs: z.number().int().min(20).max(10_000).default(500),
  /** For PMs on a shared RS-485 line: send extended frames to this address (0xFD is the PM default). */
  address: z.number().int().min(0).max(255).optional(),
});

export const serialRelaySchema = z.strictObject({
  ...common,
  role: z.literal('relay'),
  baudRate: baud(9600),
  /** Relay channel on multi-channel boards (1 on single-relay boards). */
  channel: z.number().int().min(1).max(8).default(1),
  /** How long the door stays open after an accepted check-in. */
  openSeconds: z.number().min(0.5).max(60).default(5),
  /**
   * Readers whose accepted check-ins open the door: device ids ("entrance-rfid") or check-in sources. May be left
   * out when a door in the `doors` section names this relay as its `ch340` output.
   */
  openOn: z.array(z.string().min(1)).default([]),
});

export const serialDeviceSchema = z.discriminatedUnion('role', [serialRfidSchema, serialCsafeSchema, serialRelaySchema], {
  error: 'role must be one of rfid, csafe, relay',
});

export type SerialDeviceConfig = z.infer<typeof serialDeviceSchema>;
export type SerialRfidConfig = z.infer<typeof serialRfidSchema>;
export type SerialCsafeConfig = z.infer<typeof serialCsafeSchema>;
export type SerialRelayConfig = z.infer<typeof serialRelaySchema>;

import { z } from 'zod';

/**
 * The `doors` section: each door, the readers whose accepted check-ins open it, and the output that opens it.
 *
 *   { "id": "front", "name": "Front door", "openOn": ["entrance-rfid"],
 *     "output": { "kind": "shelly", "url": "http://192.168.1.40", "password": { "file": "/etc/floorgate/shelly" } } }
 *
 * Secrets are never written in the config itself: `{ "env": "NAME" }` or `{ "file": "/path" }` (mode 0600).
 * A serial relay in `devices` with `openOn` is a door too (the configs before this section stay valid).
 */
const id = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - only (at most 64)');

export const secretRefSchema = z.union(
  [
    z.strictObject({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name') }),
    z.strictObject({ file: z.string().min(1, 'must name a file readable only by the gateway (chmod 600)') }),
  ],
  { error: 'must be { "env": "VARIABLE" } or { "file": "/path/mode-0600" }: secrets are never written in the config' },
);
export type SecretRef = z.infer<typeof secretRefSchema>;

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });

/** The CH340 USB relay board, configured as a serial device with role "relay"; the door names that device. */
export const ch340OutputSchema = z.strictObject({ kind: z.literal('ch340'), device: id });

/** A Shelly relay on the LAN. Gen2+ (Plus/Pro): RPC `Switch.Set`, digest auth as user admin. Gen1: `/relay/N`, basic auth. */
export const shellyOutputSchema = z.strictObject({
  kind: z.literal('shelly'),
  url: httpUrl,
  generation: z.union([z.literal(1), z.literal(2)], { error: 'must be 1 (Shelly 1, 2.5…) or 2 (Plus, Pro, Gen3/Gen4)' }).default(2),
  /** The relay's switch/channel number on the device. */
  channel: z.number().int().min(0).max(15).default(0),
  /** Set when the device has authentication on. Gen2 users are always "admin"; Gen1 has its own user. */
  user: z.string().min(1).default('admin'),
  password: secretRefSchema.optional(),
});

/** Kisi: `POST {baseUrl}/locks/{lockId}/unlock` with the API key. */
export const kisiOutputSchema = z.strictObject({
  kind: z.literal('kisi'),
  lockId: z.union([z.number().int().positive(), z.string().regex(/^\d+$/, 'must be the lock’s number')]).transform(String),
  apiKey: secretRefSchema,
  baseUrl: httpUrl.default('https://api.kisi.io'),
});

/** Any other door system: one HTTP call. `{{eventId}}`, `{{doorId}}`, `{{openSeconds}}`, `{{decidedAt}}` are filled in. */
export const httpOutputSchema = z.strictObject({
  kind: z.literal('http'),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH']).default('POST'),
  url: httpUrl,
  headers: z.record(z.string(), z.string()).default({}),
  /** Headers whose values are secrets (e.g. Authorization). */
  secretHeaders: z.record(z.string(), secretRefSchema).default({}),
  body: z.string().optional(),
});

export const doorOutputSchema = z.discriminatedUnion('kind', [ch340OutputSchema, shellyOutputSchema, kisiOutputSchema, httpOutputSchema], {
  error: 'kind must be one of ch340, shelly, kisi, http',
});
export type DoorOutputConfig = z.infer<typeof doorOutputSchema>;

export const doorConfigSchema = z.strictObject({
  id,
  /** Shown to staff; defaults to the id. */
  name: z.string().min(1).optional(),
  /** Readers whose accepted check-ins open this door: device ids ("entrance-rfid") or check-in sources. */
  openOn: z.array(z.string().min(1)).min(1, 'list at least one reader id whose accepted check-ins open the door'),
  /** How long the door stays open. */
  openSeconds: z.number().min(0.5).max(60).default(5),
  /** A door system slower than this counts as unreachable for that opening. */
  timeoutMs: z.number().int().min(50).max(30_000).default(2000),
  output: doorOutputSchema,
});
export type DoorConfig = z.infer<typeof doorConfigSchema>;

export const doorsConfigSchema = z.array(doorConfigSchema).default([]);

/** `GET /api/status` and the staff room: what staff need to know about the box at a glance. */
import { z } from 'zod';
import { floorViewSchema } from './floor-view.js';
import { webhooksStatusSchema } from './webhooks.js';
import { DEVICE_PROBLEM_CODES } from './device-problems.js';

export { DEVICE_PROBLEM_ACTIONS, DEVICE_PROBLEM_CODES, type DeviceProblemCode } from './device-problems.js';

export const uplinkStateSchema = z.enum(['standalone', 'online', 'offline', 'rate_limited', 'auth_error', 'circuit_open']);
export type UplinkState = z.infer<typeof uplinkStateSchema>;

export const deviceStateSchema = z.enum(['ok', 'connecting', 'disconnected', 'unavailable', 'error']);
export type DeviceState = z.infer<typeof deviceStateSchema>;

export const deviceProblemSchema = z.object({
  code: z.enum(DEVICE_PROBLEM_CODES),
  detail: z.string().describe('What happened, in words staff understand, e.g. "monitor not answering (5 polls missed)"'),
});
export type DeviceProblem = z.infer<typeof deviceProblemSchema>;


export const deviceStatusSchema = z.object({
  id: z.string(),
  kind: z.enum(['simulator', 'ble', 'ant', 'serial', 'wedge', 'replay']),
  name: z.string(),
  state: deviceStateSchema,
  detail: z.string().optional().describe('Everything about the device in one line for humans (counters, path, the problem first if there is one)'),
  problem: deviceProblemSchema.optional().describe('Set while the device has a problem; cleared when it is gone. Read this, never `detail`'),
  equipmentId: z.string().optional().describe('The machine this device reads, when it reads one (its faults show on that machine’s tile)'),
  rssi: z.number().optional().describe('Radio devices (Bluetooth, ANT+): signal strength of the last advertisement or message heard, in dBm'),
});
export type DeviceStatus = z.infer<typeof deviceStatusSchema>;

export const queueKindStatusSchema = z.object({
  depth: z.number(),
  oldestAgeS: z.number().nullable().describe('Age of the oldest pending event of this kind, in seconds'),
});
export type QueueKindStatus = z.infer<typeof queueKindStatusSchema>;

export const staffAlertSchema = z.object({ id: z.number(), at: z.string(), code: z.string(), message: z.string() });
export type StaffAlert = z.infer<typeof staffAlertSchema>;

export const pullStatusSchema = z.object({
  name: z.string(),
  lastAttemptAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type PullStatus = z.infer<typeof pullStatusSchema>;

export const doorStatusSchema = z.object({
  id: z.string(),
  name: z.string(),
  output: z.string().describe('What opens it, never a secret, e.g. "Shelly Gen2 at http://192.168.1.40, switch 0"'),
  openOn: z.array(z.string()).describe('Readers whose accepted check-ins open it'),
  state: z.enum(['idle', 'ok', 'error']).describe('idle: not asked to open since start; ok/error: the last opening'),
  openings: z.number(),
  failures: z.number(),
  lastOpenedAt: z.string().nullable(),
  lastLatencyMs: z.number().nullable().describe('Check-in to the output confirming, last attempt'),
  problem: z.string().optional().describe('Set while the last attempt failed, e.g. "Door relay unreachable: connection refused"'),
});
export type DoorStatus = z.infer<typeof doorStatusSchema>;

const counts = z.record(z.string(), z.number());

export const gatewayStatusSchema = z.object({
  version: z.string(),
  locationId: z.string(),
  startedAt: z.string(),
  uplink: z.object({
    state: uplinkStateSchema,
    cloudUrl: z.string().nullable(),
    tier: z.string().nullable(),
    lastSuccessAt: z.string().nullable(),
    lastError: z.string().nullable(),
    nextAttemptAt: z.string().nullable().describe('No request goes out before this (Retry-After, backoff, open circuit)'),
    summary: z.string().describe('The uplink in words for staff, e.g. "standalone — nothing is sent anywhere"'),
  }),
  queue: z.object({
    held: z
      .boolean()
      .describe('Standalone: the events are kept on this box as its record, not waiting for a cloud (they are sent if a cloud is configured later)'),
    depth: z.number(),
    oldestAt: z.string().nullable(),
    byType: z.record(z.string(), queueKindStatusSchema),
    deadLetters: z.number(),
    produced: counts.describe('Exact counts per event type since the database was created'),
    delivered: counts,
    shed: counts,
  }),
  storage: z.object({
    databaseBytes: z.number(),
    maxDatabaseBytes: z.number(),
    pendingTelemetryBytes: z.number(),
    telemetryQuotaBytes: z.number(),
  }),
  pulls: z.array(pullStatusSchema),
  alerts: z.array(staffAlertSchema),
  roster: z.object({ members: z.number() }),
  devices: z.array(deviceStatusSchema),
  webhooks: webhooksStatusSchema,
  doors: z.array(doorStatusSchema).describe('Every door of the box and how its last opening went'),
  floor: floorViewSchema.describe('The floor of several boxes (MQTT): which boxes this box hears, and since when'),
});
export type GatewayStatus = z.infer<typeof gatewayStatusSchema>;

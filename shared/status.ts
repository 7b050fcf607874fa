/** `GET /api/status` and the staff room: what staff need to know about the box at a glance. */
import { z } from 'zod';
import { webhooksStatusSchema } from './webhooks.js';

export const uplinkStateSchema = z.enum(['standalone', 'online', 'offline', 'rate_limited', 'auth_error', 'circuit_open']);
export type UplinkState = z.infer<typeof uplinkStateSchema>;

export const deviceStateSchema = z.enum(['ok', 'connecting', 'disconnected', 'unavailable', 'error']);
export type DeviceState = z.infer<typeof deviceStateSchema>;

/**
 * What is wrong with a device, as a code a staff console can act on. One code per thing staff would do
 * differently (see DEVICE_PROBLEM_ACTIONS); the words for humans go in `DeviceProblem.detail`.
 */
export const DEVICE_PROBLEM_CODES = [
  /** No usable Bluetooth radio: the driver failed to load or the radio cannot scan. */
  'bluetooth_unavailable',
  /** The radio is there but not powered on (rfkill, powered off, unauthorized). */
  'bluetooth_off',
  /** A Bluetooth machine could not be connected or set up; the adapter retries with backoff. */
  'connect_failed',
  /** The configured serial port does not exist: the device is unplugged or the path is wrong. */
  'port_missing',
  /** The serial port exists but failed to open, or closed under us; the adapter reopens it. */
  'port_failed',
  /** The device is connected but does not answer (e.g. a PM that stopped answering polls). */
  'not_responding',
  /** The device answers and reports a fault of its own (e.g. a PM in its error state). */
  'device_error',
  /** A capture to replay cannot be read, or holds nothing to play. */
  'capture_unreadable',
  /** The adapter itself stopped on an unexpected error (the log has it). */
  'adapter_failed',
] as const;
export const deviceProblemSchema = z.object({
  code: z.enum(DEVICE_PROBLEM_CODES),
  detail: z.string().describe('What happened, in words staff understand, e.g. "monitor not answering (5 polls missed)"'),
});
export type DeviceProblemCode = (typeof DEVICE_PROBLEM_CODES)[number];
export type DeviceProblem = z.infer<typeof deviceProblemSchema>;

/** What staff can do about each problem: a console shows this beside the device. */
export const DEVICE_PROBLEM_ACTIONS: Record<DeviceProblemCode, string> = {
  bluetooth_unavailable: 'Check that the Bluetooth adapter is plugged in and supported, then restart the gateway.',
  bluetooth_off: 'Turn Bluetooth on (rfkill unblock bluetooth) or check the radio’s permissions.',
  connect_failed: 'Wake the machine (pedal or row a few strokes) and keep it in range; it reconnects by itself.',
  port_missing: 'Plug the device back in, or correct its path in the config.',
  port_failed: 'Check the cable and that no other program holds the port; it reopens by itself.',
  not_responding: 'Check the cable and that the machine’s monitor is switched on.',
  device_error: 'Look at the machine’s monitor: it reports an error; restart it if it persists.',
  capture_unreadable: 'Check the capture file named in the config.',
  adapter_failed: 'Restart the gateway; if it happens again, send the gateway log to support.',
};

export const deviceStatusSchema = z.object({
  id: z.string(),
  kind: z.enum(['simulator', 'ble', 'serial', 'wedge', 'replay']),
  name: z.string(),
  state: deviceStateSchema,
  detail: z.string().optional().describe('Everything about the device in one line for humans (counters, path, the problem first if there is one)'),
  problem: deviceProblemSchema.optional().describe('Set while the device has a problem; cleared when it is gone. Read this, never `detail`'),
  equipmentId: z.string().optional().describe('The machine this device reads, when it reads one (its faults show on that machine’s tile)'),
  rssi: z.number().optional().describe('Bluetooth devices: signal strength of the last advertisement seen, in dBm'),
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
  }),
  queue: z.object({
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
});
export type GatewayStatus = z.infer<typeof gatewayStatusSchema>;

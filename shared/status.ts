/** `GET /api/status` and the staff room: what staff need to know about the box at a glance. */

export type UplinkState = 'standalone' | 'online' | 'offline' | 'rate_limited' | 'auth_error' | 'circuit_open';

export type DeviceState = 'ok' | 'connecting' | 'disconnected' | 'unavailable' | 'error';

/**
 * What is wrong with a device, as a code a staff console can act on. One code per thing staff would do
 * differently (see DEVICE_PROBLEM_ACTIONS); the words for humans go in `DeviceProblem.detail`.
 */
export type DeviceProblemCode =
  /** No usable Bluetooth radio: the driver failed to load or the radio cannot scan. */
  | 'bluetooth_unavailable'
  /** The radio is there but not powered on (rfkill, powered off, unauthorized). */
  | 'bluetooth_off'
  /** A Bluetooth machine could not be connected or set up; the adapter retries with backoff. */
  | 'connect_failed'
  /** The configured serial port does not exist: the device is unplugged or the path is wrong. */
  | 'port_missing'
  /** The serial port exists but failed to open, or closed under us; the adapter reopens it. */
  | 'port_failed'
  /** The device is connected but does not answer (e.g. a PM that stopped answering polls). */
  | 'not_responding'
  /** The device answers and reports a fault of its own (e.g. a PM in its error state). */
  | 'device_error'
  /** A capture to replay cannot be read, or holds nothing to play. */
  | 'capture_unreadable'
  /** The adapter itself stopped on an unexpected error (the log has it). */
  | 'adapter_failed';

export interface DeviceProblem {
  code: DeviceProblemCode;
  /** What happened, in words staff understand, e.g. "monitor not answering (5 polls missed)". */
  detail: string;
}

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

export interface DeviceStatus {
  id: string;
  kind: 'simulator' | 'ble' | 'serial' | 'wedge' | 'replay';
  name: string;
  state: DeviceState;
  /** Everything about the device in one line for humans (counters, path, the problem first if there is one). */
  detail?: string;
  /** Set while the device has a problem; cleared when it is gone. Read this, never `detail`. */
  problem?: DeviceProblem;
  /** The machine this device reads, when it reads one (its faults show on that machine's tile). */
  equipmentId?: string;
  /** Bluetooth devices: signal strength of the last advertisement seen, in dBm. */
  rssi?: number;
}

export interface QueueKindStatus {
  depth: number;
  /** Age of the oldest pending event of this kind, in seconds. */
  oldestAgeS: number | null;
}

export interface StaffAlert {
  id: number;
  at: string;
  code: string;
  message: string;
}

export interface PullStatus {
  name: string;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
}

export interface GatewayStatus {
  version: string;
  locationId: string;
  startedAt: string;
  uplink: {
    state: UplinkState;
    cloudUrl: string | null;
    tier: string | null;
    lastSuccessAt: string | null;
    lastError: string | null;
    /** No request goes out before this (Retry-After, backoff, open circuit). */
    nextAttemptAt: string | null;
  };
  queue: {
    depth: number;
    oldestAt: string | null;
    byType: Record<string, QueueKindStatus>;
    deadLetters: number;
    /** Exact counts per event type since the database was created. */
    produced: Record<string, number>;
    delivered: Record<string, number>;
    shed: Record<string, number>;
  };
  storage: {
    databaseBytes: number;
    maxDatabaseBytes: number;
    pendingTelemetryBytes: number;
    telemetryQuotaBytes: number;
  };
  pulls: PullStatus[];
  alerts: StaffAlert[];
  roster: { members: number };
  devices: DeviceStatus[];
}

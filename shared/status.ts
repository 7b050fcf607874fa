/** `GET /api/status` and the staff room: what staff need to know about the box at a glance. */
import type { WebhooksStatus } from './webhooks.js';

export type UplinkState = 'standalone' | 'online' | 'offline' | 'rate_limited' | 'auth_error' | 'circuit_open';

export type DeviceState = 'ok' | 'connecting' | 'disconnected' | 'unavailable' | 'error';

export interface DeviceStatus {
  id: string;
  kind: 'simulator' | 'ble' | 'serial' | 'wedge' | 'replay';
  name: string;
  state: DeviceState;
  detail?: string;
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
  webhooks: WebhooksStatus;
}

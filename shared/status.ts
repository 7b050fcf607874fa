/** `GET /api/status`: what staff need to know about the box at a glance. */

export type UplinkState = 'standalone' | 'online' | 'offline' | 'auth_error';

export type DeviceState = 'ok' | 'connecting' | 'disconnected' | 'unavailable' | 'error';

export interface DeviceStatus {
  id: string;
  kind: 'simulator' | 'ble' | 'serial' | 'wedge';
  name: string;
  state: DeviceState;
  detail?: string;
}

export interface GatewayStatus {
  version: string;
  locationId: string;
  startedAt: string;
  uplink: {
    state: UplinkState;
    cloudUrl: string | null;
    lastSuccessAt: string | null;
    lastError: string | null;
  };
  queue: {
    depth: number;
    oldestAt: string | null;
    byType: Record<string, number>;
    deadLetters: number;
  };
  roster: { members: number };
  devices: DeviceStatus[];
}

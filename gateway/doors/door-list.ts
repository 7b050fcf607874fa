import type { DeviceConfig } from '../devices/config.js';
import type { DoorConfig } from './config.js';

/** The doors of a box: the `doors` section, plus each serial relay that lists its own `openOn` (the older form). */
export function doorList(devices: DeviceConfig[], doors: DoorConfig[]): DoorConfig[] {
  const named = new Set(doors.flatMap((door) => (door.output.kind === 'ch340' ? [door.output.device] : [])));
  const legacy: DoorConfig[] = devices.flatMap((device) =>
    device.kind === 'serial' && device.role === 'relay' && device.openOn.length > 0 && !named.has(device.id)
      ? [{
          id: device.id,
          ...(device.name ? { name: device.name } : {}),
          openOn: device.openOn,
          openSeconds: device.openSeconds,
          timeoutMs: 2000,
          output: { kind: 'ch340' as const, device: device.id },
        }]
      : [],
  );
  return [...legacy, ...doors];
}

export interface ConfigIssue {
  path: Array<string | number>;
  message: string;
}

/** Cross-field checks: door ids unique, a `ch340` door names a serial relay, and every relay belongs to a door. */
export function checkDoorReferences(devices: DeviceConfig[], doors: DoorConfig[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const relays = new Set(devices.flatMap((d) => (d.kind === 'serial' && d.role === 'relay' ? [d.id] : [])));
  const seen = new Set<string>();
  doors.forEach((door, i) => {
    if (seen.has(door.id)) issues.push({ path: ['doors', i, 'id'], message: `"${door.id}" is used by another door: door ids must be unique` });
    seen.add(door.id);
    if (door.output.kind === 'ch340' && !relays.has(door.output.device)) {
      issues.push({
        path: ['doors', i, 'output', 'device'],
        message: `"${door.output.device}" is not a serial device with role "relay" in devices`,
      });
    }
  });
  const named = new Set(doors.flatMap((door) => (door.output.kind === 'ch340' ? [door.output.device] : [])));
  devices.forEach((device, i) => {
    if (device.kind !== 'serial' || device.role !== 'relay') return;
    if (named.has(device.id)) {
      if (device.openOn.length > 0) issues.push({ path: ['devices', i, 'openOn'], message: 'this relay is a door’s output in doors: list the readers there, not here' });
    } else if (device.openOn.length === 0) {
      issues.push({
        path: ['devices', i, 'openOn'],
        message: 'list at least one reader id whose accepted check-ins open the door, or name this relay from a door in doors',
      });
    } else if (seen.has(device.id)) {
      issues.push({ path: ['devices', i, 'id'], message: `"${device.id}" is also a door id in doors: a relay with openOn is a door of that id` });
    }
  });
  return issues;
}

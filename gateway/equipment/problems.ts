import type { DeviceProblem, DeviceStatus } from '../../shared/status.js';

/**
 * The faults to show on machines' tiles, from what the devices report now: equipmentId → problem. Only devices
 * that read a machine and are in `error` count (a machine that is merely out of reach shows stale, then
 * offline, from its readings). When two devices fault on one machine, the first listed is shown.
 */
export function problemsByEquipment(statuses: readonly DeviceStatus[]): Map<string, DeviceProblem> {
  const problems = new Map<string, DeviceProblem>();
  for (const status of statuses) {
    if (status.state !== 'error' || !status.equipmentId || !status.problem) continue;
    if (!problems.has(status.equipmentId)) problems.set(status.equipmentId, status.problem);
  }
  return problems;
}

/** Same code and words: the tile need not be sent again. */
export function sameProblem(a: DeviceProblem | undefined, b: DeviceProblem | undefined): boolean {
  return a?.code === b?.code && a?.detail === b?.detail;
}

import type { DeviceStatus } from '../../shared/status.js';

/** States in which a device is not doing its job. */
const PROBLEM_STATES = new Set<DeviceStatus['state']>(['error', 'disconnected', 'unavailable']);

export const isProblem = (device: DeviceStatus) => PROBLEM_STATES.has(device.state);

/**
 * Devices that entered or left a problem state since the last look (pure). A device is watched from the first time
 * it is seen working: one still starting (or broken since boot) is not announced, and a restart announces nothing.
 */
export function deviceChanges(
  previous: ReadonlyMap<string, boolean>,
  now: readonly DeviceStatus[],
): { baseline: Map<string, boolean>; changed: Array<{ device: DeviceStatus; problem: boolean }> } {
  const baseline = new Map<string, boolean>();
  const changed: Array<{ device: DeviceStatus; problem: boolean }> = [];
  for (const device of now) {
    const before = previous.get(device.id);
    // Connecting (again) is neither: the device keeps the side it was on until it works or fails.
    if (device.state === 'connecting') {
      if (before !== undefined) baseline.set(device.id, before);
      continue;
    }
    const problem = isProblem(device);
    if (before === undefined && problem) continue;
    baseline.set(device.id, problem);
    if (before !== undefined && before !== problem) changed.push({ device, problem });
  }
  return { baseline, changed };
}

import type { DeviceStatus } from '../../shared/status.js';
import { localTime } from '../time/local-time.js';

export const DEVICE_DOWN_ALERT = 'device_down';

/** A device is down when it lost its connection, reports an error, or keeps failing to connect with a problem. */
function isDown(device: DeviceStatus): boolean {
  return device.state === 'disconnected' || device.state === 'error' || (device.state === 'connecting' && device.problem !== undefined);
}

/**
 * Tells staff (a console alert, `device_down`) when a reader or machine has been down for `afterMs`, naming each such
 * device, since when and its problem; a device back up leaves the alert, and the alert resolves when none is down.
 * Short blips (a reader replugged, a strap out of range for a moment) raise nothing. Clocked by the caller.
 */
export class DeviceDownAlert {
  private readonly downSince = new Map<string, number>();
  private raised: string | null = null;

  constructor(
    private readonly alerts: { raise(code: string, message: string): void; resolve(code: string): void },
    private readonly timezone: string,
    private readonly afterMs = 60_000,
  ) {}

  update(devices: readonly DeviceStatus[], now: Date): void {
    const at = now.getTime();
    const down = devices.filter(isDown);
    const ids = new Set(down.map((d) => d.id));
    for (const id of [...this.downSince.keys()]) if (!ids.has(id)) this.downSince.delete(id);
    for (const device of down) if (!this.downSince.has(device.id)) this.downSince.set(device.id, at);

    const long = down.filter((d) => at - this.downSince.get(d.id)! >= this.afterMs);
    const message =
      long.length === 0
        ? null
        : long
            .map((d) => {
              const since = localTime(new Date(this.downSince.get(d.id)!), this.timezone).hhmm;
              const what = d.state === 'disconnected' ? 'disconnected' : 'not working';
              return `${d.name} ${what} since ${since}${d.problem ? `: ${d.problem.detail}` : ''}`;
            })
            .join('; ');
    if (message === this.raised) return;
    if (message === null) this.alerts.resolve(DEVICE_DOWN_ALERT);
    else this.alerts.raise(DEVICE_DOWN_ALERT, message);
    this.raised = message;
  }
}

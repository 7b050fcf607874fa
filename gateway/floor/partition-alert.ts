import type { FloorView } from '../../shared/floor.js';
import { floorSummary } from './view.js';

export const FLOOR_PARTITION_ALERT = 'floor_partition';

/**
 * Tells staff (a console alert) when the floor has been split for `afterMs`: the broker unreachable, or a box gone.
 * Short blips (a broker restart, a box rebooting) raise nothing; the alert resolves itself once every box is heard.
 */
export class PartitionAlert {
  private splitSince: number | null = null;
  private raised: string | null = null;

  constructor(
    private readonly alerts: { raise(code: string, message: string): void; resolve(code: string): void },
    private readonly timezone: string,
    private readonly afterMs = 30_000,
  ) {}

  update(view: FloorView, now: Date): void {
    const split = view.broker !== 'connected' || view.boxes.some((b) => !b.reachable);
    if (!split) {
      this.splitSince = null;
      if (this.raised !== null) this.alerts.resolve(FLOOR_PARTITION_ALERT);
      this.raised = null;
      return;
    }
    this.splitSince ??= now.getTime();
    if (now.getTime() - this.splitSince < this.afterMs) return;
    // Without the count still to send: the words change when the floor does, not with every check-in.
    const message = floorSummary({ ...view, pending: 0 }, this.timezone);
    if (message === this.raised) return;
    this.alerts.raise(FLOOR_PARTITION_ALERT, message);
    this.raised = message;
  }
}

export const CLOCK_SKEW_ALERT = 'clock_skew';

/**
 * Tells staff (a console alert, `clock_skew`) when this box's clock is off the cloud's by more than `maxSkewMs`, as
 * read from the `Date` header of the cloud's answers (one-second resolution, hence minutes here). The box decides
 * opening hours, access windows and anti-passback by its own clock, and stamps every fact with it. Resolves itself
 * once an answer shows the clocks agree again.
 */
export class ClockSkewAlert {
  private raised = false;

  constructor(
    private readonly alerts: { raise(code: string, message: string): void; resolve(code: string): void },
    private readonly maxSkewMs = 120_000,
  ) {}

  /** `server`: the answer's `Date`; `local`: this box's clock when the answer arrived. */
  update(server: Date, local: Date): void {
    if (Number.isNaN(server.getTime())) return;
    const skewMs = local.getTime() - server.getTime();
    if (Math.abs(skewMs) <= this.maxSkewMs) {
      if (this.raised) this.alerts.resolve(CLOCK_SKEW_ALERT);
      this.raised = false;
      return;
    }
    const minutes = Math.round(Math.abs(skewMs) / 60_000);
    this.alerts.raise(
      CLOCK_SKEW_ALERT,
      `This box's clock is ${minutes} minutes ${skewMs > 0 ? 'ahead of' : 'behind'} the cloud's: opening hours, anti-passback and the ` +
        'times of check-ins follow it. Set the time (turn on NTP: timedatectl set-ntp true).',
    );
    this.raised = true;
  }
}

import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../log.js';

export interface Job {
  name: string;
  cron: string;
  run: () => Promise<unknown> | unknown;
}

/**
 * Runs jobs on node-cron schedules (pulls, retention). A job still running when its next tick comes
 * is not started twice; a failing job is logged and runs again at its next tick.
 */
export class JobScheduler {
  private readonly tasks: ScheduledTask[] = [];

  constructor(
    private readonly log: Logger,
    private readonly timezone: string,
  ) {}

  add(job: Job): void {
    let running = false;
    const task = cron.schedule(
      job.cron,
      async () => {
        if (running) return;
        running = true;
        try {
          await job.run();
        } catch (error) {
          this.log.error({ job: job.name, err: error }, 'scheduled job failed');
        } finally {
          running = false;
        }
      },
      { name: job.name, timezone: this.timezone, noOverlap: true },
    );
    this.tasks.push(task);
  }

  stop(): void {
    for (const task of this.tasks) void task.stop();
    this.tasks.length = 0;
  }
}

import cron, { type ScheduledTask } from 'node-cron';
import type { JobStatus } from '../../shared/staff.js';
import type { Logger } from '../log.js';
import type { Clock } from '../time/clock.js';
import { systemClock } from '../time/clock.js';

export interface Job {
  name: string;
  cron: string;
  run: () => Promise<unknown> | unknown;
}

interface Entry {
  job: Job;
  task: ScheduledTask;
  running: Promise<JobStatus['lastRun']> | null;
  lastRun: JobStatus['lastRun'];
}

/**
 * Runs jobs on node-cron schedules (pulls, retention) and keeps each one's last run for the staff console. A job still
 * running when its next tick comes (or "Run now") is not started twice; a failing job is logged, shown with its
 * error, and runs again at its next tick.
 */
export class JobScheduler {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly log: Logger,
    private readonly timezone: string,
    private readonly clock: Clock = systemClock,
  ) {}

  add(job: Job): void {
    const task = cron.schedule(job.cron, () => this.runNow(job.name), { name: job.name, timezone: this.timezone, noOverlap: true });
    this.entries.set(job.name, { job, task, running: null, lastRun: null });
  }

  /** Every job: its schedule, whether it runs now, its last run and its next. */
  list(): JobStatus[] {
    return [...this.entries.values()].map(({ job, task, running, lastRun }) => ({
      name: job.name,
      cron: job.cron,
      running: running !== null,
      lastRun,
      nextRunAt: task.getNextRun()?.toISOString() ?? null,
    }));
  }

  /** Runs a job now (or joins the run in progress); resolves with how it went, or null for an unknown job. */
  runNow(name: string): Promise<JobStatus['lastRun']> | null {
    const entry = this.entries.get(name);
    if (!entry) return null;
    entry.running ??= this.run(entry).finally(() => {
      entry.running = null;
    });
    return entry.running;
  }

  stop(): void {
    for (const { task } of this.entries.values()) void task.stop();
    this.entries.clear();
  }

  private async run(entry: Entry): Promise<JobStatus['lastRun']> {
    const started = this.clock.now();
    let error: string | null = null;
    try {
      await entry.job.run();
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
      this.log.error({ job: entry.job.name, err: failure }, 'scheduled job failed');
    }
    entry.lastRun = { at: started.toISOString(), durationMs: this.clock.now().getTime() - started.getTime(), ok: error === null, error };
    return entry.lastRun;
  }
}

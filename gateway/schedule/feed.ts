import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ScheduleAnswer } from '../../shared/screens.js';
import type { Clock } from '../time/clock.js';
import { localTime } from '../time/local-time.js';
import type { Logger } from '../log.js';
import { classesOn } from './ics.js';

export interface ScheduleFeedOptions {
  /** An http(s) URL or a file path (relative to `baseDir`). */
  source: string;
  baseDir: string;
  refreshMinutes: number;
  timezone: string;
  clock: Clock;
  log: Logger;
  timeoutMs?: number;
}

const MAX_BYTES = 5 * 1024 * 1024;

/**
 * Reads the configured ICS feed now and every `refreshMinutes`, keeping the last good copy: a feed that is down or
 * broken leaves yesterday's… well, the last good schedule on the screen, with the error for staff.
 */
export class ScheduleFeed {
  private text: string | null = null;
  private fetchedAt: Date | null = null;
  private error: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> | null = null;

  constructor(private readonly options: ScheduleFeedOptions) {}

  start(): void {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.options.refreshMinutes * 60_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Reads the feed once (concurrent callers share the read). */
  refresh(): Promise<void> {
    this.inFlight ??= this.read().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** Changes whenever a new copy of the feed is read: readers that cache its classes compare it. */
  version(): string {
    return this.fetchedAt?.toISOString() ?? 'unread';
  }

  answer(date?: string): ScheduleAnswer {
    const { timezone, clock } = this.options;
    const day = date ?? localTime(clock.now(), timezone).date;
    let classes: ScheduleAnswer['classes'] = [];
    let error = this.error;
    if (this.text !== null) {
      try {
        classes = classesOn(this.text, day, timezone);
      } catch (e) {
        error = (e as Error).message;
      }
    }
    return {
      date: day,
      timezone,
      source: { kind: 'ics', fetchedAt: this.fetchedAt?.toISOString() ?? null, error },
      classes,
    };
  }

  private async read(): Promise<void> {
    const { source, baseDir, log } = this.options;
    try {
      const text = /^https?:\/\//i.test(source) ? await this.download(source) : await readFile(path.resolve(baseDir, source), 'utf8');
      classesOn(text, localTime(this.options.clock.now(), this.options.timezone).date, this.options.timezone); // fails on a broken feed
      this.text = text;
      this.fetchedAt = this.options.clock.now();
      this.error = null;
    } catch (error) {
      this.error = `schedule feed ${source}: ${(error as Error).message}`;
      log.warn({ source, err: (error as Error).message }, 'schedule feed could not be read; keeping the last good copy');
    }
  }

  private async download(url: string): Promise<string> {
    const response = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    if (Number(response.headers.get('content-length') ?? 0) > MAX_BYTES) throw new Error(`feed is larger than ${MAX_BYTES / 1024 / 1024} MB`);
    const text = await response.text();
    if (text.length > MAX_BYTES) throw new Error(`feed is larger than ${MAX_BYTES / 1024 / 1024} MB`);
    return text;
  }
}

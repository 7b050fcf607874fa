/**
 * Reloads a kiosk window that has shown no live data for too long. A screen says how it is doing
 * on its root element (renderer/src/screens/ScreenFrame.tsx): `data-live="live|waiting|reconnecting"`
 * and `data-last-message-at` (ms since the epoch of the last message it got). A window is fresh
 * while its screen is live; once it has not been for `staleMs` — stuck reconnecting, an error page
 * with no screen at all, a renderer too hung to answer — it is loaded again. Socket.IO reconnects
 * by itself in most cases; this is the net under that.
 */

/** Runs in the page: what the screen root says, or null when there is no screen root. */
export const SAMPLE_SCRIPT = `(() => {
  const root = document.querySelector('.screen');
  if (!root) return null;
  const at = Number(root.getAttribute('data-last-message-at'));
  return { live: root.getAttribute('data-live'), lastMessageAt: Number.isFinite(at) && at > 0 ? at : null };
})()`;

export interface ScreenSample {
  live: string | null;
  lastMessageAt: number | null;
}

export interface WatchedWindow {
  /** The screen it shows. */
  readonly url: string;
  evaluate(script: string): Promise<unknown>;
  reload(why: string, options?: { hung?: boolean }): void;
  isDestroyed(): boolean;
}

export interface StaleWatchdogOptions {
  /** No live data for this long → reload. */
  staleMs: number;
  now: () => number;
  /** A page that does not answer the sample within this long counts as hung. */
  sampleTimeoutMs?: number;
}

function parseSample(value: unknown): ScreenSample | null {
  if (typeof value !== 'object' || value === null) return null;
  const { live, lastMessageAt } = value as Record<string, unknown>;
  return {
    live: typeof live === 'string' ? live : null,
    lastMessageAt: typeof lastMessageAt === 'number' && Number.isFinite(lastMessageAt) ? lastMessageAt : null,
  };
}

const TIMED_OUT = Symbol('timed out');

export class StaleWatchdog {
  /** Per window: the last moment it was known to show live data (or was (re)loaded). */
  private readonly freshAt = new Map<WatchedWindow, number>();
  private readonly sampleTimeoutMs: number;

  constructor(private readonly options: StaleWatchdogOptions) {
    this.sampleTimeoutMs = options.sampleTimeoutMs ?? 10_000;
  }

  /** Starts watching a window; it gets `staleMs` from now to show live data. */
  watch(window: WatchedWindow): void {
    if (!this.freshAt.has(window)) this.freshAt.set(window, this.options.now());
  }

  unwatch(window: WatchedWindow): void {
    this.freshAt.delete(window);
  }

  /** One round over all windows; returns the URLs of the windows it reloaded. */
  async check(): Promise<string[]> {
    const reloaded: string[] = [];
    await Promise.all(
      [...this.freshAt.keys()].map(async (window) => {
        if (window.isDestroyed()) {
          this.freshAt.delete(window);
          return;
        }
        const raw = await this.sample(window);
        const now = this.options.now();
        const sample = raw === TIMED_OUT ? null : parseSample(raw);
        let freshAt = this.freshAt.get(window) ?? now;
        if (sample?.live === 'live') freshAt = now;
        // Data that arrived between two rounds counts even if the screen is reconnecting now.
        else if (sample?.lastMessageAt && sample.lastMessageAt > freshAt) freshAt = Math.min(sample.lastMessageAt, now);
        if (now - freshAt >= this.options.staleMs) {
          const state = raw === TIMED_OUT ? 'the page does not answer' : sample ? `the screen is ${sample.live ?? 'in no state'}` : 'no screen is showing';
          window.reload(`no live data for ${Math.round((now - freshAt) / 60_000)} min (${state})`, { hung: raw === TIMED_OUT });
          reloaded.push(window.url);
          freshAt = now; // the reloaded page gets its full grace period
        }
        this.freshAt.set(window, freshAt);
      }),
    );
    return reloaded;
  }

  private async sample(window: WatchedWindow): Promise<unknown> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      return await Promise.race([
        window.evaluate(SAMPLE_SCRIPT).catch(() => null),
        new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), this.sampleTimeoutMs))),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}

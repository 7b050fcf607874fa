import { useEffect, useState } from 'react';
import { getJson } from '../api.js';

export interface PolledState<T> {
  data: T | null;
  /** The last read succeeded (the screen is current to within one interval). */
  connected: boolean;
  /** `Date.now()` of the last successful read. */
  lastMessageAt: number | null;
  error: string | null;
}

/**
 * Reads a JSON route now and every `intervalMs`, keeping the last answer when a read fails (the screen goes on
 * showing it under the "showing data from HH:MM" banner) and retrying sooner, with backoff, until it answers.
 * `path` null = nothing to read yet. A new `refreshKey` reads at once (the gateway said the data changed).
 */
export function usePolled<T>(path: string | null, intervalMs: number, refreshKey: unknown = null): PolledState<T> {
  const [state, setState] = useState<PolledState<T>>({ data: null, connected: false, lastMessageAt: null, error: null });

  useEffect(() => {
    if (path === null) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let retryMs = 2000;

    const read = () => {
      getJson<T>(path).then(
        (data) => {
          if (cancelled) return;
          retryMs = 2000;
          setState({ data, connected: true, lastMessageAt: Date.now(), error: null });
          timer = setTimeout(read, intervalMs);
        },
        (error: unknown) => {
          if (cancelled) return;
          setState((s) => ({ ...s, connected: false, error: error instanceof Error ? error.message : String(error) }));
          timer = setTimeout(read, Math.min(retryMs, intervalMs));
          retryMs = Math.min(retryMs * 2, 60_000);
        },
      );
    };
    read();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [path, intervalMs, refreshKey]);

  return state;
}

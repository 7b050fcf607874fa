import { useEffect, useState } from 'react';
import type { ScreenConfig } from '../../shared/screen-config.js';
import { fetchScreenConfig, type UrlOptions } from './api.js';

export interface ScreenConfigState {
  config: ScreenConfig | null;
  /** Why the last attempt failed, while there is no config yet. */
  error: string | null;
}

/** Loads `/api/screen-config`, retrying with backoff (1 s doubling to 30 s) until the gateway answers. */
// Loaded once per page: a playlist switching screens must not start from "waiting" each time.
let cached: ScreenConfig | null = null;

export function useScreenConfig(): ScreenConfigState {
  const [state, setState] = useState<ScreenConfigState>({ config: cached, error: null });

  useEffect(() => {
    if (cached) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let delayMs = 1000;

    const attempt = () => {
      fetchScreenConfig().then(
        (config) => {
          cached = config;
          if (!cancelled) setState({ config, error: null });
        },
        (error: unknown) => {
          if (cancelled) return;
          setState({ config: null, error: error instanceof Error ? error.message : String(error) });
          timer = setTimeout(attempt, delayMs);
          delayMs = Math.min(delayMs * 2, 30_000);
        },
      );
    };
    attempt();

    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, []);

  return state;
}

export interface ScreenSetup extends ScreenConfigState {
  /** From `?location=` when given, else the gateway's; null until known. */
  locationId: string | null;
  /** The gateway's name for the location, or the id when `?location=` points elsewhere. */
  locationName: string | null;
  token: string | null;
}

export function useScreenSetup(url: UrlOptions): ScreenSetup {
  const { config, error } = useScreenConfig();
  const locationId = url.location ?? config?.locationId ?? null;
  const locationName = config && config.locationId === locationId ? config.locationName : locationId;
  return { config, error, locationId, locationName, token: url.token };
}

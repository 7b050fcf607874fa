import type { CheckInRequest, CheckInResult } from '../../shared/checkin.js';
import type { ScreenConfig } from '../../shared/screen-config.js';

/** Options a screen takes from its URL: `?location=<id>&challenge=<id>&theme=dark|light&…`. */
export interface UrlOptions {
  /** Overrides the gateway's location id when present. */
  location: string | null;
  /** Kiosk token: sent as `Authorization: Bearer …` on POSTs and as socket.io `auth.token`. */
  token: string | null;
  /** Leaderboard: which challenge (default: the first running one). */
  challenge: string | null;
  /** Leaderboard: only this division (default: all side by side). */
  division: string | null;
  /** Playlist: which one of `screens.playlists` (default: "default"). */
  name: string | null;
  /** Widgets: rows or items to show. */
  limit: number | null;
  /** Widgets: seconds between refreshes (default: seed 001 §2.2's rate for the widget). */
  refresh: number | null;
  theme: 'dark' | 'light';
  /** Null = follow the display's shape. */
  orientation: 'landscape' | 'portrait' | null;
}

export function readUrlOptions(search: string = window.location.search): UrlOptions {
  const params = new URLSearchParams(search);
  const nonEmpty = (value: string | null) => (value !== null && value.trim() !== '' ? value.trim() : null);
  const positive = (value: string | null) => {
    const n = Number(nonEmpty(value) ?? Number.NaN);
    return Number.isFinite(n) && n > 0 ? n : null;
  };
  const orientation = nonEmpty(params.get('orientation'));
  return {
    location: nonEmpty(params.get('location')),
    token: nonEmpty(params.get('token')),
    challenge: nonEmpty(params.get('challenge')),
    division: nonEmpty(params.get('division')),
    name: nonEmpty(params.get('name')),
    limit: positive(params.get('limit')),
    refresh: positive(params.get('refresh')),
    theme: params.get('theme') === 'light' ? 'light' : 'dark',
    orientation: orientation === 'portrait' || orientation === 'landscape' ? orientation : null,
  };
}

/** The same options with some parameters replaced (a playlist item's params over the page's). */
export function withParams(url: UrlOptions, params: Record<string, string>): UrlOptions {
  const merged = new URLSearchParams();
  for (const [key, value] of Object.entries(url)) {
    if (value !== null && value !== undefined) merged.set(key, String(value));
  }
  for (const [key, value] of Object.entries(params)) merged.set(key, value);
  return readUrlOptions(`?${merged}`);
}

/** A failed API call, with a message fit to show on screen. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown };
}

async function toApiError(response: Response): Promise<ApiError> {
  let code: string | null = null;
  let message = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  try {
    const body = (await response.json()) as ErrorBody;
    if (typeof body.error?.code === 'string') code = body.error.code;
    if (typeof body.error?.message === 'string' && body.error.message !== '') message = body.error.message;
  } catch {
    // Not JSON (a proxy error page, say): keep the status line.
  }
  return new ApiError(message, response.status, code);
}

const REQUEST_TIMEOUT_MS = 10_000;

async function request<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, cache: 'no-store', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw new ApiError(timedOut ? 'the gateway did not answer in time' : 'the gateway is not reachable', null, null);
  }
  if (!response.ok) throw await toApiError(response);
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError('the gateway sent an unreadable answer', response.status, null);
  }
}

/** GET a JSON answer of the gateway's API (screens and widgets read only). */
export function getJson<T>(path: string): Promise<T> {
  return request<T>(path, { headers: { Accept: 'application/json' } });
}

export function fetchScreenConfig(): Promise<ScreenConfig> {
  return request<ScreenConfig>('/api/screen-config', { headers: { Accept: 'application/json' } });
}

/** Resolves for accepted and denied decisions alike; rejects with an ApiError otherwise. */
export function postCheckIn(body: CheckInRequest, token: string | null): Promise<CheckInResult> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  return request<CheckInResult>('/api/checkins', { method: 'POST', headers, body: JSON.stringify(body) });
}

/** "HH:MM" in the screen's local time. */
export function formatClock(at: number | string | Date): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return '--:--';
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

import type { CheckInRequest, CheckInResult } from '../../shared/checkin.js';
import type { ScreenConfig } from '../../shared/screen-config.js';

/** Options a screen takes from its URL: `?location=<id>&token=<kiosk token>`. */
export interface UrlOptions {
  /** Overrides the gateway's location id when present. */
  location: string | null;
  /** Kiosk token: sent as `Authorization: Bearer …` on POSTs and as socket.io `auth.token`. */
  token: string | null;
}

export function readUrlOptions(search: string = window.location.search): UrlOptions {
  const params = new URLSearchParams(search);
  const nonEmpty = (value: string | null) => (value !== null && value.trim() !== '' ? value.trim() : null);
  return { location: nonEmpty(params.get('location')), token: nonEmpty(params.get('token')) };
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

/** The console's calls to the gateway: same origin, the session cookie rides along; a 401 means "sign in again". */

export class SignedOut extends Error {}

export class StaffApiError extends Error {
  constructor(message: string, readonly status: number | null, readonly code: string | null) {
    super(message);
  }
}

const TIMEOUT_MS = 15_000;

export async function staffFetch<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { Accept: 'application/json', ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new StaffApiError('The gateway is not reachable: check that the box is on and on this network.', null, null);
  }
  const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  if (response.status === 401 && path !== '/api/staff/session') throw new SignedOut();
  if (!response.ok) {
    throw new StaffApiError(body?.error?.message ?? `The gateway answered ${response.status}.`, response.status, body?.error?.code ?? null);
  }
  return body as T;
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** "14:05" in the browser's zone (the console runs on the gym's own tablets). */
export function clock(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export function dateAndClock(iso: string | null | undefined): string {
  if (!iso) return 'never';
  const at = new Date(iso);
  const sameDay = at.toDateString() === new Date().toDateString();
  return sameDay ? `today ${clock(iso)}` : `${at.toLocaleDateString([], { day: 'numeric', month: 'short' })} ${clock(iso)}`;
}

export function ago(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const s = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} days ago`;
}

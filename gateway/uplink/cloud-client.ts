import { request } from 'undici';
import type { z } from 'zod';
import {
  API_PREFIX,
  athletesPageSchema,
  checkInAnswerSchema,
  dailyWodWidgetSchema,
  eventsBatchResponseSchema,
  type CheckInCall,
  type EventsBatchResponse,
} from './contract.js';

/** How a call to the cloud ended, in the terms the uplink acts on (cloud-api.md "Errors"). */
export type CallOutcome<T> =
  | { kind: 'ok'; value: T }
  /** Network failure, timeout, 408/429/5xx, or an answer we could not read: try again later. */
  | { kind: 'transient'; status: number | null; message: string; retryAfterMs?: number }
  /** 401/403: stop, keep everything, tell staff. */
  | { kind: 'auth'; status: number; message: string }
  /** 400/404/409/413/422…: this request will never succeed as it is. */
  | { kind: 'permanent'; status: number; message: string };

const TRANSIENT = new Set([408, 425, 429, 500, 502, 503, 504]);

type CallArgs<S extends z.ZodType> = [
  method: 'GET' | 'POST',
  path: string,
  body: string | undefined,
  schema: S,
  now: Date,
  extra?: { timeoutMs?: number; headers?: Record<string, string>; mustNotWait?: boolean },
];

export interface CloudClientOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  /** The tier's rate limit, shared by every call (see rate-limit.ts). */
  gate?: { acquire(): Promise<boolean>; tryAcquire(): boolean; pauseUntil(at: number): void };
  /** Told how every call ended (the uplink learns from pulls that the cloud is back, or refuses the key). */
  observe?: (outcome: CallOutcome<unknown>) => void;
  /** Each answer's `Date` header (the cloud's clock), as it arrives. */
  serverDate?: (date: Date) => void;
}

/** Parses Retry-After in either form (delta-seconds or HTTP-date) into a delay from `now`. */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

function errorMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { message?: string; code?: string } };
    if (body.error?.message) return body.error.code ? `${body.error.code}: ${body.error.message}` : body.error.message;
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.slice(0, 200) || '(empty body)';
}

/** A typed client of the cloud API's device subset. It classifies; it never retries (the uplink does). */
export class CloudClient {
  private readonly base: string;
  private apiKey: string;

  constructor(private readonly options: CloudClientOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '') + API_PREFIX;
    this.apiKey = options.apiKey;
  }

  /** Staff replaced the key (after a 401/403): use it from the next call on. */
  setApiKey(key: string): void {
    this.apiKey = key;
  }

  /** `body` is the JSON text of an EventsBatchRequest, built by the uplink without re-parsing payloads. */
  sendBatch(body: string, now: Date = new Date()): Promise<CallOutcome<EventsBatchResponse>> {
    return this.call('POST', '/events/batch', body, eventsBatchResponseSchema, now);
  }

  checkIn(call: CheckInCall, timeoutMs: number, now: Date = new Date()) {
    return this.call('POST', '/check-in', JSON.stringify(call), checkInAnswerSchema, now, {
      timeoutMs,
      headers: { 'idempotency-key': call.eventId },
      mustNotWait: true,
    });
  }

  athletes(query: { locationId: string; updatedSince?: string; cursor?: string; limit: number }, now = new Date()) {
    const params = new URLSearchParams({ locationId: query.locationId, limit: String(query.limit) });
    if (query.updatedSince) params.set('updatedSince', query.updatedSince);
    if (query.cursor) params.set('cursor', query.cursor);
    return this.call('GET', `/athletes?${params}`, undefined, athletesPageSchema, now);
  }

  dailyWod(locationId: string, now = new Date()) {
    return this.call('GET', `/widgets/daily-wod?${new URLSearchParams({ locationId })}`, undefined, dailyWodWidgetSchema, now);
  }

  /** Any GET whose answer the caller validates with its own schema (challenges, leaderboards). */
  get<S extends z.ZodType>(path: string, schema: S, now = new Date()) {
    return this.call('GET', path, undefined, schema, now);
  }

  private async call<S extends z.ZodType>(...args: CallArgs<S>): Promise<CallOutcome<z.infer<S>>> {
    const outcome = await this.attempt(...args);
    this.options.observe?.(outcome);
    return outcome;
  }

  private async attempt<S extends z.ZodType>(...[method, path, body, schema, now, extra = {}]: CallArgs<S>): Promise<CallOutcome<z.infer<S>>> {
    const { gate } = this.options;
    if (gate) {
      const allowed = extra.mustNotWait ? gate.tryAcquire() : await gate.acquire();
      if (!allowed) return { kind: 'transient', status: null, message: 'rate limit or shutdown: no request allowed right now' };
    }
    const timeout = extra.timeoutMs ?? this.options.timeoutMs;
    let status: number;
    let text: string;
    let retryAfter: string | undefined;
    try {
      const response = await request(`${this.base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.apiKey}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...extra.headers,
        },
        body,
        headersTimeout: timeout,
        bodyTimeout: timeout,
        signal: AbortSignal.timeout(timeout + 1000),
      });
      status = response.statusCode;
      const header = response.headers['retry-after'];
      retryAfter = Array.isArray(header) ? header[0] : header;
      const date = response.headers.date;
      if (typeof date === 'string') this.options.serverDate?.(new Date(date));
      text = await response.body.text();
    } catch (error) {
      return { kind: 'transient', status: null, message: `${method} ${path.split('?')[0]}: ${(error as Error).message || String(error)}` };
    }

    if (status >= 200 && status < 300) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return { kind: 'transient', status, message: `unreadable answer to ${method} ${path.split('?')[0]}` };
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        // The cloud took the request but answered in a shape we do not know: nothing is settled on a
        // guess; it goes again (same eventIds) and staff see why.
        const issue = parsed.error.issues[0];
        return {
          kind: 'transient',
          status,
          message: `unexpected answer to ${method} ${path.split('?')[0]}: ${issue?.path.join('.')} ${issue?.message}`,
        };
      }
      return { kind: 'ok', value: parsed.data };
    }
    const message = `HTTP ${status}: ${errorMessage(text)}`;
    if (status === 401 || status === 403) return { kind: 'auth', status, message };
    // A 404 of the API itself (wrong URL, a proxy) says nothing about an event: retry, never dead-letter.
    if (TRANSIENT.has(status) || (status === 404 && method === 'POST' && path === '/events/batch')) {
      const retryAfterMs = parseRetryAfter(retryAfter, now);
      if (retryAfterMs !== undefined) gate?.pauseUntil(now.getTime() + retryAfterMs);
      return { kind: 'transient', status, message, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    }
    return { kind: 'permanent', status, message };
  }
}

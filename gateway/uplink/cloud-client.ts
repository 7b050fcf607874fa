import { request } from 'undici';
import { API_PREFIX, type EventsBatchRequest, type EventsBatchResponse } from './contract.js';

/** How a request to the cloud ended, in the terms the uplink acts on (cloud-api.md "Errors"). */
export type SendOutcome =
  | { kind: 'ok'; response: EventsBatchResponse }
  | { kind: 'transient'; status: number | null; message: string; retryAfterMs?: number }
  | { kind: 'auth'; status: number; message: string }
  | { kind: 'permanent'; status: number; message: string };

const TRANSIENT = new Set([408, 429, 500, 502, 503, 504]);

export interface CloudClientOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
}

/** Parses Retry-After in either form (delta-seconds or HTTP-date) into a delay from `now`. */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

export class CloudClient {
  private readonly base: string;

  constructor(private readonly options: CloudClientOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '') + API_PREFIX;
  }

  async sendBatch(body: EventsBatchRequest, now: Date = new Date()): Promise<SendOutcome> {
    let status: number;
    let text: string;
    let retryAfter: string | undefined;
    try {
      const response = await request(`${this.base}/events/batch`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.options.apiKey}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
      });
      status = response.statusCode;
      const header = response.headers['retry-after'];
      retryAfter = Array.isArray(header) ? header[0] : header;
      text = await response.body.text();
    } catch (error) {
      return { kind: 'transient', status: null, message: (error as Error).message || String(error) };
    }

    if (status >= 200 && status < 300) {
      try {
        const parsed = JSON.parse(text) as EventsBatchResponse;
        if (!Array.isArray(parsed.results)) throw new Error('no results array');
        return { kind: 'ok', response: parsed };
      } catch (error) {
        return { kind: 'transient', status, message: `unreadable answer: ${(error as Error).message}` };
      }
    }
    const message = `HTTP ${status}: ${errorMessage(text)}`;
    if (status === 401 || status === 403) return { kind: 'auth', status, message };
    if (TRANSIENT.has(status)) {
      const retryAfterMs = parseRetryAfter(retryAfter, now);
      return { kind: 'transient', status, message, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    }
    return { kind: 'permanent', status, message };
  }
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

/**
 * The cloud double: a real HTTP server on loopback implementing ../shared/cloud-api.md, with exact
 * counters and fault injection. Tests point the gateway's FLOORGATE_CLOUD_URL at it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import {
  API_PREFIX,
  MAX_BATCH_BYTES,
  MAX_BATCH_EVENTS,
  type EventResult,
  type EventsBatchRequest,
  type OutboundEvent,
} from '../../gateway/uplink/contract.js';

export type Fault =
  | { kind: 'none' }
  /** Answer every request with this status (and optional Retry-After header). */
  | { kind: 'status'; status: number; retryAfter?: string }
  /** Accept the connection and never answer. */
  | { kind: 'hang' };

export interface CloudDoubleOptions {
  apiKey?: string;
  /** Events the double rejects, with a reason (per-event rejection). */
  rejectEvent?: (event: OutboundEvent) => { code: string; message: string } | null;
}

export interface CloudCounters {
  requests: number;
  accepted: number;
  duplicate: number;
  rejected: number;
  requestTimes: number[];
}

export class CloudDouble {
  readonly counters: CloudCounters = { requests: 0, accepted: 0, duplicate: 0, rejected: 0, requestTimes: [] };
  /** Every event accepted, in the order accepted. */
  readonly accepted: OutboundEvent[] = [];
  /** eventId → how many times it was sent (accepted + duplicate). */
  readonly seen = new Map<string, number>();
  fault: Fault = { kind: 'none' };
  apiKey: string;
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private port = 0;

  constructor(private readonly options: CloudDoubleOptions = {}) {
    this.apiKey = options.apiKey ?? 'bak_test_key';
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts listening (again, on the same port after stop(), so the gateway's URL stays valid). */
  async start(): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  /** Stops listening: connections are refused until start() again. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.counters.requests++;
    this.counters.requestTimes.push(Date.now());
    const body = await readBody(req);
    if (this.fault.kind === 'hang') return; // never answer
    if (this.fault.kind === 'status') {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (this.fault.retryAfter) headers['retry-after'] = this.fault.retryAfter;
      res.writeHead(this.fault.status, headers);
      res.end(JSON.stringify({ error: { code: 'injected', message: `injected ${this.fault.status}` } }));
      return;
    }
    if (req.headers.authorization !== `Bearer ${this.apiKey}`) {
      return send(res, 401, { error: { code: 'unauthorized', message: 'invalid API key' } });
    }
    const url = new URL(req.url ?? '/', 'http://double');
    if (req.method === 'POST' && url.pathname === `${API_PREFIX}/events/batch`) return this.batch(body, res);
    return send(res, 404, { error: { code: 'not_found', message: `${req.method} ${url.pathname}` } });
  }

  private batch(body: Buffer, res: ServerResponse): void {
    if (body.length > MAX_BATCH_BYTES) {
      return send(res, 413, { error: { code: 'too_large', message: 'batch over 1 MB' } });
    }
    let request: EventsBatchRequest;
    try {
      request = JSON.parse(body.toString('utf8')) as EventsBatchRequest;
    } catch {
      return send(res, 400, { error: { code: 'bad_json', message: 'body is not JSON' } });
    }
    if (!Array.isArray(request.events) || request.events.length > MAX_BATCH_EVENTS) {
      return send(res, 422, { error: { code: 'bad_batch', message: 'events must be an array of at most 1000' } });
    }
    const results: EventResult[] = request.events.map((event) => {
      const times = this.seen.get(event.eventId) ?? 0;
      if (times > 0) {
        this.seen.set(event.eventId, times + 1);
        this.counters.duplicate++;
        return { eventId: event.eventId, status: 'duplicate' };
      }
      const rejection = this.options.rejectEvent?.(event) ?? null;
      if (rejection) {
        this.counters.rejected++;
        return { eventId: event.eventId, status: 'rejected', error: rejection };
      }
      this.seen.set(event.eventId, 1);
      this.counters.accepted++;
      this.accepted.push(event);
      return { eventId: event.eventId, status: 'accepted' };
    });
    send(res, 200, { results });
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

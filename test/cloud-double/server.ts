/**
 * The cloud double: a real HTTP server on loopback implementing ../shared/cloud-api.md, with exact
 * counters and fault injection. Tests point the gateway's FLOORGATE_CLOUD_URL at it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { CloudChallengeInput, CloudLeaderboardInput } from '../../gateway/challenges/cloud-types.js';
import type { Member } from '../../gateway/members/member.js';
import {
  API_PREFIX,
  checkInCallSchema,
  MAX_BATCH_BYTES,
  MAX_BATCH_EVENTS,
  type CloudWod,
  type EventResult,
  type EventsBatchRequest,
  type OutboundEvent,
} from '../../gateway/uplink/contract.js';

export type Fault =
  | { kind: 'none' }
  /** Answer with this status (and optional Retry-After header). */
  | { kind: 'status'; status: number; retryAfter?: string }
  /** Accept the connection and never answer. */
  | { kind: 'hang' }
  /** Answer correctly, but only after this long. */
  | { kind: 'slow'; delayMs: number };

export interface CloudDoubleOptions {
  apiKey?: string;
  /** Events the double rejects, with a reason (per-event rejection). */
  rejectEvent?: (event: OutboundEvent) => { code: string; message: string } | null;
  /** Enforce a tier: more requests than this in any 60 s window get 429 + Retry-After. */
  perMinute?: number;
}

export interface CloudCounters {
  /** Every request that reached the double. */
  requests: number;
  /** POST /events/batch requests, and when each arrived (ms since epoch). */
  batchRequests: number;
  batchRequestTimes: number[];
  accepted: number;
  duplicate: number;
  rejected: number;
  /** Requests refused with 429 because they broke the tier's rate. */
  refusedForRate: number;
  checkInCalls: number;
}

export class CloudDouble {
  readonly counters: CloudCounters = {
    requests: 0,
    batchRequests: 0,
    batchRequestTimes: [],
    accepted: 0,
    duplicate: 0,
    rejected: 0,
    refusedForRate: 0,
    checkInCalls: 0,
  };
  /** Every event accepted, in the order accepted. */
  readonly accepted: OutboundEvent[] = [];
  /** eventId → how many times it was sent (accepted + duplicate). */
  readonly seen = new Map<string, number>();
  /** eventId → when it was first accepted (ms since epoch): for measuring how long an event took to reach the cloud. */
  readonly acceptedAt = new Map<string, number>();
  /** The roster the double serves on GET /athletes, with each member's last change (ms). */
  athletes: Array<{ member: Member; updatedAt: number }> = [];
  wod: CloudWod | null = null;
  personalizedWod: CloudWod | null = null;
  challenges: CloudChallengeInput[] = [];
  leaderboards = new Map<string, CloudLeaderboardInput>();
  /** The fault for the next requests; `faultRequests` of them (Infinity = until changed), on `faultScope`. */
  fault: Fault = { kind: 'none' };
  faultRequests = Number.POSITIVE_INFINITY;
  faultScope: 'batch' | 'all' = 'all';
  apiKey: string;
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly recent: number[] = [];
  private port = 0;

  constructor(private readonly options: CloudDoubleOptions = {}) {
    this.apiKey = options.apiKey ?? 'bak_test_key';
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.server !== null;
  }

  /** Injects `fault` for the next `requests` requests (default: until changed), to every call or only to event batches. */
  inject(fault: Fault, requests = Number.POSITIVE_INFINITY, scope: 'batch' | 'all' = 'all'): void {
    this.fault = fault;
    this.faultRequests = requests;
    this.faultScope = scope;
  }

  /** Starts listening (again on the same port after stop(), so the gateway's URL stays valid). */
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
    const url = new URL(req.url ?? '/', 'http://double');
    const isBatch = req.method === 'POST' && url.pathname === `${API_PREFIX}/events/batch`;
    if (isBatch) {
      this.counters.batchRequests++;
      this.counters.batchRequestTimes.push(Date.now());
    }
    const body = await readBody(req);

    const inScope = this.faultScope === 'all' || isBatch;
    const fault = this.faultRequests > 0 && inScope ? this.fault : ({ kind: 'none' } as Fault);
    if (fault.kind !== 'none') this.faultRequests--;
    if (fault.kind === 'hang') return; // never answer
    if (fault.kind === 'status') {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (fault.retryAfter) headers['retry-after'] = fault.retryAfter;
      res.writeHead(fault.status, headers);
      res.end(JSON.stringify({ error: { code: 'injected', message: `injected ${fault.status}` } }));
      return;
    }
    if (fault.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));

    if (this.options.perMinute) {
      const now = Date.now();
      while (this.recent.length > 0 && this.recent[0]! <= now - 60_000) this.recent.shift();
      if (this.recent.length >= this.options.perMinute) {
        this.counters.refusedForRate++;
        const retryAfter = Math.ceil((this.recent[0]! + 60_000 - now) / 1000);
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(retryAfter) });
        res.end(JSON.stringify({ error: { code: 'rate_limited', message: 'tier limit exceeded' } }));
        return;
      }
      this.recent.push(now);
    }

    if (req.headers.authorization !== `Bearer ${this.apiKey}`) {
      return send(res, 401, { error: { code: 'unauthorized', message: 'invalid API key' } });
    }
    const path = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : null;
    if (isBatch) return this.batch(body, res);
    if (req.method === 'POST' && path === '/check-in') return this.checkIn(body, res);
    if (req.method === 'GET' && path === '/athletes') return this.athletesPage(url, res);
    if (req.method === 'GET' && path === '/widgets/daily-wod') return send(res, 200, { html: '', css: '', wod: this.wod });
    if (req.method === 'GET' && path === '/challenges') return send(res, 200, this.challenges);
    const board = path ? /^\/challenges\/([^/]+)\/leaderboard$/.exec(path) : null;
    if (req.method === 'GET' && board) {
      const found = this.leaderboards.get(decodeURIComponent(board[1]!));
      return found ? send(res, 200, found) : send(res, 404, { error: { code: 'not_found', message: 'no such challenge' } });
    }
    return send(res, 404, { error: { code: 'not_found', message: `${req.method} ${url.pathname}` } });
  }

  /** Records one event once: the dedup every write path shares. */
  private record(event: OutboundEvent): EventResult {
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
    this.acceptedAt.set(event.eventId, Date.now());
    this.counters.accepted++;
    this.accepted.push(event);
    return { eventId: event.eventId, status: 'accepted' };
  }

  private batch(body: Buffer, res: ServerResponse): void {
    if (body.length > MAX_BATCH_BYTES) return send(res, 413, { error: { code: 'too_large', message: 'batch over 1 MB' } });
    let request: EventsBatchRequest;
    try {
      request = JSON.parse(body.toString('utf8')) as EventsBatchRequest;
    } catch {
      return send(res, 400, { error: { code: 'bad_json', message: 'body is not JSON' } });
    }
    if (!Array.isArray(request.events) || request.events.length > MAX_BATCH_EVENTS) {
      return send(res, 422, { error: { code: 'bad_batch', message: 'events must be an array of at most 1000' } });
    }
    send(res, 200, { results: request.events.map((event) => this.record(event)) });
  }

  private checkIn(body: Buffer, res: ServerResponse): void {
    this.counters.checkInCalls++;
    const parsed = checkInCallSchema.safeParse(JSON.parse(body.toString('utf8') || '{}'));
    if (!parsed.success) return send(res, 422, { error: { code: 'invalid', message: parsed.error.issues[0]?.message ?? 'invalid' } });
    const { eventId, decidedAt, ...payload } = parsed.data;
    this.record({ eventId, type: 'check_in', occurredAt: decidedAt, payload: { ...payload, decidedAt } });
    send(res, 200, { checkIn: { id: eventId }, personalizedWod: this.personalizedWod, readinessScore: 7 });
  }

  private athletesPage(url: URL, res: ServerResponse): void {
    const since = url.searchParams.get('updatedSince');
    const limit = Number(url.searchParams.get('limit') ?? 100);
    const offset = Number(url.searchParams.get('cursor') ?? 0);
    const changed = this.athletes.filter((a) => !since || a.updatedAt > Date.parse(since));
    const items = changed.slice(offset, offset + limit).map((a) => a.member);
    const next = offset + limit < changed.length ? String(offset + limit) : null;
    send(res, 200, { items, nextCursor: next });
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

/**
 * A webhook receiver on loopback, as a gym's automation would run it: verifies every request with the public
 * `standardwebhooks` package and records what it accepted. Faults on demand: down (connections refused),
 * a fixed status, a slow answer.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  id: string;
  type: string;
  body: Record<string, any>;
  /** The body as sent, for verifying again with one particular secret. */
  raw: string;
  headers: Record<string, string>;
  at: number;
}

export class WebhookReceiver {
  readonly received: Received[] = [];
  /** Requests whose signature did not verify (must stay empty). */
  readonly rejected: string[] = [];
  /** Every request that reached the receiver, accepted or not. */
  requests = 0;
  /** When each request arrived (ms since epoch), accepted or not: for rate limits and circuit-breaker pauses. */
  readonly arrivals: number[] = [];
  /** Answer every request with this status instead of 204 (after verifying). */
  status: number | null = null;
  headers: Record<string, string> = {};
  delayMs = 0;
  private server: Server | null = null;
  private port = 0;
  private waiters: Array<{ check: () => boolean; resolve: () => void }> = [];
  private readonly verifiers: Webhook[];

  constructor(secrets: string[]) {
    this.verifiers = secrets.map((s) => new Webhook(s));
  }

  /** Accepts this secret from now on too (a secret the gateway made, copied into the receiver). */
  trust(secret: string): void {
    this.verifiers.push(new Webhook(secret));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  get ids(): string[] {
    return this.received.map((r) => r.id);
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => void this.handle(request).then(({ status, headers }) => {
      const send = () => response.writeHead(status, headers).end();
      if (this.delayMs > 0) setTimeout(send, this.delayMs);
      else send();
    }));
    this.server.keepAliveTimeout = 1_000;
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Down: the port refuses connections until `start()` again (same port). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resolves once `check` holds (checked after every request). */
  until(check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ check, resolve }));
  }

  private async handle(request: IncomingMessage): Promise<{ status: number; headers: Record<string, string> }> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
    this.requests++;
    this.arrivals.push(Date.now());
    let answer = { status: 204, headers: {} as Record<string, string> };
    if (!this.verifiers.some((v) => verifies(v, body, headers))) {
      this.rejected.push(headers['webhook-id'] ?? '?');
      answer = { status: 401, headers: {} };
    } else if (this.status !== null) {
      answer = { status: this.status, headers: this.headers };
    } else {
      const parsed = JSON.parse(body) as Record<string, any>;
      this.received.push({ id: headers['webhook-id']!, type: parsed.type, body: parsed, raw: body, headers, at: Date.now() });
    }
    this.waiters = this.waiters.filter((w) => (w.check() ? (w.resolve(), false) : true));
    return answer;
  }
}

function verifies(verifier: Webhook, body: string, headers: Record<string, string>): boolean {
  try {
    verifier.verify(body, headers);
    return true;
  } catch {
    return false;
  }
}

import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/**
 * A door system as a real HTTP server on loopback: it records every request and answers with `respond`.
 * The Shelly Gen2 flavour checks RFC 7616 digest auth (SHA-256, qop=auth) itself, with its own arithmetic,
 * the way the device does: 401 with a challenge, then the answer must match.
 */
export class FakeDoor {
  readonly seen: SeenRequest[] = [];
  private server: Server | null = null;
  url = '';
  respond: (request: SeenRequest, response: ServerResponse) => void = (_request, response) => json(response, 200, { ok: true });

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        this.seen.push(seen);
        this.respond(seen, res);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }
}

export function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** A Shelly Plus with authentication on: user admin, this password, realm = its device id. */
export function shellyGen2WithPassword(door: FakeDoor, password: string, realm = 'shellyplus1-a8032ab1c2d3'): { accepted: () => number } {
  let accepted = 0;
  const nonce = randomBytes(6).toString('hex');
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');
  door.respond = (request, response) => {
    const auth = request.headers.authorization ?? '';
    const fields = Object.fromEntries([...auth.matchAll(/(\w+)=(?:"([^"]*)"|([^\s,]+))/g)].map((m) => [m[1], m[2] ?? m[3]]));
    const expected = sha(
      [sha(`admin:${realm}:${password}`), nonce, fields.nc, fields.cnonce, 'auth', sha(`${request.method}:${request.url}`)].join(':'),
    );
    if (!auth.startsWith('Digest ') || fields.realm !== realm || fields.nonce !== nonce || fields.uri !== request.url || fields.response !== expected) {
      response.writeHead(401, { 'www-authenticate': `Digest qop="auth", realm="${realm}", nonce="${nonce}", algorithm=SHA-256` }).end();
      return;
    }
    accepted++;
    json(response, 200, { was_on: false });
  };
  return { accepted: () => accepted };
}

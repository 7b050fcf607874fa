/**
 * The real spawn / fetch / sleep / log path against a tiny real child: a node one-liner
 * that serves /healthz on a loopback port after a short delay. Talks to 127.0.0.1 only.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureGateway, GatewayStartError, type GatewayHandle } from '../../electron/gateway-process.js';

const TINY_GATEWAY = `
const http = require('node:http');
const port = Number(process.env.PORT);
setTimeout(() => {
  http
    .createServer((req, res) => { res.statusCode = req.url === '/healthz' ? 200 : 404; res.end('ok'); })
    .listen(port, '127.0.0.1', () => console.log('tiny gateway listening on ' + port + ' data=' + process.env.FLOORGATE_DATA_DIR));
}, 300);
`;

/** A loopback port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function answersHealthz(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1000) })).status === 200;
  } catch {
    return false;
  }
}

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), 'floorgate-kiosk-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), FLOORGATE_DATA_DIR: path.join(dir, 'data') };
  return { dir, port, env };
}

describe('ensureGateway with a real child process', () => {
  it('spawns the child, waits until it is healthy, logs its output, and stop() kills it', async () => {
    const { dir, port, env } = await setup();
    const gateway: GatewayHandle = await ensureGateway({
      env,
      appRoot: dir,
      command: process.execPath,
      args: ['-e', TINY_GATEWAY],
      healthTries: 100,
      healthIntervalMs: 50,
    });
    cleanup.push(() => gateway.stop());

    expect(gateway.mode).toBe('started');
    expect(gateway.origin).toBe(`http://127.0.0.1:${port}`);
    expect(gateway.pid).toBeTypeOf('number');
    expect(await answersHealthz(port)).toBe(true);

    // A second kiosk start finds it and attaches instead of spawning another.
    const second = await ensureGateway({ env, appRoot: dir, command: '/nonexistent/node', healthTries: 1 });
    expect(second.mode).toBe('attached');

    await gateway.stop();
    expect(isAlive(gateway.pid!)).toBe(false);
    expect(await answersHealthz(port)).toBe(false);

    const log = readFileSync(path.join(dir, 'data', 'gateway.log'), 'utf8');
    expect(log).toContain('kiosk starting gateway');
    expect(log).toContain(`tiny gateway listening on ${port} data=${path.join(dir, 'data')}`);
  });

  it('reports a child that exits before it is healthy', async () => {
    const { dir, env } = await setup();
    await expect(
      ensureGateway({
        env,
        appRoot: dir,
        command: process.execPath,
        args: ['-e', 'console.error("boom"); process.exit(3)'],
        healthTries: 100,
        healthIntervalMs: 50,
      }),
    ).rejects.toThrow(/exited \(code 3\)/);
    expect(readFileSync(path.join(dir, 'data', 'gateway.log'), 'utf8')).toContain('boom');
  });

  it('reports a node binary that does not exist', async () => {
    const { dir, env } = await setup();
    const error = await ensureGateway({
      env: { ...env, FLOORGATE_NODE: path.join(dir, 'no-such-node') },
      appRoot: dir,
      healthTries: 100,
      healthIntervalMs: 50,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayStartError);
    expect((error as Error).message).toMatch(/could not be started with ".*no-such-node".*ENOENT.*FLOORGATE_NODE/);
  });
});

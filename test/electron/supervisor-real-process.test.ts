/**
 * The real spawn / fetch / sleep / log path against a tiny real child: a node one-liner
 * that serves /healthz on a loopback port after a short delay. Talks to 127.0.0.1 only.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultGatewayProcessDeps, ensureGateway, GatewayStartError, type GatewayHandle } from '../../electron/gateway-process.js';
import { abortableSleep, GatewaySupervisor, type SupervisorEvent } from '../../electron/gateway-supervisor.js';

/**
 * Answers /healthz like the gateway. SIGUSR2 makes it hang (requests are never answered), as a
 * gateway stuck in a busy loop would; it exits at once while the file $CRASH_FILE exists.
 */
const TINY_GATEWAY = `
const http = require('node:http');
const fs = require('node:fs');
if (process.env.CRASH_FILE && fs.existsSync(process.env.CRASH_FILE)) { console.error('tiny gateway: crashing on start'); process.exit(1); }
const port = Number(process.env.PORT);
let hung = false;
process.on('SIGUSR2', () => { hung = true; });
setTimeout(() => {
  http
    .createServer((req, res) => { if (hung) return; res.statusCode = req.url === '/healthz' ? 200 : 404; res.end('ok'); })
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
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), FLOORGATE_DATA_DIR: path.join(dir, 'data') };
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

/** A supervisor over real tiny gateways, with short intervals so a test takes a second or two. */
function supervise(
  setupResult: { dir: string; env: NodeJS.ProcessEnv },
  options: ConstructorParameters<typeof GatewaySupervisor>[1] = {},
) {
  const events: SupervisorEvent[] = [];
  const spawned: number[] = [];
  let probes = 0;
  const spawnSpy = vi.fn(defaultGatewayProcessDeps.spawn);
  const supervisor = new GatewaySupervisor(
    {
      ensure: async () => {
        const gateway = await ensureGateway({
          env: setupResult.env,
          appRoot: setupResult.dir,
          command: process.execPath,
          args: ['-e', TINY_GATEWAY],
          healthTries: 100,
          healthIntervalMs: 50,
          deps: { spawn: spawnSpy },
        });
        if (gateway.pid) spawned.push(gateway.pid);
        return gateway;
      },
      probe: async (url) => {
        probes++;
        try {
          return (await fetch(url, { signal: AbortSignal.timeout(300) })).status === 200;
        } catch {
          return false;
        }
      },
      sleep: abortableSleep,
      now: () => Date.now(),
      log: () => {},
      onEvent: (event) => events.push(event),
    },
    { healthIntervalMs: 50, unhealthyAfter: 2, backoffInitialMs: 100, backoffMaxMs: 400, stableAfterMs: 60_000, ...options },
  );
  cleanup.push(() => supervisor.stop());
  return { supervisor, events, spawned, spawnSpy, probes: () => probes };
}

const restarted = (events: SupervisorEvent[]) => events.filter((e) => e.type === 'restarted').length;

describe('GatewaySupervisor with real gateway processes', () => {
  it('restarts a killed gateway, waiting longer after each kill', async () => {
    const world = await setup();
    const s = supervise(world);
    const first = await s.supervisor.start();
    expect(first.mode).toBe('started');

    for (let kill = 1; kill <= 3; kill++) {
      const victim = s.supervisor.current!;
      const killedAt = Date.now();
      process.kill(victim.pid!, 'SIGKILL');
      await vi.waitFor(() => expect(restarted(s.events)).toBe(kill), { timeout: 10_000, interval: 20 });
      const now = s.supervisor.current!;
      expect(now.pid).not.toBe(victim.pid);
      expect(isAlive(victim.pid!)).toBe(false);
      expect(await answersHealthz(world.port)).toBe(true);
      // The backoff was really waited for.
      expect(Date.now() - killedAt).toBeGreaterThanOrEqual(100 * 2 ** (kill - 1));
    }
    const delays = s.events.flatMap((e) => (e.type === 'restarting' ? [e.delayMs] : []));
    expect(delays).toEqual([100, 200, 400]);
    expect(s.spawned).toHaveLength(4);
  });

  it('keeps trying with backoff while the gateway crashes on start, and recovers when it stops crashing', async () => {
    const world = await setup();
    const crashFile = path.join(world.dir, 'crash');
    world.env.CRASH_FILE = crashFile;
    const s = supervise(world);
    const first = await s.supervisor.start();
    writeFileSync(crashFile, '');
    process.kill(first.pid!, 'SIGKILL');
    await vi.waitFor(() => expect(s.events.filter((e) => e.type === 'restart-failed').length).toBeGreaterThanOrEqual(3), {
      timeout: 10_000,
      interval: 20,
    });
    expect(await answersHealthz(world.port)).toBe(false);
    rmSync(crashFile);
    await vi.waitFor(() => expect(restarted(s.events)).toBe(1), { timeout: 10_000, interval: 20 });
    expect(await answersHealthz(world.port)).toBe(true);
    const delays = s.events.flatMap((e) => (e.type === 'restarting' ? [e.delayMs] : []));
    expect(delays.slice(0, 4)).toEqual([100, 200, 400, 400]);
    expect(readFileSync(path.join(world.dir, 'data', 'gateway.log'), 'utf8')).toContain('tiny gateway: crashing on start');
  });

  it('leaves a healthy gateway alone', async () => {
    const world = await setup();
    const s = supervise(world);
    const gateway = await s.supervisor.start();
    await vi.waitFor(() => expect(s.probes()).toBeGreaterThanOrEqual(10), { timeout: 10_000, interval: 20 });
    expect(s.events).toEqual([]);
    expect(s.supervisor.current).toBe(gateway);
    expect(isAlive(gateway.pid!)).toBe(true);
    expect(s.spawnSpy).toHaveBeenCalledTimes(1);
  });

  it('replaces a gateway that hangs: it is stopped and a new one answers', async () => {
    const world = await setup();
    const s = supervise(world);
    const hung = await s.supervisor.start();
    process.kill(hung.pid!, 'SIGUSR2');
    await vi.waitFor(() => expect(restarted(s.events)).toBe(1), { timeout: 10_000, interval: 20 });
    expect(isAlive(hung.pid!)).toBe(false);
    expect(s.supervisor.current!.pid).not.toBe(hung.pid);
    expect(await answersHealthz(world.port)).toBe(true);
  });

  it('attaches to a gateway someone else runs and never starts a second one, even when it goes away', async () => {
    const world = await setup();
    const external = spawn(process.execPath, ['-e', TINY_GATEWAY], { env: world.env, stdio: 'ignore' });
    cleanup.push(() => void external.kill('SIGKILL'));
    await vi.waitFor(async () => expect(await answersHealthz(world.port)).toBe(true), { timeout: 10_000, interval: 50 });

    const s = supervise(world);
    const gateway = await s.supervisor.start();
    expect(gateway.mode).toBe('attached');
    await vi.waitFor(() => expect(s.probes()).toBeGreaterThanOrEqual(5), { timeout: 10_000, interval: 20 });

    external.kill('SIGKILL');
    await vi.waitFor(() => expect(s.events.filter((e) => e.type === 'unhealthy').length).toBeGreaterThanOrEqual(5), {
      timeout: 10_000,
      interval: 20,
    });
    expect(s.spawnSpy).not.toHaveBeenCalled();
    expect(s.events.filter((e) => e.type === 'restarting')).toEqual([]);
    expect(await answersHealthz(world.port)).toBe(false);

    await s.supervisor.stop();
  });

  it('stop() stops the gateway it started', async () => {
    const world = await setup();
    const s = supervise(world);
    const gateway = await s.supervisor.start();
    await s.supervisor.stop();
    expect(isAlive(gateway.pid!)).toBe(false);
    expect(await answersHealthz(world.port)).toBe(false);
  });
});

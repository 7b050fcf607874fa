import { EventEmitter } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import {
  ensureGateway,
  findAppRoot,
  GatewayStartError,
  type EnsureGatewayOptions,
  type GatewayChild,
  type GatewayProcessDeps,
  type SpawnFn,
} from '../../electron/gateway-process.js';

const APP_ROOT = '/srv/floorgate';
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LOG_FD = 99;

class FakeChild extends EventEmitter implements GatewayChild {
  pid: number | undefined = 4242;
  /** What the fake does on a signal: exit (default) or ignore it. */
  ignoreSignals: NodeJS.Signals[] = [];
  readonly kill = vi.fn((signal: NodeJS.Signals = 'SIGTERM'): boolean => {
    if (!this.ignoreSignals.includes(signal)) this.emit('exit', null, signal);
    return true;
  });
}

const refused = () => Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });

/**
 * A scripted world: `answers` are what /healthz gives, one per probe (the last one repeats);
 * `onProbe` lets a test act at the n-th probe (e.g. make the child die).
 */
function world(answers: Array<number | Error>, onProbe?: (n: number, child: FakeChild | undefined) => void) {
  const child = new FakeChild();
  let probes = 0;
  let spawned: FakeChild | undefined;
  const spawn = vi.fn<SpawnFn>(() => {
    spawned = child;
    return child;
  });
  const fetch = vi.fn(async (_url: string) => {
    const answer = answers[Math.min(probes, answers.length - 1)]!;
    probes++;
    onProbe?.(probes, spawned);
    if (answer instanceof Error) throw answer;
    return { status: answer };
  });
  const sleep = vi.fn((_ms: number) => Promise.resolve());
  const logText: string[] = [];
  const deps: GatewayProcessDeps = {
    spawn,
    fetch,
    sleep,
    now: () => new Date('2030-01-02T03:04:05.000Z'),
    openLog: vi.fn(() => LOG_FD),
    writeLog: vi.fn((_fd: number, text: string) => void logText.push(text)),
    closeLog: vi.fn(),
    rotateLog: vi.fn(),
  };
  const run = (options: EnsureGatewayOptions = {}) =>
    ensureGateway({ appRoot: APP_ROOT, env: {}, healthTries: 5, healthIntervalMs: 200, ...options, deps });
  return { child, spawn, fetch, sleep, deps, logText, run };
}

describe('ensureGateway: a gateway already answers', () => {
  it('attaches without spawning a second one', async () => {
    const w = world([200]);
    const gateway = await w.run();
    expect(gateway.mode).toBe('attached');
    expect(gateway.origin).toBe('http://127.0.0.1:8080');
    expect(w.fetch).toHaveBeenCalledTimes(1);
    expect(w.fetch).toHaveBeenCalledWith('http://127.0.0.1:8080/healthz');
    expect(w.spawn).not.toHaveBeenCalled();
    expect(w.deps.openLog).not.toHaveBeenCalled();
  });

  it('probes the port from PORT', async () => {
    const w = world([200]);
    const gateway = await w.run({ env: { PORT: '9123' } });
    expect(w.fetch).toHaveBeenCalledWith('http://127.0.0.1:9123/healthz');
    expect(gateway.origin).toBe('http://127.0.0.1:9123');
    expect(gateway.port).toBe(9123);
  });

  it('leaves an attached gateway running on stop()', async () => {
    const w = world([200]);
    const gateway = await w.run();
    await gateway.stop();
    expect(w.child.kill).not.toHaveBeenCalled();
  });

  it('rejects a PORT that is not a port before doing anything', async () => {
    for (const PORT of ['http', '0', '70000', '80.5', '-1']) {
      const w = world([200]);
      await expect(w.run({ env: { PORT } }), PORT).rejects.toThrow(/PORT must be an integer from 1 to 65535/);
      expect(w.fetch).not.toHaveBeenCalled();
    }
  });
});

describe('ensureGateway: no gateway yet', () => {
  it('spawns `node bin/floorgate.mjs start` and waits until /healthz answers 200', async () => {
    const w = world([refused(), refused(), 503, 200]);
    const gateway = await w.run();

    expect(gateway).toMatchObject({ mode: 'started', pid: 4242, origin: 'http://127.0.0.1:8080' });
    expect(w.spawn).toHaveBeenCalledTimes(1);
    const [command, args, options] = w.spawn.mock.calls[0]!;
    expect(command).toBe('node');
    expect(args).toEqual([path.join(APP_ROOT, 'bin', 'floorgate.mjs'), 'start']);
    expect(options).toMatchObject({
      cwd: APP_ROOT,
      stdio: ['ignore', LOG_FD, LOG_FD],
      env: { PORT: '8080', FLOORGATE_DATA_DIR: path.join(APP_ROOT, 'data') },
    });
    // 1 probe before spawning, then 3 until healthy, with the interval between them.
    expect(w.fetch).toHaveBeenCalledTimes(4);
    expect(w.sleep.mock.calls).toEqual([[200], [200]]);
  });

  it('sends the output to gateway.log in the data dir, rotated first when it is too big', async () => {
    const w = world([refused(), 200]);
    const gateway = await w.run();
    const logFile = path.join(APP_ROOT, 'data', 'gateway.log');
    expect(gateway.logFile).toBe(logFile);
    expect(w.deps.rotateLog).toHaveBeenCalledWith(logFile);
    expect(vi.mocked(w.deps.rotateLog).mock.invocationCallOrder[0]!).toBeLessThan(
      vi.mocked(w.deps.openLog).mock.invocationCallOrder[0]!,
    );
    expect(w.deps.openLog).toHaveBeenCalledWith(logFile);
    expect(w.logText.join('')).toContain('2030-01-02T03:04:05.000Z kiosk starting gateway: node');
    // The child has its own descriptor; ours is released once it is spawned.
    expect(w.deps.closeLog).toHaveBeenCalledWith(LOG_FD);
  });

  it('honours FLOORGATE_DATA_DIR and FLOORGATE_NODE', async () => {
    const w = world([refused(), 200]);
    const gateway = await w.run({
      env: { FLOORGATE_DATA_DIR: '/var/lib/floorgate', FLOORGATE_NODE: '/opt/node20/bin/node', PORT: '8181' },
    });
    expect(gateway.logFile).toBe('/var/lib/floorgate/gateway.log');
    const [command, , options] = w.spawn.mock.calls[0]!;
    expect(command).toBe('/opt/node20/bin/node');
    expect(options.env).toMatchObject({ FLOORGATE_DATA_DIR: '/var/lib/floorgate', PORT: '8181' });
    expect(w.fetch).toHaveBeenLastCalledWith('http://127.0.0.1:8181/healthz');
  });

  it('resolves a relative data dir against the app root, where the gateway runs', async () => {
    const w = world([refused(), 200]);
    const gateway = await w.run({ env: { FLOORGATE_DATA_DIR: 'state' } });
    expect(gateway.logFile).toBe(path.join(APP_ROOT, 'state', 'gateway.log'));
  });

  it('finds the app root from its own location by default', async () => {
    const w = world([refused(), 200]);
    await ensureGateway({ env: {}, healthTries: 2, deps: w.deps });
    const [, args, options] = w.spawn.mock.calls[0]!;
    expect(args[0]).toBe(path.join(REPO_ROOT, 'bin', 'floorgate.mjs'));
    expect(options.cwd).toBe(REPO_ROOT);
  });

  it('stop() sends SIGTERM to the gateway it started', async () => {
    const w = world([refused(), 200]);
    const gateway = await w.run();
    await gateway.stop();
    expect(w.child.kill).toHaveBeenCalledTimes(1);
    expect(w.child.kill).toHaveBeenCalledWith('SIGTERM');
    await gateway.stop(); // already gone: nothing more
    expect(w.child.kill).toHaveBeenCalledTimes(1);
  });

  it('tells when the gateway it started exits', async () => {
    const w = world([refused(), 200]);
    const gateway = await w.run();
    w.child.emit('exit', null, 'SIGKILL');
    await expect(gateway.exited).resolves.toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('stop() escalates to SIGKILL when SIGTERM is ignored', async () => {
    const w = world([refused(), 200]);
    w.child.ignoreSignals = ['SIGTERM'];
    const gateway = await w.run({ stopTimeoutMs: 3000 });
    await gateway.stop();
    expect(w.child.kill.mock.calls).toEqual([['SIGTERM'], ['SIGKILL']]);
    expect(w.sleep).toHaveBeenLastCalledWith(3000);
  });
});

describe('ensureGateway: the gateway does not come up', () => {
  it('gives up after the bounded number of tries with a clear error, and stops the child', async () => {
    const w = world([refused(), refused(), 503]);
    const error = await w.run({ healthTries: 4, healthIntervalMs: 250 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GatewayStartError);
    const message = (error as GatewayStartError).message;
    expect(message).toContain('did not become healthy');
    expect(message).toContain('http://127.0.0.1:8080/healthz');
    expect(message).toContain('after 4 tries 250 ms apart');
    expect(message).toContain('last: HTTP 503');
    expect(message).toContain(path.join(APP_ROOT, 'data', 'gateway.log'));
    expect((error as GatewayStartError).logFile).toBe(path.join(APP_ROOT, 'data', 'gateway.log'));
    expect(w.fetch).toHaveBeenCalledTimes(1 + 4);
    expect(w.sleep.mock.calls.filter(([ms]) => ms === 250)).toHaveLength(3);
    expect(w.child.kill).toHaveBeenCalledWith('SIGTERM');
  });

  it('names the connection error when nothing ever answers', async () => {
    const w = world([refused()]);
    await expect(w.run({ healthTries: 2 })).rejects.toThrow(/last: fetch failed \(ECONNREFUSED\)/);
  });

  it('fails fast when the child exits before it is healthy', async () => {
    const w = world([refused()], (n, child) => {
      if (n === 3) child?.emit('exit', 1, null);
    });
    await expect(w.run({ healthTries: 50 })).rejects.toThrow(
      /gateway exited \(code 1\) before http:\/\/127\.0\.0\.1:8080\/healthz answered 200\. Gateway output: .*gateway\.log/,
    );
    // The probe that saw it die, plus one to rule out another gateway having the port.
    expect(w.fetch).toHaveBeenCalledTimes(4);
    expect(w.child.kill).not.toHaveBeenCalled();
  });

  it('says to set FLOORGATE_NODE when node cannot be spawned', async () => {
    const w = world([refused()], (n, child) => {
      if (n === 2 && child) {
        child.pid = undefined;
        child.emit('error', Object.assign(new Error('spawn node ENOENT'), { code: 'ENOENT' }));
      }
    });
    await expect(w.run()).rejects.toThrow(/could not be started with "node": spawn node ENOENT.*FLOORGATE_NODE/);
  });

  it('says to set FLOORGATE_NODE when spawn throws', async () => {
    const w = world([refused()]);
    w.spawn.mockImplementation(() => {
      throw new Error('spawn EACCES');
    });
    await expect(w.run()).rejects.toThrow(/Could not start the gateway with "node": spawn EACCES.*FLOORGATE_NODE/);
    expect(w.deps.closeLog).toHaveBeenCalledWith(LOG_FD);
  });

  it('attaches when its own child lost a start-up race to another gateway', async () => {
    // Our child dies (port taken), but by then someone else's gateway answers.
    const w = world([refused(), refused(), 200], (n, child) => {
      if (n === 2) child?.emit('exit', 1, null);
    });
    const gateway = await w.run();
    expect(gateway.mode).toBe('attached');
  });

  it('reports an unwritable data dir', async () => {
    const w = world([refused()]);
    vi.mocked(w.deps.openLog).mockImplementation(() => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    });
    await expect(w.run()).rejects.toThrow(/Cannot open the gateway log .*gateway\.log: EACCES/);
    expect(w.spawn).not.toHaveBeenCalled();
  });
});

describe('findAppRoot', () => {
  it('walks up to the package named floorgate', () => {
    expect(findAppRoot(path.join(REPO_ROOT, 'electron'))).toBe(REPO_ROOT);
    expect(findAppRoot(REPO_ROOT)).toBe(REPO_ROOT);
  });

  it('fails clearly outside the app', () => {
    expect(() => findAppRoot('/')).toThrow(/Cannot find the Floorgate app root/);
  });
});

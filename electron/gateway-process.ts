/**
 * Make sure a Floorgate gateway answers on 127.0.0.1:<port> before the kiosk window opens.
 *
 * - A gateway that already answers `GET /healthz` with 200 is attached to, never started twice.
 * - Otherwise `node bin/floorgate.mjs start` is spawned from the app root, its output goes to
 *   `<data dir>/gateway.log` (rotated when it grows past a cap), and `/healthz` is polled a bounded
 *   number of times. Keeping it alive afterwards is gateway-supervisor.ts's job.
 *
 * Every side effect (spawn, HTTP, sleeping, the log file, the clock) is an injectable dependency
 * so the logic is testable without timers or processes; the defaults are the real ones.
 */
import { spawn as nodeSpawn, type SpawnOptions } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rotateLog } from './log-file.js';

export const DEFAULT_PORT = 8080;
export const DEFAULT_HEALTH_TRIES = 60;
export const DEFAULT_HEALTH_INTERVAL_MS = 500;
export const DEFAULT_PROBE_TIMEOUT_MS = 1_000;
export const DEFAULT_STOP_TIMEOUT_MS = 5_000;
export const LOG_FILE_NAME = 'gateway.log';
/** gateway.log is rotated (copy to gateway.log.1 …, then truncated) past this size. */
export const LOG_MAX_BYTES = 5 * 1024 * 1024;
export const LOG_FILES_KEPT = 3;

export interface GatewayExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The part of a child process this module uses; node's ChildProcess satisfies it. */
export interface GatewayChild {
  readonly pid?: number | undefined;
  kill(signal?: NodeJS.Signals): boolean;
  once(event: 'exit', listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
  once(event: 'error', listener: (error: Error) => void): unknown;
}

export type SpawnFn = (command: string, args: readonly string[], options: SpawnOptions) => GatewayChild;

/** Resolves with the HTTP status; rejects when nothing answers (refused, timeout …). */
export type FetchStatusFn = (url: string) => Promise<{ status: number }>;

export interface GatewayProcessDeps {
  spawn: SpawnFn;
  fetch: FetchStatusFn;
  sleep: (ms: number) => Promise<void>;
  now: () => Date;
  /** Opens (appending, creating the directory) the log file and returns a file descriptor. */
  openLog: (file: string) => number;
  writeLog: (fd: number, text: string) => void;
  closeLog: (fd: number) => void;
  /** Keeps the log file bounded; called before each start. */
  rotateLog: (file: string) => void;
}

export interface EnsureGatewayOptions {
  /** Default: process.env. Reads PORT, FLOORGATE_DATA_DIR, FLOORGATE_NODE. */
  env?: NodeJS.ProcessEnv;
  /** Directory holding package.json and bin/floorgate.mjs. Default: found from this module's location. */
  appRoot?: string;
  /** Binary to run. Default: $FLOORGATE_NODE, else `node` (never process.execPath: in Electron that is Electron). */
  command?: string;
  /** Default: [<appRoot>/bin/floorgate.mjs, 'start']. */
  args?: readonly string[];
  healthTries?: number;
  healthIntervalMs?: number;
  stopTimeoutMs?: number;
  deps?: Partial<GatewayProcessDeps>;
}

export interface GatewayHandle {
  /** 'attached': someone else runs it and keeps running it; 'started': we spawned it. */
  readonly mode: 'attached' | 'started';
  readonly port: number;
  /** e.g. http://127.0.0.1:8080 */
  readonly origin: string;
  readonly pid: number | undefined;
  readonly logFile: string | undefined;
  /** Settles when a gateway we started exits; never settles when attached (it is not ours to watch). */
  readonly exited: Promise<GatewayExit>;
  /** Stops a gateway we started (SIGTERM, then SIGKILL after a timeout); does nothing when attached. */
  stop(): Promise<void>;
}

export class GatewayStartError extends Error {
  override name = 'GatewayStartError';
  constructor(
    message: string,
    readonly logFile?: string,
  ) {
    super(message);
  }
}

/** PORT from the environment, default 8080; anything else than an integer 1..65535 is an error. */
export function gatewayPort(env: NodeJS.ProcessEnv): number {
  const raw = env.PORT?.trim();
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new GatewayStartError(`PORT must be an integer from 1 to 65535, got "${env.PORT}"`);
  }
  return port;
}

export function gatewayOrigin(port: number): string {
  return `http://127.0.0.1:${port}`;
}

/** The Floorgate app root: the nearest ancestor of `fromDir` whose package.json is named "floorgate". */
export function findAppRoot(fromDir: string): string {
  let dir = path.resolve(fromDir);
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown };
        if (name === 'floorgate') return dir;
      } catch {
        // unreadable manifest: keep walking up
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new GatewayStartError(`Cannot find the Floorgate app root (a package.json named "floorgate") above ${fromDir}`);
}

export const defaultGatewayProcessDeps: GatewayProcessDeps = {
  spawn: (command, args, options) => nodeSpawn(command, args, options),
  fetch: async (url) => {
    const response = await fetch(url, { signal: AbortSignal.timeout(DEFAULT_PROBE_TIMEOUT_MS) });
    await response.body?.cancel().catch(() => undefined);
    return { status: response.status };
  },
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => new Date(),
  openLog: (file) => {
    mkdirSync(path.dirname(file), { recursive: true });
    return openSync(file, 'a');
  },
  writeLog: (fd, text) => {
    writeSync(fd, text);
  },
  closeLog: (fd) => closeSync(fd),
  rotateLog: (file) => rotateLog(file, { maxBytes: LOG_MAX_BYTES, keep: LOG_FILES_KEPT }),
};

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    const code = (cause as { code?: unknown } | undefined)?.code ?? (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}

/** One health probe: the HTTP status, or a description of why nothing answered. */
async function probe(fetchStatus: FetchStatusFn, url: string): Promise<{ ok: boolean; detail: string }> {
  try {
    const { status } = await fetchStatus(url);
    return { ok: status === 200, detail: `HTTP ${status}` };
  } catch (error) {
    return { ok: false, detail: describeError(error) };
  }
}

/**
 * Attach to the gateway on 127.0.0.1:$PORT, or start one and wait until it is healthy.
 * Throws GatewayStartError (naming the URL, the tries and the log file) when it cannot.
 */
export async function ensureGateway(options: EnsureGatewayOptions = {}): Promise<GatewayHandle> {
  const deps: GatewayProcessDeps = { ...defaultGatewayProcessDeps, ...options.deps };
  const env = options.env ?? process.env;
  const port = gatewayPort(env);
  const origin = gatewayOrigin(port);
  const healthUrl = `${origin}/healthz`;
  const tries = Math.max(1, options.healthTries ?? DEFAULT_HEALTH_TRIES);
  const intervalMs = options.healthIntervalMs ?? DEFAULT_HEALTH_INTERVAL_MS;
  const stopTimeoutMs = options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;

  const attached = (): GatewayHandle => ({
    mode: 'attached',
    port,
    origin,
    pid: undefined,
    logFile: undefined,
    exited: new Promise<GatewayExit>(() => {}),
    stop: async () => {},
  });

  if ((await probe(deps.fetch, healthUrl)).ok) return attached();

  const appRoot = options.appRoot ?? findAppRoot(path.dirname(fileURLToPath(import.meta.url)));
  const dataDir = path.resolve(appRoot, env.FLOORGATE_DATA_DIR || './data');
  const logFile = path.join(dataDir, LOG_FILE_NAME);
  const command = options.command ?? (env.FLOORGATE_NODE || 'node');
  const args = options.args ?? [path.join(appRoot, 'bin', 'floorgate.mjs'), 'start'];

  let logFd: number;
  try {
    deps.rotateLog(logFile);
    logFd = deps.openLog(logFile);
  } catch (error) {
    throw new GatewayStartError(`Cannot open the gateway log ${logFile}: ${describeError(error)}`, logFile);
  }

  let child: GatewayChild;
  let exited: GatewayExit | undefined;
  let spawnError: Error | undefined;
  let onExit: (exit: GatewayExit) => void = () => {};
  const exitedPromise = new Promise<GatewayExit>((resolve) => (onExit = resolve));
  try {
    deps.writeLog(logFd, `\n--- ${deps.now().toISOString()} kiosk starting gateway: ${command} ${args.join(' ')}\n`);
    child = deps.spawn(command, args, {
      cwd: appRoot,
      // The gateway and the kiosk must agree on where data lives, whatever the gateway's cwd.
      env: { ...env, PORT: String(port), FLOORGATE_DATA_DIR: dataDir },
      // The child writes straight into the log file: no pipe that breaks if the kiosk goes away.
      stdio: ['ignore', logFd, logFd],
      windowsHide: true,
    });
  } catch (error) {
    throw new GatewayStartError(
      `Could not start the gateway with "${command}": ${describeError(error)}. ` +
        'Set FLOORGATE_NODE to the path of a Node.js (>= 20.19) binary.',
      logFile,
    );
  } finally {
    // The child holds its own copy of the descriptor.
    try {
      deps.closeLog(logFd);
    } catch {
      // already closed: nothing to release
    }
  }
  child.once('exit', (code, signal) => {
    exited = { code, signal };
    onExit(exited);
  });
  child.once('error', (error) => {
    spawnError = error;
    // A child that failed to spawn never emits 'exit'.
    if (child.pid === undefined) {
      exited ??= { code: null, signal: null };
      onExit(exited);
    }
  });

  const stop = async (): Promise<void> => {
    if (exited) return;
    child.kill('SIGTERM');
    const outcome = await Promise.race([exitedPromise.then(() => 'exited' as const), deps.sleep(stopTimeoutMs)]);
    if (outcome !== 'exited' && !exited) {
      child.kill('SIGKILL');
      await Promise.race([exitedPromise, deps.sleep(stopTimeoutMs)]);
    }
  };

  let last = 'not checked';
  for (let attempt = 1; attempt <= tries; attempt++) {
    const result = await probe(deps.fetch, healthUrl);
    last = result.detail;
    if (result.ok) {
      // Ours exited but something answers: another gateway won a start-up race; use it.
      if (exited) return attached();
      return { mode: 'started', port, origin, pid: child.pid, logFile, exited: exitedPromise, stop };
    }
    if (exited) {
      // Ours died; if it lost a start-up race for the port, the winner answers now.
      if ((await probe(deps.fetch, healthUrl)).ok) return attached();
      const how = spawnError
        ? `could not be started with "${command}": ${describeError(spawnError)}. Set FLOORGATE_NODE to the path of a Node.js (>= 20.19) binary`
        : `exited (${exited.signal ? `signal ${exited.signal}` : `code ${exited.code}`}) before ${healthUrl} answered 200`;
      throw new GatewayStartError(`The Floorgate gateway ${how}. Gateway output: ${logFile}`, logFile);
    }
    // Wake early if the child dies meanwhile.
    if (attempt < tries) await Promise.race([exitedPromise, deps.sleep(intervalMs)]);
  }

  await stop();
  throw new GatewayStartError(
    `The Floorgate gateway did not become healthy: ${healthUrl} did not answer 200 after ${tries} tries ` +
      `${intervalMs} ms apart (last: ${last}). It was stopped. Gateway output: ${logFile}`,
    logFile,
  );
}

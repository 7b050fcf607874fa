/// <reference types="electron-types" />
/**
 * The kiosk's lifecycle: one instance per box; the gateway up (attached or started, then supervised);
 * a fullscreen window per configured display; the display kept awake; and every way a kiosk usually
 * ends up on an error page handled: renderer crash or hang (kiosk-window.ts), no live data for too
 * long (stale-watchdog.ts), GPU process crash (relaunch), a display unplugged (kiosk-layout.ts).
 * Closing the windows does not quit the kiosk; only quitting does (SIGTERM, the OS shutting down),
 * and that stops the gateway only if this kiosk started it.
 */
import { app, Menu, powerSaveBlocker, safeStorage, screen, session } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KioskConfig } from '../gateway/config/kiosk.js';
import { defaultGatewayProcessDeps, ensureGateway, findAppRoot, type GatewayHandle } from './gateway-process.js';
import { gatewayLaunch, unpackedPath } from './gateway-launch.js';
import { abortableSleep, GatewaySupervisor, type SupervisorDeps } from './gateway-supervisor.js';
import { fetchKioskConfig, type FetchJson } from './kiosk-config.js';
import { KioskLayout } from './kiosk-layout.js';
import { gatewaySecretEnv, importSecrets, SecretStore } from './secrets.js';
import { StaleWatchdog } from './stale-watchdog.js';

/** Marks a kiosk relaunched after a GPU crash; a second crash relaunches it without the GPU. */
export const AFTER_GPU_CRASH_FLAG = '--floorgate-after-gpu-crash';
export const IMPORT_SECRETS_FLAG = '--import-secrets';

export interface SupervisorLike {
  start(): Promise<GatewayHandle>;
  stop(): Promise<void>;
}

export interface KioskOptions {
  env?: NodeJS.ProcessEnv;
  /** process.argv; used for --import-secrets and to relaunch with the same arguments. */
  argv?: readonly string[];
  /** The Floorgate app root (default: found from this file; inside app.asar when packaged). */
  appRoot?: string;
  /** Builds the gateway supervisor from the gateway's environment (tests pass their own). */
  createSupervisor?: (setup: { env: NodeJS.ProcessEnv }) => SupervisorLike;
  fetchJson?: FetchJson;
  now?: () => number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
  log?: (message: string) => void;
}

export interface RunningKiosk {
  gateway: GatewayHandle;
  config: KioskConfig;
  layout: KioskLayout;
  watchdog: StaleWatchdog | undefined;
  powerSaveBlockerId: number;
  /** One watchdog round now (the timer does this every few minutes). */
  checkStaleWindows(): Promise<string[]>;
  /** What quitting does: stop the watchdog, release the display, stop our gateway. */
  shutdown(): Promise<void>;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The data directory: FLOORGATE_DATA_DIR, else per user when packaged (the install dir is read-only). */
function dataDirFor(env: NodeJS.ProcessEnv, appRoot: string): string {
  // Relative to where the gateway runs, as the gateway itself resolves it.
  if (env.FLOORGATE_DATA_DIR) return path.resolve(unpackedPath(appRoot), env.FLOORGATE_DATA_DIR);
  return app.isPackaged ? path.join(app.getPath('userData'), 'data') : path.join(appRoot, 'data');
}

function defaultSupervisor(appRoot: string, log: (message: string) => void) {
  return ({ env }: { env: NodeJS.ProcessEnv }): SupervisorLike => {
    const launch = gatewayLaunch({ isPackaged: app.isPackaged, execPath: process.execPath, appRoot, env });
    const deps: SupervisorDeps = {
      ensure: () => ensureGateway({ env: launch.env, appRoot: launch.appRoot, ...(launch.command ? { command: launch.command } : {}) }),
      probe: async (url) => {
        try {
          return (await defaultGatewayProcessDeps.fetch(url)).status === 200;
        } catch {
          return false;
        }
      },
      sleep: abortableSleep,
      now: () => Date.now(),
      log,
      rotateLog: defaultGatewayProcessDeps.rotateLog,
    };
    return new GatewaySupervisor(deps);
  };
}

/**
 * Runs the kiosk. Resolves once the windows are open (undefined when this process is not the kiosk:
 * a second instance, --import-secrets, or a gateway that cannot be brought up → exit code 1, so the
 * service manager starts the kiosk again; an error dialog would wait forever for a click nobody makes).
 */
export async function runKiosk(options: KioskOptions = {}): Promise<RunningKiosk | undefined> {
  const env = options.env ?? process.env;
  const argv = options.argv ?? process.argv;
  const log = options.log ?? ((message: string) => console.error(message));
  const now = options.now ?? Date.now;
  const startInterval = options.setInterval ?? ((fn, ms) => setInterval(fn, ms));
  const stopInterval = options.clearInterval ?? ((handle) => clearInterval(handle as ReturnType<typeof setInterval>));
  const importing = argv.includes(IMPORT_SECRETS_FLAG);

  if (!importing && !app.requestSingleInstanceLock()) {
    log('kiosk: another Floorgate kiosk is already running on this box; this one exits');
    app.exit(0);
    return undefined;
  }

  let supervisor: SupervisorLike | undefined;
  let layout: KioskLayout | undefined;
  let watchdogTimer: unknown;
  let blockerId: number | undefined;
  let shutdownPromise: Promise<void> | undefined;
  let quitting = false;

  const shutdown = (): Promise<void> =>
    (shutdownPromise ??= (async () => {
      try {
        if (watchdogTimer !== undefined) stopInterval(watchdogTimer);
        if (blockerId !== undefined) powerSaveBlocker.stop(blockerId);
        layout?.close();
        await supervisor?.stop();
      } catch (error) {
        log(`kiosk: shutdown failed: ${describe(error)}`);
      }
    })());

  // Every web contents, present or future: no pop-ups, no <webview> (kiosk-window.ts adds the origin lock).
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  // Windows come back by themselves (kiosk-layout.ts); the kiosk and its gateway keep running meanwhile.
  app.on('window-all-closed', () => {});
  app.on('second-instance', () => layout?.refresh());
  // The GPU process does not come back by itself in a way a kiosk can trust: start afresh.
  app.on('child-process-gone', (_event, details) => {
    if (details.type !== 'GPU') {
      log(`kiosk: ${details.type} process gone (${details.reason}, exit code ${details.exitCode})`);
      return;
    }
    if (quitting) return;
    quitting = true;
    const args = argv.slice(1).filter((arg) => arg !== AFTER_GPU_CRASH_FLAG && arg !== '--disable-gpu');
    // A second GPU crash in a row: the driver is not to be trusted; draw without it.
    const second = argv.includes(AFTER_GPU_CRASH_FLAG);
    log(`kiosk: GPU process gone (${details.reason}, exit code ${details.exitCode}); relaunching${second ? ' without the GPU' : ''}`);
    void shutdown().then(() => {
      app.relaunch({ args: [...args, AFTER_GPU_CRASH_FLAG, ...(second ? ['--disable-gpu'] : [])] });
      app.exit(0);
    });
  });
  // Quitting (SIGTERM, OS shutdown, app.quit()) waits until our gateway is stopped.
  app.on('will-quit', (event) => {
    if (shutdownPromise && quitting) return;
    quitting = true;
    event.preventDefault();
    void shutdown().then(() => app.quit());
  });

  await app.whenReady();
  Menu.setApplicationMenu(null);
  // Screens need no camera, microphone, notifications, geolocation … nor does anything they load.
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`kiosk: denied a request for the ${permission} permission`);
    callback(false);
  });
  session.defaultSession.setPermissionCheckHandler(() => false);

  const appRoot = options.appRoot ?? findAppRoot(path.dirname(fileURLToPath(import.meta.url)));
  const dataDir = dataDirFor(env, appRoot);
  const secrets = new SecretStore({ dataDir, safeStorage, log });

  if (importing) {
    const result = importSecrets(secrets, env, process.cwd());
    if (result.ok) log(`kiosk: stored the ${result.stored.join(' and ')} encrypted in ${secrets.file}`);
    else log(`kiosk: ${result.error}`);
    app.exit(result.ok ? 0 : 1);
    return undefined;
  }

  const stored = secrets.load();
  const fromStore = gatewaySecretEnv(stored, env);
  if (fromStore.passed.length) log(`kiosk: the gateway it starts gets the stored ${fromStore.passed.join(' and ')}`);
  if (fromStore.overridden.length) {
    log(`kiosk: the environment sets the ${fromStore.overridden.join(' and ')}; the stored one is not used`);
  }

  const createSupervisor = options.createSupervisor ?? defaultSupervisor(appRoot, log);
  supervisor = createSupervisor({ env: { ...env, ...fromStore.env, FLOORGATE_DATA_DIR: dataDir } });
  let gateway: GatewayHandle;
  try {
    gateway = await supervisor.start();
  } catch (error) {
    log(`kiosk: cannot start without a gateway: ${describe(error)}`);
    app.exit(1);
    return undefined;
  }
  log(`kiosk: gateway ${gateway.mode} at ${gateway.origin}${gateway.logFile ? ` (output: ${gateway.logFile})` : ''}`);

  const config = await fetchKioskConfig(gateway.origin, { log, ...(options.fetchJson ? { fetchJson: options.fetchJson } : {}) });
  layout = new KioskLayout({ screen, gatewayOrigin: gateway.origin, displays: config.displays, log });
  layout.open();
  blockerId = powerSaveBlocker.start('prevent-display-sleep');

  let watchdog: StaleWatchdog | undefined;
  const checkStaleWindows = async (): Promise<string[]> => {
    if (!watchdog || !layout) return [];
    // Windows opened since the last round (a display came back) join with a full grace period.
    for (const window of layout.all()) watchdog.watch(window);
    return watchdog.check();
  };
  if (config.staleReloadMinutes > 0) {
    const staleMs = config.staleReloadMinutes * 60_000;
    watchdog = new StaleWatchdog({ staleMs, now });
    for (const window of layout.all()) watchdog.watch(window);
    watchdogTimer = startInterval(() => {
      checkStaleWindows().catch((error: unknown) => log(`kiosk: watchdog round failed: ${describe(error)}`));
    }, Math.max(5_000, Math.min(60_000, staleMs / 5)));
  }

  return { gateway, config, layout, watchdog, powerSaveBlockerId: blockerId, checkStaleWindows, shutdown };
}

/// <reference types="electron-types" />
/**
 * One kiosk window: fullscreen on its display, locked to the gateway's origin, self-healing when
 * its renderer crashes or hangs or its page cannot load (gateway not up yet).
 */
import { app, BrowserWindow } from 'electron';
import { isAllowedUrl } from './url-policy.js';

/** A failed page load (gateway restarting, not up yet) is tried again after this long. */
export const LOAD_RETRY_MS = 5_000;
/** Chromium's "the load was aborted" (e.g. replaced by another navigation): not a failure. */
const ERR_ABORTED = -3;

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface KioskWindowOptions {
  /** The screen this window shows, e.g. http://127.0.0.1:8080/screen/entrance */
  url: string;
  /** e.g. http://127.0.0.1:8080: the only origin the window may show. */
  gatewayOrigin: string;
  /** The display area the window covers. */
  bounds: Bounds;
  log?: (message: string) => void;
  loadRetryMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
}

export interface KioskWindow {
  readonly window: BrowserWindow;
  readonly url: string;
  /** Loads the screen again; `hung` first kills the renderer (a hung one cannot navigate). */
  reload(why: string, options?: { hung?: boolean }): void;
  /** Moves the window onto other bounds (a display was added, removed or resized). */
  moveTo(bounds: Bounds): void;
  /** Runs a script in the page; used by the stale-data watchdog. */
  evaluate(script: string): Promise<unknown>;
  isDestroyed(): boolean;
}

export function createKioskWindow({
  url,
  gatewayOrigin,
  bounds,
  log = console.warn,
  loadRetryMs = LOAD_RETRY_MS,
  setTimer = (fn, ms) => setTimeout(fn, ms),
}: KioskWindowOptions): KioskWindow {
  const win = new BrowserWindow({
    ...bounds,
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    backgroundColor: '#000000',
    webPreferences: {
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      devTools: !app.isPackaged,
      // The window is always on screen; its clock and reconnect timers must never be throttled.
      backgroundThrottling: false,
      spellcheck: false,
    },
  });
  const contents = win.webContents;
  let retryPending = false;

  const load = (): void => {
    contents.loadURL(url).catch((error: unknown) => {
      // did-fail-load has the details and schedules the retry; this only keeps the rejection handled.
      log(`kiosk: loading ${url} failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  };

  const reload = (why: string, options: { hung?: boolean } = {}): void => {
    if (win.isDestroyed()) return;
    log(`kiosk: ${why}; reloading ${url}`);
    // Reloading a hung renderer in place does not help: kill it so the reload gets a new process.
    if (options.hung) contents.forcefullyCrashRenderer();
    load();
  };

  const guard = (event: Electron.Event<{ url: string }>, legacyUrl?: string): void => {
    const target = event.url ?? legacyUrl ?? '';
    if (!isAllowedUrl(target, gatewayOrigin)) {
      event.preventDefault();
      log(`kiosk: blocked navigation to ${target}`);
    }
  };
  contents.on('will-navigate', guard);
  // A same-origin page whose server redirects elsewhere is just as much a way out.
  contents.on('will-redirect', guard);
  // Frames inside the page too (will-navigate covers the main frame).
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) guard(event);
  });

  contents.setWindowOpenHandler(({ url: target }) => {
    log(`kiosk: blocked window.open(${target})`);
    return { action: 'deny' };
  });

  contents.on('render-process-gone', (_event, details) => {
    reload(`renderer gone (${details.reason}, exit code ${details.exitCode})`);
  });
  contents.on('unresponsive', () => reload('renderer unresponsive', { hung: true }));

  contents.on('did-fail-load', (_event, errorCode, errorDescription, validatedURL, isMainFrame) => {
    if (!isMainFrame || errorCode === ERR_ABORTED || retryPending) return;
    retryPending = true;
    log(`kiosk: ${validatedURL} did not load (${errorDescription}, ${errorCode}); trying again in ${loadRetryMs} ms`);
    setTimer(() => {
      retryPending = false;
      if (!win.isDestroyed()) load();
    }, loadRetryMs);
  });

  load();
  return {
    window: win,
    url,
    reload,
    moveTo: (next) => {
      if (win.isDestroyed()) return;
      // Leave kiosk mode to move: fullscreen windows ignore new bounds on most window managers.
      win.setKiosk(false);
      win.setBounds(next);
      win.setKiosk(true);
    },
    evaluate: (script) => contents.executeJavaScript(script),
    isDestroyed: () => win.isDestroyed(),
  };
}

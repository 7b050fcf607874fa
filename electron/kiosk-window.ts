/// <reference types="electron-types" />
/**
 * The entrance kiosk window: fullscreen, locked to the gateway's origin, self-healing
 * when its renderer crashes or hangs.
 */
import { app, BrowserWindow } from 'electron';
import { isAllowedUrl } from './url-policy.js';

export const ENTRANCE_PATH = '/screen/entrance';

export interface KioskWindowOptions {
  /** e.g. http://127.0.0.1:8080 */
  gatewayOrigin: string;
  log?: (message: string) => void;
}

export function entranceUrl(gatewayOrigin: string): string {
  return new URL(ENTRANCE_PATH, gatewayOrigin).toString();
}

export function createKioskWindow({ gatewayOrigin, log = console.warn }: KioskWindowOptions): BrowserWindow {
  const url = entranceUrl(gatewayOrigin);
  const win = new BrowserWindow({
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    webPreferences: {
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      devTools: !app.isPackaged,
    },
  });
  const contents = win.webContents;

  const load = (): void => {
    contents.loadURL(url).catch((error: unknown) => {
      // A failed load shows Chromium's error page; the next crash/hang recovery loads again.
      log(`kiosk: loading ${url} failed: ${error instanceof Error ? error.message : String(error)}`);
    });
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

  contents.setWindowOpenHandler(({ url: target }) => {
    log(`kiosk: blocked window.open(${target})`);
    return { action: 'deny' };
  });

  const recover = (why: string): void => {
    if (win.isDestroyed()) return;
    log(`kiosk: ${why}; reloading ${url}`);
    load();
  };
  contents.on('render-process-gone', (_event, details) => {
    recover(`renderer gone (${details.reason}, exit code ${details.exitCode})`);
  });
  contents.on('unresponsive', () => {
    if (win.isDestroyed()) return;
    // Reloading a hung renderer in place does not help: kill it so the reload gets a new process.
    contents.forcefullyCrashRenderer();
    recover('renderer unresponsive');
  });

  load();
  return win;
}

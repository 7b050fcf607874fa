/// <reference types="electron-types" />
/**
 * The kiosk's lifecycle, with Electron's objects passed in so it is testable:
 * ready → gateway → window → keep the display awake; on the way out, stop the
 * gateway only if this kiosk started it.
 */
import type { GatewayHandle } from './gateway-process.js';

export interface KioskAppDeps {
  app: Pick<Electron.App, 'whenReady' | 'on' | 'quit' | 'exit'>;
  menu: { setApplicationMenu(menu: null): void };
  powerSaveBlocker: Pick<Electron.PowerSaveBlocker, 'start' | 'stop'>;
  ensureGateway: () => Promise<GatewayHandle>;
  createKioskWindow: (options: { gatewayOrigin: string }) => unknown;
  log?: (message: string) => void;
}

export interface RunningKiosk {
  gateway: GatewayHandle;
  powerSaveBlockerId: number;
}

/**
 * Registers the quit handlers, then waits for Electron, the gateway and the window.
 * When the gateway cannot be brought up the app exits with code 1 so the OS service
 * manager restarts the kiosk (an error dialog would wait forever for a click nobody makes).
 */
export async function runKiosk(deps: KioskAppDeps): Promise<RunningKiosk | undefined> {
  const { app, log = console.error } = deps;
  let gateway: GatewayHandle | undefined;
  let blockerId: number | undefined;
  let shutdown: Promise<void> | undefined;

  const stopEverything = (): Promise<void> =>
    (shutdown ??= (async () => {
      try {
        if (blockerId !== undefined) deps.powerSaveBlocker.stop(blockerId);
        if (gateway?.mode === 'started') {
          log(`kiosk: stopping the gateway it started (pid ${gateway.pid ?? '?'})`);
          await gateway.stop();
        }
      } catch (error) {
        log(`kiosk: shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    })());

  // Handlers return the shutdown promise (Electron ignores it) so callers can await it; it never rejects.
  const stopThenQuit = (): Promise<void> => stopEverything().then(() => app.quit());
  app.on('window-all-closed', () => stopThenQuit());
  // app.quit() from elsewhere (OS shutdown, Cmd+Q) skips window-all-closed: stop our gateway first.
  app.on('will-quit', (event) => {
    if (gateway?.mode !== 'started' || shutdown) return;
    event.preventDefault();
    return stopThenQuit();
  });

  await app.whenReady();
  deps.menu.setApplicationMenu(null);
  try {
    gateway = await deps.ensureGateway();
  } catch (error) {
    log(`kiosk: cannot start without a gateway: ${error instanceof Error ? error.message : String(error)}`);
    app.exit(1);
    return undefined;
  }
  log(`kiosk: gateway ${gateway.mode} at ${gateway.origin}`);
  deps.createKioskWindow({ gatewayOrigin: gateway.origin });
  blockerId = deps.powerSaveBlocker.start('prevent-display-sleep');
  return { gateway, powerSaveBlockerId: blockerId };
}

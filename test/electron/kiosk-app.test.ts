import { describe, expect, it, vi } from 'vitest';
import type { GatewayHandle } from '../../electron/gateway-process.js';
import { runKiosk, type KioskAppDeps } from '../../electron/kiosk-app.js';

type Handler = (...args: unknown[]) => unknown;

function gatewayHandle(mode: GatewayHandle['mode']) {
  return {
    mode,
    port: 8080,
    origin: 'http://127.0.0.1:8080',
    pid: mode === 'started' ? 4242 : undefined,
    logFile: undefined,
    stop: vi.fn(() => Promise.resolve()),
  } satisfies GatewayHandle;
}

function kiosk(ensure: () => Promise<GatewayHandle>) {
  const calls: string[] = [];
  const handlers = new Map<string, Handler>();
  const app = {
    whenReady: vi.fn(() => {
      calls.push('whenReady');
      return Promise.resolve();
    }),
    on: vi.fn((event: string, handler: Handler) => {
      handlers.set(event, handler);
      return app;
    }),
    quit: vi.fn(() => void calls.push('quit')),
    exit: vi.fn((code?: number) => void calls.push(`exit ${code}`)),
  };
  const deps = {
    app: app as unknown as KioskAppDeps['app'],
    menu: { setApplicationMenu: vi.fn((_menu: null) => void calls.push('menu removed')) },
    powerSaveBlocker: {
      start: vi.fn((type: string) => (calls.push(`powerSaveBlocker ${type}`), 7)),
      stop: vi.fn((_id: number) => true),
    },
    ensureGateway: vi.fn(async () => {
      calls.push('ensureGateway');
      return ensure();
    }),
    createKioskWindow: vi.fn((options: { gatewayOrigin: string }) => void calls.push(`window ${options.gatewayOrigin}`)),
    log: vi.fn(),
  };
  /** Fires an app event and waits for whatever the handler started. */
  const fire = async (event: string, ...args: unknown[]) => {
    const handler = handlers.get(event);
    if (!handler) throw new Error(`no ${event} handler`);
    await handler(...args);
  };
  return { calls, app, deps, fire, run: () => runKiosk(deps) };
}

describe('runKiosk', () => {
  it('waits for Electron, then the gateway, then opens the window and keeps the display awake', async () => {
    const k = kiosk(async () => gatewayHandle('started'));
    const running = await k.run();
    expect(k.calls).toEqual([
      'whenReady',
      'menu removed',
      'ensureGateway',
      'window http://127.0.0.1:8080',
      'powerSaveBlocker prevent-display-sleep',
    ]);
    expect(k.deps.menu.setApplicationMenu).toHaveBeenCalledWith(null);
    expect(running?.powerSaveBlockerId).toBe(7);
  });

  it('stops a gateway it started when the last window closes, then quits', async () => {
    const gateway = gatewayHandle('started');
    const k = kiosk(async () => gateway);
    await k.run();
    await k.fire('window-all-closed');
    expect(gateway.stop).toHaveBeenCalledTimes(1);
    expect(k.deps.powerSaveBlocker.stop).toHaveBeenCalledWith(7);
    expect(k.app.quit).toHaveBeenCalledTimes(1);
    expect(gateway.stop.mock.invocationCallOrder[0]!).toBeLessThan(k.app.quit.mock.invocationCallOrder[0]!);
  });

  it('leaves an attached gateway running when the last window closes, and quits', async () => {
    const gateway = gatewayHandle('attached');
    const k = kiosk(async () => gateway);
    await k.run();
    await k.fire('window-all-closed');
    expect(gateway.stop).not.toHaveBeenCalled();
    expect(k.app.quit).toHaveBeenCalledTimes(1);
  });

  it('still quits when stopping the gateway fails', async () => {
    const gateway = gatewayHandle('started');
    gateway.stop.mockRejectedValueOnce(new Error('EPERM'));
    const k = kiosk(async () => gateway);
    await k.run();
    await k.fire('window-all-closed');
    expect(k.app.quit).toHaveBeenCalledTimes(1);
    expect(k.deps.log).toHaveBeenCalledWith(expect.stringContaining('EPERM'));
  });

  it('holds a quit that skips window-all-closed until its gateway is stopped', async () => {
    const gateway = gatewayHandle('started');
    const k = kiosk(async () => gateway);
    await k.run();
    const event = { preventDefault: vi.fn() };
    await k.fire('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
    expect(gateway.stop).toHaveBeenCalledTimes(1);
    expect(k.app.quit).toHaveBeenCalledTimes(1);

    // The second will-quit (from that app.quit) goes through.
    const again = { preventDefault: vi.fn() };
    await k.fire('will-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
    expect(gateway.stop).toHaveBeenCalledTimes(1);
  });

  it('does not hold a quit for an attached gateway', async () => {
    const k = kiosk(async () => gatewayHandle('attached'));
    await k.run();
    const event = { preventDefault: vi.fn() };
    await k.fire('will-quit', event);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('exits with code 1 and opens no window when the gateway cannot be brought up', async () => {
    const k = kiosk(async () => {
      throw new Error('The Floorgate gateway did not become healthy');
    });
    await expect(k.run()).resolves.toBeUndefined();
    expect(k.app.exit).toHaveBeenCalledWith(1);
    expect(k.deps.createKioskWindow).not.toHaveBeenCalled();
    expect(k.deps.powerSaveBlocker.start).not.toHaveBeenCalled();
    expect(k.deps.log).toHaveBeenCalledWith(expect.stringContaining('did not become healthy'));
  });
});

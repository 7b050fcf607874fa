import { beforeEach, describe, expect, it, vi } from 'vitest';

type Handler = (...args: unknown[]) => unknown;

const fakes = vi.hoisted(() => {
  class FakeWebContents {
    readonly handlers = new Map<string, Handler[]>();
    readonly loadURL = vi.fn((_url: string) => Promise.resolve());
    readonly forcefullyCrashRenderer = vi.fn();
    windowOpenHandler: ((details: { url: string }) => unknown) | undefined;

    on(event: string, handler: Handler): this {
      this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
      return this;
    }

    setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
      this.windowOpenHandler = handler;
    }

    /** Fires an event the way Electron would; fails the test if nobody listens. */
    emit(event: string, ...args: unknown[]): void {
      const handlers = this.handlers.get(event);
      if (!handlers?.length) throw new Error(`no handler for ${event}`);
      for (const handler of handlers) handler(...args);
    }
  }

  class FakeBrowserWindow {
    static instances: FakeBrowserWindow[] = [];
    readonly webContents = new FakeWebContents();
    destroyed = false;

    constructor(readonly options: Record<string, unknown>) {
      FakeBrowserWindow.instances.push(this);
    }

    isDestroyed(): boolean {
      return this.destroyed;
    }
  }

  return { FakeBrowserWindow, app: { isPackaged: false } };
});

vi.mock('electron', () => ({ app: fakes.app, BrowserWindow: fakes.FakeBrowserWindow }));

const { createKioskWindow, entranceUrl } = await import('../../electron/kiosk-window.js');

const ORIGIN = 'http://127.0.0.1:8080';
const ENTRANCE = 'http://127.0.0.1:8080/screen/entrance';

function open(origin = ORIGIN) {
  const log = vi.fn();
  createKioskWindow({ gatewayOrigin: origin, log });
  const win = fakes.FakeBrowserWindow.instances.at(-1);
  if (!win) throw new Error('no window was created');
  return { win, contents: win.webContents, log };
}

function navigationEvent(url: string) {
  return { url, preventDefault: vi.fn(), defaultPrevented: false };
}

beforeEach(() => {
  fakes.FakeBrowserWindow.instances = [];
  fakes.app.isPackaged = false;
});

describe('createKioskWindow', () => {
  it('creates one locked-down kiosk window and loads the entrance screen', () => {
    const { win, contents } = open();
    expect(fakes.FakeBrowserWindow.instances).toHaveLength(1);
    expect(win.options).toEqual({
      kiosk: true,
      fullscreen: true,
      autoHideMenuBar: true,
      webPreferences: { contextIsolation: true, nodeIntegration: false, sandbox: true, devTools: true },
    });
    expect(contents.loadURL).toHaveBeenCalledTimes(1);
    expect(contents.loadURL).toHaveBeenCalledWith(ENTRANCE);
  });

  it('turns dev tools off in a packaged app', () => {
    fakes.app.isPackaged = true;
    const { win } = open();
    expect(win.options.webPreferences).toMatchObject({ devTools: false });
  });

  it('loads the entrance of the gateway it is given', () => {
    const { contents } = open('http://127.0.0.1:9123');
    expect(contents.loadURL).toHaveBeenCalledWith('http://127.0.0.1:9123/screen/entrance');
    expect(entranceUrl('http://127.0.0.1:9123')).toBe('http://127.0.0.1:9123/screen/entrance');
  });

  it('prevents navigation to a foreign origin', () => {
    const { contents, log } = open();
    for (const url of ['https://example.com/', 'http://127.0.0.1:9999/screen/entrance', 'file:///etc/passwd']) {
      const event = navigationEvent(url);
      contents.emit('will-navigate', event, url);
      expect(event.preventDefault, url).toHaveBeenCalledTimes(1);
    }
    expect(log).toHaveBeenCalledWith(expect.stringContaining('https://example.com/'));
  });

  it('allows navigation within the gateway origin', () => {
    const { contents } = open();
    const event = navigationEvent('http://127.0.0.1:8080/screen/floor');
    contents.emit('will-navigate', event, event.url);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('also judges by the legacy url argument when the event carries none', () => {
    const { contents } = open();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-navigate', event, 'https://example.com/');
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
  });

  it('prevents a redirect to a foreign origin and allows a same-origin one', () => {
    const { contents } = open();
    const away = navigationEvent('https://example.com/login');
    contents.emit('will-redirect', away, away.url);
    expect(away.preventDefault).toHaveBeenCalledTimes(1);
    const home = navigationEvent('http://127.0.0.1:8080/screen/entrance');
    contents.emit('will-redirect', home, home.url);
    expect(home.preventDefault).not.toHaveBeenCalled();
  });

  it('denies every window.open, same origin included', () => {
    const { contents } = open();
    expect(contents.windowOpenHandler).toBeTypeOf('function');
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'http://127.0.0.1:8080/screen/floor' })).toEqual({ action: 'deny' });
    expect(fakes.FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('reloads the entrance screen when the renderer process crashes', () => {
    const { contents, log } = open();
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(contents.loadURL).toHaveBeenCalledTimes(2);
    expect(contents.loadURL).toHaveBeenLastCalledWith(ENTRANCE);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('crashed'));
  });

  it('kills and reloads a renderer that stops responding', () => {
    const { contents } = open();
    contents.emit('unresponsive');
    expect(contents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
    expect(contents.loadURL).toHaveBeenCalledTimes(2);
    expect(contents.loadURL).toHaveBeenLastCalledWith(ENTRANCE);
    // The kill is reported as a crash; reloading again is harmless.
    contents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 0 });
    expect(contents.loadURL).toHaveBeenLastCalledWith(ENTRANCE);
  });

  it('does not touch a window that is already destroyed', () => {
    const { win, contents } = open();
    win.destroyed = true;
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    contents.emit('unresponsive');
    expect(contents.loadURL).toHaveBeenCalledTimes(1);
    expect(contents.forcefullyCrashRenderer).not.toHaveBeenCalled();
  });

  it('logs a failed load instead of leaving an unhandled rejection', async () => {
    const { contents, log } = open();
    contents.loadURL.mockImplementationOnce(() => Promise.reject(new Error('ERR_CONNECTION_REFUSED')));
    contents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
    expect(contents.loadURL).toHaveBeenLastCalledWith(ENTRANCE);
    await Promise.resolve(); // let the .catch run
    expect(log).toHaveBeenCalledWith(expect.stringContaining('ERR_CONNECTION_REFUSED'));
  });
});

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, FakeBrowserWindow, resetFakeElectron } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);

const { createKioskWindow } = await import('../../electron/kiosk-window.js');

const ORIGIN = 'http://127.0.0.1:8080';
const ENTRANCE = 'http://127.0.0.1:8080/screen/entrance';
const BOUNDS = { x: 1920, y: 0, width: 1920, height: 1080 };

function open(url = ENTRANCE) {
  const log = vi.fn();
  const timers: Array<{ fn: () => void; ms: number }> = [];
  const kioskWindow = createKioskWindow({
    url,
    gatewayOrigin: ORIGIN,
    bounds: BOUNDS,
    log,
    setTimer: (fn, ms) => timers.push({ fn, ms }),
  });
  const win = FakeBrowserWindow.instances.at(-1);
  if (!win) throw new Error('no window was created');
  return { kioskWindow, win, contents: win.webContents, log, timers };
}

function navigationEvent(url: string, isMainFrame = true) {
  return { url, isMainFrame, preventDefault: vi.fn() };
}

beforeEach(() => resetFakeElectron());

describe('a kiosk window', () => {
  it('is one locked-down fullscreen window on its display bounds, showing its screen', () => {
    const { win, contents } = open();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(win.options).toMatchObject({
      ...BOUNDS,
      kiosk: true,
      fullscreen: true,
      frame: false,
      webPreferences: { contextIsolation: true, nodeIntegration: false, sandbox: true, devTools: true },
    });
    expect(contents.loadURL).toHaveBeenCalledTimes(1);
    expect(contents.loadURL).toHaveBeenCalledWith(ENTRANCE);
  });

  it('has no dev tools in a packaged app', () => {
    fake.app.isPackaged = true;
    const { win } = open();
    expect(win.options.webPreferences).toMatchObject({ devTools: false });
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
    const event = navigationEvent('http://127.0.0.1:8080/screen/occupancy');
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

  it('keeps frames inside the page on the gateway origin too', () => {
    const { contents } = open();
    const frame = navigationEvent('https://ads.example.com/', false);
    contents.emit('will-frame-navigate', frame);
    expect(frame.preventDefault).toHaveBeenCalledTimes(1);
    const own = navigationEvent('http://127.0.0.1:8080/widgets/daily-wod', false);
    contents.emit('will-frame-navigate', own);
    expect(own.preventDefault).not.toHaveBeenCalled();
  });

  it('refuses every new window, same origin included', () => {
    const { contents } = open();
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'http://127.0.0.1:8080/screen/occupancy' })).toEqual({ action: 'deny' });
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('reloads its screen when the renderer process crashes', () => {
    const { contents, log } = open('http://127.0.0.1:8080/screen/playlist?name=floor');
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(contents.loadURL).toHaveBeenCalledTimes(2);
    expect(contents.loadURL).toHaveBeenLastCalledWith('http://127.0.0.1:8080/screen/playlist?name=floor');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('crashed'));
  });

  it('kills and reloads a renderer that stops responding', () => {
    const { contents } = open();
    contents.emit('unresponsive');
    expect(contents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
    expect(contents.loadURL).toHaveBeenCalledTimes(2);
    expect(contents.loadURL).toHaveBeenLastCalledWith(ENTRANCE);
  });

  it('tries a page that did not load again after a pause, once per failure', () => {
    const { contents, timers, log } = open();
    contents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', ENTRANCE, true);
    contents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', ENTRANCE, true);
    expect(timers).toHaveLength(1);
    expect(timers[0]!.ms).toBe(5_000);
    expect(contents.loadURL).toHaveBeenCalledTimes(1);
    timers[0]!.fn();
    expect(contents.loadURL).toHaveBeenCalledTimes(2);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('ERR_CONNECTION_REFUSED'));
    // The next failure schedules the next try.
    contents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', ENTRANCE, true);
    expect(timers).toHaveLength(2);
  });

  it('ignores aborted loads and failing sub-frames', () => {
    const { contents, timers } = open();
    contents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', ENTRANCE, true);
    contents.emit('did-fail-load', {}, -105, 'ERR_NAME_NOT_RESOLVED', 'http://x.invalid/', false);
    expect(timers).toHaveLength(0);
  });

  it('moves to new bounds by leaving kiosk mode for the move', () => {
    const { kioskWindow, win } = open();
    kioskWindow.moveTo({ x: 0, y: 0, width: 1280, height: 720 });
    expect(win.bounds).toEqual({ x: 0, y: 0, width: 1280, height: 720 });
    expect(win.setKiosk.mock.calls).toEqual([[false], [true]]);
    expect(win.kiosk).toBe(true);
  });

  it('does not touch a window that is already destroyed', () => {
    const { win, contents, timers } = open();
    win.destroyed = true;
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    contents.emit('unresponsive');
    contents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', ENTRANCE, true);
    timers[0]?.fn();
    expect(contents.loadURL).toHaveBeenCalledTimes(1);
    expect(contents.forcefullyCrashRenderer).not.toHaveBeenCalled();
  });

  it('logs a failed load instead of leaving an unhandled rejection', async () => {
    const { contents, log } = open();
    contents.loadURL.mockImplementationOnce(() => Promise.reject(new Error('ERR_CONNECTION_REFUSED')));
    contents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
    await vi.waitFor(() => expect(log).toHaveBeenCalledWith(expect.stringContaining('ERR_CONNECTION_REFUSED')));
  });
});

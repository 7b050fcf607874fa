/**
 * The kiosk's main-process logic with Electron mocked (the binary cannot run here): windows per
 * display, hardening, self-healing, quitting, secrets. The gateway is a scripted stand-in here;
 * kiosk-real-gateway.test.ts runs the same code against the real gateway process.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GatewayExit, GatewayHandle } from '../../electron/gateway-process.js';
import { fake, FakeBrowserWindow, resetFakeElectron } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);

const { runKiosk, AFTER_GPU_CRASH_FLAG, IMPORT_SECRETS_FLAG } = await import('../../electron/kiosk-app.js');
type KioskOptions = NonNullable<Parameters<typeof runKiosk>[0]>;

const ORIGIN = 'http://127.0.0.1:8080';
const API_KEY = 'bak_live_7f3a9c0e5d1b2a4f';
const STAFF_PIN = '482916';

function gatewayHandle(mode: GatewayHandle['mode']): GatewayHandle {
  return {
    mode,
    port: 8080,
    origin: ORIGIN,
    pid: mode === 'started' ? 4242 : undefined,
    logFile: undefined,
    exited: new Promise<GatewayExit>(() => {}),
    stop: async () => {},
  };
}

let dataDir: string;
beforeEach(() => {
  resetFakeElectron();
  dataDir = mkdtempSync(path.join(tmpdir(), 'floorgate-kiosk-app-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function kiosk(options: { kioskConfig?: unknown; env?: NodeJS.ProcessEnv; argv?: string[]; gatewayFails?: boolean } = {}) {
  let clock = Date.parse('2030-01-02T08:00:00Z');
  const logLines: string[] = [];
  const intervals: Array<{ fn: () => void; ms: number }> = [];
  const supervisor = {
    env: undefined as NodeJS.ProcessEnv | undefined,
    start: vi.fn(async () => {
      if (options.gatewayFails) throw new Error('The Floorgate gateway exited (code 1) before http://127.0.0.1:8080/healthz answered 200');
      return gatewayHandle('started');
    }),
    stop: vi.fn(async () => {}),
  };
  const opts: KioskOptions = {
    env: { FLOORGATE_DATA_DIR: dataDir, ...options.env },
    argv: options.argv ?? ['/opt/Floorgate/floorgate-kiosk'],
    appRoot: dataDir,
    createSupervisor: ({ env }) => {
      supervisor.env = env;
      return supervisor;
    },
    fetchJson: async (url) => {
      expect(url).toBe(`${ORIGIN}/api/kiosk-config`);
      return { status: 200, body: options.kioskConfig ?? {} };
    },
    now: () => clock,
    setInterval: (fn, ms) => intervals.push({ fn, ms }),
    clearInterval: () => {},
    log: (line) => void logLines.push(line),
  };
  return {
    supervisor,
    logLines,
    intervals,
    advance: (ms: number) => (clock += ms),
    run: () => runKiosk(opts),
    /** Everything the kiosk logged, plus every file it wrote in the data dir. */
    everythingWritten: () => {
      const files = ['kiosk-secrets.json'].flatMap((name) => {
        try {
          return [readFileSync(path.join(dataDir, name), 'utf8')];
        } catch {
          return [];
        }
      });
      return [...logLines, ...files].join('\n');
    },
  };
}

const TWO_SCREENS = {
  displays: [
    { screen: 'entrance', display: 0 },
    { screen: 'playlist', params: { name: 'floor' }, display: 1 },
  ],
};

describe('runKiosk: windows per display', () => {
  it('opens one fullscreen window per configured display, on that display, showing its screen', async () => {
    const k = kiosk({ kioskConfig: TWO_SCREENS });
    const running = await k.run();
    expect(running?.gateway.origin).toBe(ORIGIN);
    expect(FakeBrowserWindow.instances).toHaveLength(2);
    const [entrance, playlist] = FakeBrowserWindow.instances;
    expect(entrance!.bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1080 });
    expect(entrance!.url).toBe(`${ORIGIN}/screen/entrance`);
    expect(entrance!.options).toMatchObject({ kiosk: true, fullscreen: true });
    expect(playlist!.bounds).toEqual({ x: 1920, y: 0, width: 1920, height: 1080 });
    expect(playlist!.url).toBe(`${ORIGIN}/screen/playlist?name=floor`);
  });

  it('counts displays from the primary one, then left to right, whatever order Electron lists them in', async () => {
    resetFakeElectron([
      { id: 30, bounds: { x: 3840, y: 0, width: 1080, height: 1920 } },
      { id: 10, bounds: { x: 1920, y: 0, width: 1920, height: 1080 } },
      { id: 20, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
    ]);
    fake.screen.primaryId = 10;
    const k = kiosk({
      kioskConfig: { displays: [{ screen: 'occupancy', display: 2 }, { screen: 'entrance', display: 0 }, { screen: 'wod', display: 1 }] },
    });
    await k.run();
    const byUrl = Object.fromEntries(FakeBrowserWindow.instances.map((w) => [w.url, w.bounds.x]));
    expect(byUrl).toEqual({
      [`${ORIGIN}/screen/occupancy`]: 3840,
      [`${ORIGIN}/screen/entrance`]: 1920,
      [`${ORIGIN}/screen/wod`]: 0,
    });
  });

  it('shows the entrance on the primary display when the config has no kiosk section', async () => {
    const k = kiosk();
    await k.run();
    expect(FakeBrowserWindow.instances.map((w) => w.url)).toEqual([`${ORIGIN}/screen/entrance`]);
  });

  it('opens the window of a display that is plugged in later, and closes it when it is unplugged', async () => {
    resetFakeElectron([{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }]);
    const k = kiosk({ kioskConfig: TWO_SCREENS });
    await k.run();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(k.logLines.join('\n')).toContain('display 1 (playlist) is not connected');

    fake.screen.displays = [...fake.screen.displays, { id: 2, bounds: { x: 1920, y: 0, width: 1280, height: 720 } }];
    fake.screen.emit('display-added');
    expect(FakeBrowserWindow.instances).toHaveLength(2);
    const playlist = FakeBrowserWindow.instances[1]!;
    expect(playlist.bounds).toEqual({ x: 1920, y: 0, width: 1280, height: 720 });

    fake.screen.displays = fake.screen.displays.slice(0, 1);
    fake.screen.emit('display-removed');
    // Not left to land on top of the entrance screen.
    expect(playlist.isDestroyed()).toBe(true);
    expect(FakeBrowserWindow.instances[0]!.isDestroyed()).toBe(false);
  });

  it('moves a window when its display changes resolution', async () => {
    const k = kiosk({ kioskConfig: TWO_SCREENS });
    await k.run();
    fake.screen.displays[1]!.bounds = { x: 1920, y: 0, width: 3840, height: 2160 };
    fake.screen.emit('display-metrics-changed');
    expect(FakeBrowserWindow.instances[1]!.bounds).toEqual({ x: 1920, y: 0, width: 3840, height: 2160 });
    expect(FakeBrowserWindow.instances).toHaveLength(2);
  });

  it('opens a window again when someone closes it, and keeps running meanwhile', async () => {
    vi.useFakeTimers();
    try {
      const k = kiosk();
      await k.run();
      const first = FakeBrowserWindow.instances[0]!;
      first.destroy();
      fake.app.emit('window-all-closed');
      expect(fake.app.quit).not.toHaveBeenCalled();
      expect(k.supervisor.stop).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1_000);
      expect(FakeBrowserWindow.instances).toHaveLength(2);
      expect(FakeBrowserWindow.instances[1]!.url).toBe(`${ORIGIN}/screen/entrance`);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('runKiosk: locked down', () => {
  it('removes the menu, denies every permission request and check', async () => {
    const k = kiosk();
    await k.run();
    expect(fake.menu.setApplicationMenu).toHaveBeenCalledWith(null);
    const callback = vi.fn();
    fake.session.permissionRequestHandler?.({}, 'media', callback, {});
    expect(callback).toHaveBeenCalledWith(false);
    expect(fake.session.permissionCheckHandler?.({}, 'geolocation', ORIGIN, {})).toBe(false);
    expect(k.logLines).toContain('kiosk: denied a request for the media permission');
  });

  it('refuses new windows and <webview> in every web contents, not only its own', async () => {
    await kiosk().run();
    const contents = { setWindowOpenHandler: vi.fn(), on: vi.fn() };
    fake.app.emit('web-contents-created', {}, contents);
    expect(contents.setWindowOpenHandler.mock.calls[0]![0]({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    const [event, attach] = contents.on.mock.calls[0]!;
    expect(event).toBe('will-attach-webview');
    const webviewEvent = { preventDefault: vi.fn() };
    attach(webviewEvent);
    expect(webviewEvent.preventDefault).toHaveBeenCalled();
  });

  it('runs once per box: a second instance exits without touching the gateway', async () => {
    fake.app.singleInstance = false;
    const k = kiosk();
    expect(await k.run()).toBeUndefined();
    expect(fake.app.exit).toHaveBeenCalledWith(0);
    expect(k.supervisor.start).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('keeps the display awake from the moment the windows are up until it quits', async () => {
    const k = kiosk();
    const running = await k.run();
    expect(fake.powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');
    expect(fake.powerSaveBlocker.isStarted(running!.powerSaveBlockerId)).toBe(true);
    await running!.shutdown();
    expect(fake.powerSaveBlocker.isStarted(running!.powerSaveBlockerId)).toBe(false);
  });
});

describe('runKiosk: self-healing', () => {
  it('relaunches when the GPU process dies, after stopping the gateway it started', async () => {
    const k = kiosk({ argv: ['/opt/Floorgate/floorgate-kiosk', '--ozone-platform=x11'] });
    await k.run();
    fake.app.emit('child-process-gone', {}, { type: 'GPU', reason: 'crashed', exitCode: 139 });
    await vi.waitFor(() => expect(fake.app.exit).toHaveBeenCalledWith(0));
    expect(fake.app.relaunch).toHaveBeenCalledWith({ args: ['--ozone-platform=x11', AFTER_GPU_CRASH_FLAG] });
    expect(k.supervisor.stop).toHaveBeenCalledTimes(1);
    expect(k.supervisor.stop.mock.invocationCallOrder[0]!).toBeLessThan(fake.app.relaunch.mock.invocationCallOrder[0]!);
  });

  it('relaunches without the GPU after a second GPU crash in a row', async () => {
    const k = kiosk({ argv: ['/opt/Floorgate/floorgate-kiosk', AFTER_GPU_CRASH_FLAG] });
    await k.run();
    fake.app.emit('child-process-gone', {}, { type: 'GPU', reason: 'launch-failed', exitCode: 1 });
    await vi.waitFor(() => expect(fake.app.exit).toHaveBeenCalledWith(0));
    expect(fake.app.relaunch).toHaveBeenCalledWith({ args: [AFTER_GPU_CRASH_FLAG, '--disable-gpu'] });
  });

  it('only logs other child processes that go away', async () => {
    const k = kiosk();
    await k.run();
    fake.app.emit('child-process-gone', {}, { type: 'Utility', reason: 'crashed', exitCode: 1, serviceName: 'audio' });
    expect(fake.app.relaunch).not.toHaveBeenCalled();
    expect(fake.app.exit).not.toHaveBeenCalled();
    expect(k.logLines.join('\n')).toContain('Utility process gone (crashed');
  });

  it('reloads a window whose screen has shown no live data for the configured minutes (injected clock)', async () => {
    const k = kiosk({ kioskConfig: { ...TWO_SCREENS, staleReloadMinutes: 5 } });
    const running = await k.run();
    const [entrance, playlist] = FakeBrowserWindow.instances;
    // The watchdog runs on a timer: a fifth of the stale time, at most a minute.
    expect(k.intervals.map((i) => i.ms)).toEqual([60_000]);

    entrance!.webContents.pageState = { live: 'live', lastMessageAt: null };
    playlist!.webContents.pageState = { live: 'reconnecting', lastMessageAt: Date.parse('2030-01-02T07:59:00Z') };
    k.advance(4 * 60_000);
    expect(await running!.checkStaleWindows()).toEqual([]);
    k.advance(60_000);
    expect(await running!.checkStaleWindows()).toEqual([`${ORIGIN}/screen/playlist?name=floor`]);
    expect(playlist!.webContents.loadURL).toHaveBeenCalledTimes(2);
    expect(entrance!.webContents.loadURL).toHaveBeenCalledTimes(1);
    expect(k.logLines.join('\n')).toMatch(/no live data for 5 min \(the screen is reconnecting\); reloading .*playlist/);

    // The reloaded page gets the full grace period again.
    k.advance(4 * 60_000);
    expect(await running!.checkStaleWindows()).toEqual([]);
  });

  it('does not watch when staleReloadMinutes is 0', async () => {
    const k = kiosk({ kioskConfig: { staleReloadMinutes: 0 } });
    const running = await k.run();
    expect(k.intervals).toEqual([]);
    expect(running!.watchdog).toBeUndefined();
  });

  it('exits with code 1 when no gateway can be brought up, so the service manager starts it again', async () => {
    const k = kiosk({ gatewayFails: true });
    expect(await k.run()).toBeUndefined();
    expect(fake.app.exit).toHaveBeenCalledWith(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(fake.powerSaveBlocker.start).not.toHaveBeenCalled();
    expect(k.logLines.join('\n')).toContain('cannot start without a gateway: The Floorgate gateway exited (code 1)');
  });
});

describe('runKiosk: quitting', () => {
  it('holds the quit until windows are closed, the display released and the gateway stopped', async () => {
    const k = kiosk({ kioskConfig: TWO_SCREENS });
    const running = await k.run();
    const event = { preventDefault: vi.fn() };
    fake.app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalledTimes(1));
    expect(k.supervisor.stop).toHaveBeenCalledTimes(1);
    expect(fake.powerSaveBlocker.isStarted(running!.powerSaveBlockerId)).toBe(false);
    expect(FakeBrowserWindow.instances.every((w) => w.isDestroyed())).toBe(true);
    // The quit it asked for goes through.
    const second = { preventDefault: vi.fn() };
    fake.app.emit('will-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
  });
});

describe('runKiosk: secrets', () => {
  it('--import-secrets stores the API key and staff PIN encrypted (0600), and never logs them', async () => {
    const k = kiosk({
      argv: ['/opt/Floorgate/floorgate-kiosk', IMPORT_SECRETS_FLAG],
      env: { FLOORGATE_API_KEY: API_KEY, FLOORGATE_STAFF_PIN: STAFF_PIN },
    });
    expect(await k.run()).toBeUndefined();
    expect(fake.app.exit).toHaveBeenCalledWith(0);
    expect(k.supervisor.start).not.toHaveBeenCalled();
    const file = path.join(dataDir, 'kiosk-secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(fake.safeStorage.encryptString).toHaveBeenCalledWith(API_KEY);
    expect(k.logLines.join('\n')).toContain('stored the apiKey and staffPin encrypted');
    expect(k.everythingWritten()).not.toContain(API_KEY);
    expect(k.everythingWritten()).not.toContain(STAFF_PIN);
  });

  it('hands the stored secrets to the gateway it starts through its environment, and never logs them', async () => {
    await kiosk({ argv: ['k', IMPORT_SECRETS_FLAG], env: { FLOORGATE_API_KEY: API_KEY, FLOORGATE_STAFF_PIN: STAFF_PIN } }).run();
    resetFakeElectron();
    const k = kiosk({ kioskConfig: TWO_SCREENS });
    await k.run();
    expect(k.supervisor.env).toMatchObject({ FLOORGATE_API_KEY: API_KEY, FLOORGATE_STAFF_PIN: STAFF_PIN, FLOORGATE_DATA_DIR: dataDir });
    expect(k.logLines.join('\n')).toContain('the gateway it starts gets the stored apiKey and staffPin');
    expect(k.everythingWritten()).not.toContain(API_KEY);
    expect(k.everythingWritten()).not.toContain(STAFF_PIN);
  });

  it('lets the environment win over a stored secret', async () => {
    await kiosk({ argv: ['k', IMPORT_SECRETS_FLAG], env: { FLOORGATE_API_KEY: API_KEY } }).run();
    resetFakeElectron();
    const k = kiosk({ env: { FLOORGATE_API_KEY_FILE: '/etc/floorgate/api-key' } });
    await k.run();
    expect(k.supervisor.env?.FLOORGATE_API_KEY).toBeUndefined();
    expect(k.supervisor.env?.FLOORGATE_API_KEY_FILE).toBe('/etc/floorgate/api-key');
    expect(k.logLines.join('\n')).toContain('the environment sets the apiKey; the stored one is not used');
  });

  it('refuses to "encrypt" with Linux basic_text (no keyring) and says what to do instead', async () => {
    fake.safeStorage.backend = 'basic_text';
    const k = kiosk({ argv: ['k', IMPORT_SECRETS_FLAG], env: { FLOORGATE_API_KEY: API_KEY } });
    await k.run();
    if (process.platform === 'linux') {
      expect(fake.app.exit).toHaveBeenCalledWith(1);
      expect(k.logLines.join('\n')).toMatch(/no OS keyring .*basic_text.*FLOORGATE_API_KEY_FILE/);
    } else {
      expect(fake.app.exit).toHaveBeenCalledWith(0);
    }
    expect(k.everythingWritten()).not.toContain(API_KEY);
  });
});

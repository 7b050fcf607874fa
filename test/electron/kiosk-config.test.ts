import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from '../../gateway/config/load.js';
import { fetchKioskConfig } from '../../electron/kiosk-config.js';
import { gatewayLaunch, unpackedPath } from '../../electron/gateway-launch.js';
import { orderDisplays } from '../../electron/displays.js';
import { screenUrl } from '../../electron/screen-url.js';

const ORIGIN = 'http://127.0.0.1:8080';
const ENTRANCE_ONLY = { displays: [{ screen: 'entrance', params: {}, display: 0 }], staleReloadMinutes: 5 };

describe('kiosk config section', () => {
  it('defaults to the entrance on the primary display, reloading after 5 stale minutes', () => {
    expect(loadConfig({ env: {}, cwd: '/nonexistent' }).kiosk).toEqual(ENTRANCE_ONLY);
  });

  it('names the field of a bad entry', () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ displays: [{ screen: 'Entrance!' }] }, /kiosk\.displays\.0\.screen: must be a screen name/],
      [{ displays: [{ screen: 'entrance', display: -1 }] }, /kiosk\.displays\.0\.display/],
      [{ displays: [] }, /kiosk\.displays: must list at least one display/],
      [{ displays: [{ screen: 'entrance' }, { screen: 'occupancy' }] }, /kiosk\.displays\.1\.display: display 0 already shows displays\.0 \(entrance\)/],
      [{ displays: [{ screen: 'playlist', params: { name: { nested: true } } }] }, /kiosk\.displays\.0\.params\.name: must be a string, number or boolean/],
    ];
    for (const [kiosk, message] of cases) {
      expect(() => loadFromObject({ kiosk }), JSON.stringify(kiosk)).toThrow(message);
    }
  });
});

/** loadConfig from an in-memory object, through a temp file like an operator's config. */
function loadFromObject(object: unknown) {
  const dir = mkdtempSync(path.join(tmpdir(), 'floorgate-kiosk-config-'));
  try {
    writeFileSync(path.join(dir, 'floorgate.config.json'), JSON.stringify(object));
    return loadConfig({ env: {}, cwd: dir });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('fetchKioskConfig', () => {
  it('uses what the gateway serves', async () => {
    const fetchJson = vi.fn(async () => ({ status: 200, body: { displays: [{ screen: 'playlist', params: { name: 'floor' }, display: 1 }], staleReloadMinutes: 2 } }));
    const config = await fetchKioskConfig(ORIGIN, { fetchJson });
    expect(fetchJson).toHaveBeenCalledWith(`${ORIGIN}/api/kiosk-config`);
    expect(config).toEqual({ displays: [{ screen: 'playlist', params: { name: 'floor' }, display: 1 }], staleReloadMinutes: 2 });
  });

  it.each([
    ['an older gateway without the route', async () => ({ status: 404, body: { error: 'not found' } }), /answered HTTP 404/],
    ['an unusable answer', async () => ({ status: 200, body: { displays: 'all' } }), /unusable kiosk config \(kiosk\.displays: /],
    ['no answer', async () => Promise.reject(new Error('fetch failed')), /cannot read .*fetch failed/],
  ])('falls back to the entrance screen on %s, and says why', async (_name, fetchJson, message) => {
    const log = vi.fn();
    expect(await fetchKioskConfig(ORIGIN, { fetchJson, log })).toEqual(ENTRANCE_ONLY);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(message));
  });
});

describe('screenUrl', () => {
  it('builds /screen/<name> with the parameters in config order', () => {
    expect(screenUrl(ORIGIN, { screen: 'entrance', params: {} })).toBe(`${ORIGIN}/screen/entrance`);
    expect(screenUrl(ORIGIN, { screen: 'leaderboard', params: { challenge: 'row 100k', theme: 'dark', rotate: true } })).toBe(
      `${ORIGIN}/screen/leaderboard?challenge=row+100k&theme=dark&rotate=true`,
    );
  });
});

describe('orderDisplays', () => {
  const d = (id: number, x: number, y = 0) => ({ id, bounds: { x, y, width: 100, height: 100 } });
  it('puts the primary first, then the others left to right, top to bottom', () => {
    expect(orderDisplays([d(1, 200), d(2, -100), d(3, 0), d(4, 200, -100)], 3).map((x) => x.id)).toEqual([3, 2, 4, 1]);
  });
});

describe('gatewayLaunch', () => {
  const asar = '/opt/Floorgate/resources/app.asar';
  it('runs node from the clone when not packaged', () => {
    expect(gatewayLaunch({ isPackaged: false, execPath: '/x/electron', appRoot: '/src/floorgate', env: { A: '1' } })).toEqual({
      appRoot: '/src/floorgate',
      command: undefined,
      env: { A: '1' },
    });
  });

  it("runs Electron's own Node from app.asar.unpacked when packaged (native modules built for its ABI)", () => {
    const launch = gatewayLaunch({ isPackaged: true, execPath: '/opt/Floorgate/floorgate-kiosk', appRoot: asar, env: { PORT: '8080' } });
    expect(launch).toEqual({
      appRoot: '/opt/Floorgate/resources/app.asar.unpacked',
      command: '/opt/Floorgate/floorgate-kiosk',
      env: { PORT: '8080', ELECTRON_RUN_AS_NODE: '1' },
    });
  });

  it('lets FLOORGATE_NODE pick a system node in a package too', () => {
    const launch = gatewayLaunch({ isPackaged: true, execPath: '/opt/Floorgate/floorgate-kiosk', appRoot: asar, env: { FLOORGATE_NODE: '/usr/bin/node' } });
    expect(launch.command).toBe('/usr/bin/node');
    expect(launch.env.ELECTRON_RUN_AS_NODE).toBeUndefined();
    expect(unpackedPath('/src/floorgate')).toBe('/src/floorgate');
  });
});

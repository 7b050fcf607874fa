/**
 * The kiosk's main process (Electron mocked: the binary cannot run here) against the real gateway:
 * `node bin/floorgate.mjs start` spawned by the kiosk's own supervisor, its kiosk config read from
 * the gateway's config file through /api/kiosk-config. And the stale-data watchdog's probe run in
 * real Chromium against a real screen, so the attribute it reads is the one the renderer writes.
 * Loopback only.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SAMPLE_SCRIPT } from '../../electron/stale-watchdog.js';
import { freePort, startChildGateway, killChild, writeConfig } from '../support/child-gateway.js';
import { fake, FakeBrowserWindow, resetFakeElectron } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);

const { runKiosk } = await import('../../electron/kiosk-app.js');

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function answersHealthz(origin: string): Promise<boolean> {
  try {
    return (await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(1000) })).status === 200;
  } catch {
    return false;
  }
}

let dir: string;
const cleanup: Array<() => Promise<unknown> | unknown> = [];
beforeEach(() => {
  resetFakeElectron();
  dir = mkdtempSync(path.join(tmpdir(), 'floorgate-kiosk-real-'));
});
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  rmSync(dir, { recursive: true, force: true });
});

describe('the kiosk with the real gateway', () => {
  it('starts the gateway, opens the configured screens on their displays, and stops the gateway when it quits', async () => {
    const port = await freePort();
    const configFile = path.join(dir, 'floorgate.config.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        kiosk: {
          displays: [
            { screen: 'entrance', display: 0 },
            { screen: 'playlist', params: { name: 'floor' }, display: 1 },
          ],
          staleReloadMinutes: 3,
        },
      }),
    );
    const logLines: string[] = [];
    const running = await runKiosk({
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        FLOORGATE_DATA_DIR: path.join(dir, 'data'),
        FLOORGATE_CONFIG: configFile,
        FLOORGATE_SIMULATOR: 'off',
      },
      argv: ['floorgate-kiosk'],
      appRoot: REPO_ROOT,
      log: (line) => void logLines.push(line),
      setInterval: () => undefined,
      clearInterval: () => {},
    });
    expect(running, logLines.join('\n')).toBeDefined();
    cleanup.push(() => running!.shutdown());
    const origin = `http://127.0.0.1:${port}`;

    expect(running!.gateway).toMatchObject({ mode: 'started', origin });
    expect(await answersHealthz(origin)).toBe(true);
    expect(running!.config.staleReloadMinutes).toBe(3);
    expect(FakeBrowserWindow.instances.map((w) => [w.url, w.bounds.x])).toEqual([
      [`${origin}/screen/entrance`, 0],
      [`${origin}/screen/playlist?name=floor`, 1920],
    ]);
    expect(readFileSync(path.join(dir, 'data', 'gateway.log'), 'utf8')).toContain(`Floorgate`);

    // Quitting: held until the gateway it started is gone.
    const quit = { preventDefault: vi.fn() };
    fake.app.emit('will-quit', quit);
    expect(quit.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled(), { timeout: 15_000 });
    expect(await answersHealthz(origin)).toBe(false);
  });
});

describe('the watchdog probe in real Chromium', () => {
  let browser: Browser | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  it('reads live, then reconnecting with the time of the last data, from a real screen', async () => {
    expect(
      readFileSync(path.join(REPO_ROOT, 'dist/renderer/index.html'), 'utf8'),
      'the screens must be built first: npm run build:renderer (npm test does it)',
    ).toContain('<div id="root">');
    const port = await freePort();
    const configFile = writeConfig(dir, {});
    const gateway = await startChildGateway({ port, dataDir: dir, configFile, env: { FLOORGATE_SIMULATOR: 'off' } });
    cleanup.push(() => killChild(gateway));

    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    const page = await browser.newPage();
    await page.goto(`${gateway.url}/screen/occupancy`);
    const sample = () => page.evaluate(SAMPLE_SCRIPT) as Promise<{ live: string; lastMessageAt: number | null } | null>;

    await expect.poll(sample, { timeout: 15_000 }).toMatchObject({ live: 'live', lastMessageAt: expect.any(Number) });
    const { lastMessageAt } = (await sample())!;
    expect(Math.abs(lastMessageAt! - Date.now())).toBeLessThan(60_000);

    await killChild(gateway);
    await expect.poll(sample, { timeout: 15_000 }).toEqual({ live: 'reconnecting', lastMessageAt });

    await page.goto('about:blank');
    expect(await sample()).toBeNull();
  });
});

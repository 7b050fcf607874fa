/**
 * Render cost: the equipment board with 60 tiles updating at 4 Hz in Debian's Chromium (1920×1080), against a real
 * gateway child process whose simulator streams 20 rowers, 20 bikes and 20 heart-rate straps at 4 Hz. Measures the
 * page's main-thread busy share over 30 s from the Chrome DevTools Protocol's performance metrics (TaskDuration:
 * time the renderer's main thread spent in tasks, over wall time), first unthrottled (target ≤ 20 %), then with the
 * CPU throttled 4× through the DevTools Protocol (Emulation.setCPUThrottlingRate: a Raspberry Pi-class core; target
 * ≤ 25 %). BENCH_RENDER_SECONDS sets the measured time of each run (default 30).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, killChild, startChildGateway, writeConfig } from '../test/support/child-gateway.js';
import { ensureScreensBuilt, launchChromium } from './chromium.js';
import { measureRender, renderFigures, type RenderMetrics } from './render-measure.js';
import { report } from './report.js';

const SECONDS = Number(process.env.BENCH_RENDER_SECONDS ?? 30);
ensureScreensBuilt();

const dataDir = mkdtempSync(path.join(tmpdir(), 'floorgate-bench-render-'));
const configFile = writeConfig(dataDir, {
  simulator: { enabled: true, rowers: 20, bikes: 20, heartRateStraps: 20, readingHz: 4, tapsPerMinute: 0 },
});
const port = await freePort();
const gateway = await startChildGateway({ port, dataDir, configFile });
const browser = await launchChromium();
const board = { seconds: SECONDS, tile: '[data-testid="equipment-tile"]', grid: '.equipment__grid' };

let plain: RenderMetrics;
let throttled: RenderMetrics;
try {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(`${gateway.url}/screen/equipment`);
  await page.locator('.screen[data-live="live"]').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="equipment-tile"]').length === 60);
  plain = await measureRender(page, { ...board, throttle: 1 });
  throttled = await measureRender(page, { ...board, throttle: 4 });
} finally {
  await browser.close();
  await killChild(gateway, 'SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}

report(`render cost: equipment board, 60 tiles at 4 Hz, Chromium 1920×1080 (${Math.round(plain.wall)} s per run)`, renderFigures(plain, throttled));

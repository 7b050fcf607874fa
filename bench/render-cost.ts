/**
 * Render cost: the equipment board with 60 tiles updating at 4 Hz in Debian's Chromium (1920×1080), against a real
 * gateway child process whose simulator streams 20 rowers, 20 bikes and 20 heart-rate straps at 4 Hz. Measures the
 * page's main-thread busy share over 30 s from the Chrome DevTools Protocol's performance metrics (TaskDuration:
 * time the renderer's main thread spent in tasks, over wall time), first unthrottled (target ≤ 20 %), then with the
 * CPU throttled 4× through the DevTools Protocol (Emulation.setCPUThrottlingRate: a Raspberry Pi-class core; target
 * ≤ 25 %). BENCH_RENDER_SECONDS sets the measured time of each run (default 30).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { freePort, killChild, startChildGateway, writeConfig } from '../test/support/child-gateway.js';
import { report, type Figure } from './report.js';

const SECONDS = Number(process.env.BENCH_RENDER_SECONDS ?? 30);
const WARMUP_S = 3;
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

if (!existsSync(path.join(repoRoot, 'dist/renderer/index.html'))) {
  execFileSync('npm', ['run', 'build:renderer'], { cwd: repoRoot, stdio: 'inherit' });
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'floorgate-bench-render-'));
const configFile = writeConfig(dataDir, {
  simulator: { enabled: true, rowers: 20, bikes: 20, heartRateStraps: 20, readingHz: 4, tapsPerMinute: 0 },
});
const port = await freePort();
const gateway = await startChildGateway({ port, dataDir, configFile });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});

type Metrics = Record<string, number>;

/** Main-thread shares over one window at a CPU throttling rate (1 = none), and how often tiles changed on screen. */
async function measure(page: Page, throttle: number): Promise<Metrics> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  const sample = async (): Promise<Metrics> =>
    Object.fromEntries(((await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> }).metrics.map((m) => [m.name, m.value]));

  await page.waitForTimeout(WARMUP_S * 1000);
  const before = await sample();
  await page.waitForTimeout(SECONDS * 1000); // the measurement window itself: wall time is what is measured
  const after = await sample();
  const wall = after.Timestamp! - before.Timestamp!;
  const share = (name: string) => ((after[name]! - before[name]!) / wall) * 100;

  // How often tiles actually changed on screen (a separate short window: the observer costs a little itself).
  const updatesPerSecond = await page.evaluate(async () => {
    let changes = 0;
    const tiles = new Set<Element>();
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        const tile = (r.target instanceof Element ? r.target : r.target.parentElement)?.closest('[data-testid="equipment-tile"]');
        if (tile && !tiles.has(tile)) tiles.add(tile);
      }
      changes += tiles.size;
      tiles.clear();
    });
    observer.observe(document.querySelector('.equipment__grid')!, { subtree: true, characterData: true, childList: true, attributes: true });
    await new Promise((resolve) => setTimeout(resolve, 5000));
    observer.disconnect();
    return changes / 5;
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await cdp.detach();
  return {
    wall,
    busy: share('TaskDuration'),
    script: share('ScriptDuration'),
    layout: share('LayoutDuration'),
    style: share('RecalcStyleDuration'),
    updatesPerSecond,
    heapMb: after.JSHeapUsedSize! / 1024 / 1024,
  };
}

let plain: Metrics = {};
let throttled: Metrics = {};
try {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(`${gateway.url}/screen/equipment`);
  await page.locator('.screen[data-live="live"]').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="equipment-tile"]').length === 60);
  plain = await measure(page, 1);
  throttled = await measure(page, 4);
} finally {
  await browser.close();
  await killChild(gateway, 'SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}

const figures = (m: Metrics): Figure[] => [
  ['  script', m.script!, '%'],
  ['  style recalculation', m.style!, '%'],
  ['  layout', m.layout!, '%'],
  ['  tile updates on screen', m.updatesPerSecond!, '/s'],
  ['  JS heap used', m.heapMb!, 'MB'],
];
report(`render cost: equipment board, 60 tiles at 4 Hz, Chromium 1920×1080 (${Math.round(plain.wall!)} s per run)`, [
  ['main-thread busy', plain.busy!, '%', { target: 20, better: 'lower' }],
  ...figures(plain),
  ['CPU 4× throttled busy', throttled.busy!, '%', { target: 25, better: 'lower' }],
  ...figures(throttled),
]);

/**
 * Where the entrance's keystroke → painted time goes (a diagnostic beside bench/entrance-latency.ts, same set-up):
 * per scan, in the page, the Enter keydown, the "Checking…" panel committed, the check-in request's start and
 * response end (Resource Timing), the result panel committed (MutationObserver), the next animation frame, and the
 * moment after its paint. Prints the medians and p95 of each step.
 * ENTRANCE_TRACE=file.json also records a Chromium performance trace (CDP Tracing) of the unthrottled scans;
 * ENTRANCE_CPU_PROF=dir writes a CPU profile of the gateway child into dir (bench/cpu-prof-preload.mjs).
 * ENTRANCE_REDUCED_MOTION=1 emulates prefers-reduced-motion (no idle animation).
 * BENCH_ENTRANCE_SAMPLES sets the scans (default 20); BENCH_ENTRANCE_THROTTLE the CPU throttling rate (default 1).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { freePort, killChild, startChildGateway, writeConfig } from '../test/support/child-gateway.js';
import { ensureScreensBuilt, launchChromium } from './chromium.js';
import { percentile } from './report.js';

const SAMPLES = Number(process.env.BENCH_ENTRANCE_SAMPLES ?? 20);
const THROTTLE = Number(process.env.BENCH_ENTRANCE_THROTTLE ?? 1);
const BADGES = ['1001', '1002', '1003', '1004', '999999'];
const RESULT = '[data-testid="entrance-welcome"], [data-testid="entrance-denied"]';

ensureScreensBuilt();

/** ms after the Enter keydown */
interface Steps {
  pendingCommitted: number;
  requestStart: number;
  responseEnd: number;
  resultCommitted: number;
  frame: number;
  painted: number;
}

async function arm(page: Page): Promise<void> {
  await page.evaluate((selector) => {
    const w = window as unknown as { steps?: Promise<Record<string, number>>; enterAt: number | null; armed?: boolean };
    w.enterAt = null;
    performance.clearResourceTimings();
    if (!w.armed) window.addEventListener('keydown', (event) => event.key === 'Enter' && (w.enterAt = event.timeStamp), { capture: true });
    w.armed = true;
    w.steps = new Promise((resolve) => {
      let pendingAt = Number.NaN;
      const observer = new MutationObserver(() => {
        if (w.enterAt === null) return;
        if (Number.isNaN(pendingAt) && document.querySelector('[data-testid="entrance-pending"]')) pendingAt = performance.now();
        if (!document.querySelector(selector)) return;
        const committed = performance.now();
        observer.disconnect();
        const start = w.enterAt;
        requestAnimationFrame(() => {
          const frame = performance.now();
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            const painted = performance.now();
            const request = performance
              .getEntriesByType('resource')
              .find((e) => e.name.includes('/api/checkins') && e.startTime >= start) as PerformanceResourceTiming | undefined;
            resolve({
              pendingCommitted: pendingAt - start,
              requestStart: request ? request.startTime - start : Number.NaN,
              responseEnd: request ? request.responseEnd - start : Number.NaN,
              resultCommitted: committed - start,
              frame: frame - start,
              painted: painted - start,
            });
          };
          channel.port2.postMessage(null);
        });
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
  }, RESULT);
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'floorgate-bench-entrance-'));
const configFile = writeConfig(dataDir, {
  checkin: { antiPassbackMinutes: 0, entranceResetS: 1 },
  simulator: { enabled: true, rowers: 0, bikes: 0, heartRateStraps: 0, tapsPerMinute: 0 },
});
const port = await freePort();
const cpuProf = process.env.ENTRANCE_CPU_PROF;
const gateway = await startChildGateway({
  port,
  dataDir,
  configFile,
  ...(cpuProf ? { env: { NODE_OPTIONS: `--import=${fileURLToPath(new URL('./cpu-prof-preload.mjs', import.meta.url))}`, CPU_PROF_DIR: cpuProf } } : {}),
});
const browser = await launchChromium();

const all: Steps[] = [];
try {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  // ENTRANCE_REDUCED_MOTION=1: the idle prompt's animation off, to see what its frames cost a scan.
  if (process.env.ENTRANCE_REDUCED_MOTION) await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(`${gateway.url}/screen/entrance`);
  await page.locator('.screen[data-keyboard="ready"][data-live="live"]').waitFor();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  const traceFile = process.env.ENTRANCE_TRACE;
  for (let i = 0; i < SAMPLES + 3; i++) {
    await page.locator('[data-testid="entrance-idle"]').waitFor();
    if (i === 3 && traceFile) await browser.startTracing(page, { path: traceFile, screenshots: false });
    await arm(page);
    await page.keyboard.type(BADGES[i % BADGES.length]!);
    await page.keyboard.press('Enter');
    const steps = await page.evaluate(() => (window as unknown as { steps: Promise<Steps> }).steps);
    if (i >= 3) all.push(steps);
  }
  if (traceFile) writeFileSync(traceFile, await browser.stopTracing());
} finally {
  await browser.close();
  await killChild(gateway, 'SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}

const keys: Array<keyof Steps> = ['pendingCommitted', 'requestStart', 'responseEnd', 'resultCommitted', 'frame', 'painted'];
console.log(`entrance breakdown, ${all.length} scans, CPU throttle ${THROTTLE}× (ms after the Enter keydown)`);
for (const key of keys) {
  const sorted = all.map((s) => s[key]).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  console.log(`  ${key.padEnd(18)} p50 ${percentile(sorted, 0.5).toFixed(1).padStart(6)}  p95 ${percentile(sorted, 0.95).toFixed(1).padStart(6)}  (n=${sorted.length})`);
}
const gaps = (a: keyof Steps, b: keyof Steps) => all.map((s) => s[b] - s[a]).filter((v) => !Number.isNaN(v)).sort((x, y) => x - y);
for (const [a, b] of [['responseEnd', 'resultCommitted'], ['resultCommitted', 'frame'], ['frame', 'painted']] as Array<[keyof Steps, keyof Steps]>) {
  const sorted = gaps(a, b);
  console.log(`  ${`${a} → ${b}`.padEnd(34)} p50 ${percentile(sorted, 0.5).toFixed(1).padStart(6)}  p95 ${percentile(sorted, 0.95).toFixed(1).padStart(6)}`);
}
if (process.env.BENCH_VERBOSE) console.table(all);

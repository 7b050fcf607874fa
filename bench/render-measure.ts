/**
 * What the render-cost benches share: one measurement of a page's main-thread busy share (Chrome DevTools Protocol
 * performance metrics: TaskDuration over wall time) at a CPU throttling rate, with how often its tiles changed.
 */
import type { Page } from '@playwright/test';
import type { Figure } from './report.js';

const WARMUP_S = 3;

export type RenderMetrics = Record<'wall' | 'busy' | 'script' | 'layout' | 'style' | 'tileUpdatesPerSecond' | 'heapMb', number>;

/**
 * Main-thread shares over `seconds` at a CPU throttling rate (1 = none; 4 = a Raspberry Pi-class core), after a
 * warm-up, then (in a separate 5 s window: the observer costs a little itself) how many tiles changed per second.
 */
export async function measureRender(page: Page, options: { throttle: number; seconds: number; tile: string; grid: string }): Promise<RenderMetrics> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: options.throttle });
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  const sample = async (): Promise<Record<string, number>> =>
    Object.fromEntries(((await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> }).metrics.map((m) => [m.name, m.value]));

  await page.waitForTimeout(WARMUP_S * 1000);
  const before = await sample();
  await page.waitForTimeout(options.seconds * 1000); // the measurement window itself: wall time is what is measured
  const after = await sample();
  const wall = after.Timestamp! - before.Timestamp!;
  const share = (name: string) => ((after[name]! - before[name]!) / wall) * 100;

  const tileUpdatesPerSecond = await page.evaluate(async ({ tile, grid }) => {
    const changed = new Set<Element>();
    let changes = 0;
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        const found = (r.target instanceof Element ? r.target : r.target.parentElement)?.closest(tile);
        if (found) changed.add(found);
      }
      changes += changed.size;
      changed.clear();
    });
    observer.observe(document.querySelector(grid)!, { subtree: true, characterData: true, childList: true, attributes: true });
    await new Promise((resolve) => setTimeout(resolve, 5000));
    observer.disconnect();
    return changes / 5;
  }, options);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await cdp.detach();
  return {
    wall,
    busy: share('TaskDuration'),
    script: share('ScriptDuration'),
    layout: share('LayoutDuration'),
    style: share('RecalcStyleDuration'),
    tileUpdatesPerSecond,
    heapMb: after.JSHeapUsedSize! / 1024 / 1024,
  };
}

/** Busy share against its target (≤ 20 % unthrottled, ≤ 25 % at 4×), then its parts. */
export function renderFigures(plain: RenderMetrics, throttled: RenderMetrics): Figure[] {
  const parts = (m: RenderMetrics): Figure[] => [
    ['  script', m.script, '%'],
    ['  style recalculation', m.style, '%'],
    ['  layout', m.layout, '%'],
    ['  tile updates on screen', m.tileUpdatesPerSecond, '/s'],
    ['  JS heap used', m.heapMb, 'MB'],
  ];
  return [
    ['main-thread busy', plain.busy, '%', { target: 20, better: 'lower' }],
    ...parts(plain),
    ['CPU 4× throttled busy', throttled.busy, '%', { target: 25, better: 'lower' }],
    ...parts(throttled),
  ];
}

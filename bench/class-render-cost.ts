/**
 * Render cost of class mode: `/screen/class` with 30 members' tiles in Debian's Chromium (1920×1080), against a real
 * gateway (in this process) running a class from an ICS schedule, 30 members checked in with paired straps sending a
 * heart rate every second (what Bluetooth straps do) across all five zones. Measures the page's main-thread busy share
 * from the Chrome DevTools Protocol (TaskDuration over wall time) unthrottled and with the CPU throttled 4×
 * (Emulation.setCPUThrottlingRate: a Raspberry Pi-class core; target ≤ 25 %), as bench/render-cost.ts does for the
 * equipment board (60 tiles at 4 Hz), whose figures print beside these in `npm run bench`.
 * BENCH_RENDER_SECONDS sets the measured time of each run (default 30).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { memberSchema } from '../gateway/members/member-schema.js';
import { HandAdapter } from '../test/support/floor-gateway.js';
import { postCheckIn, testGateway } from '../test/support/gateway.js';
import { report, type Figure } from './report.js';

const SECONDS = Number(process.env.BENCH_RENDER_SECONDS ?? 30);
const WARMUP_S = 3;
const MEMBERS = 30;
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

if (!existsSync(path.join(repoRoot, 'dist/renderer/index.html'))) {
  execFileSync('npm', ['run', 'build:renderer'], { cwd: repoRoot, stdio: 'inherit' });
}

// A class that runs now and for the next hour, in the schedule's own format.
const dir = mkdtempSync(path.join(tmpdir(), 'floorgate-bench-class-'));
const ics = path.join(dir, 'classes.ics');
const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
writeFileSync(
  ics,
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Floorgate//bench//EN', 'BEGIN:VEVENT', 'UID:bench-class@floorgate.test',
    `DTSTART:${stamp(Date.now() - 5 * 60_000)}`, `DTEND:${stamp(Date.now() + 60 * 60_000)}`, 'SUMMARY:Bench Spin', 'DESCRIPTION:Coach: Maja', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n'),
);
const members = Array.from({ length: MEMBERS }, (_, i) => ({
  id: `m-bench-${i + 1}`,
  name: `Member${i + 1} Benchson`,
  badgeIds: [`88${String(i + 1).padStart(2, '0')}`],
  membership: { status: 'active', plan: 'Unlimited', validUntil: null },
  waiverSigned: true,
  privacy: { leaderboard: 'name' },
}));
const hand = new HandAdapter();
const gateway = await testGateway({}, {
  dataDir: dir,
  adapters: [hand],
  configure: (config) => {
    config.screens.schedule.ics = ics;
    config.sessions.straps = members.map((m, i) => ({ strapId: `hr-${i + 1}`, badge: m.badgeIds[0]! }));
  },
});
gateway.store.roster.upsert(members.map((m) => memberSchema.parse(m)), new Date());
for (const m of members) await postCheckIn(gateway.url, m.badgeIds[0]!);
// Every strap once a second; each member drifts through the zones (100–185 bpm) so tiles change colour too.
let beat = 0;
const straps = setInterval(() => {
  beat++;
  members.forEach((_, i) => {
    const bpm = Math.round(142 + 42 * Math.sin((beat + i * 7) / 20) + (beat % 3));
    hand.sink.reading({ equipmentId: `hr-${i + 1}`, name: `HR ${i + 1}`, kind: 'hr_strap', at: new Date(), metrics: { heartRateBpm: bpm } });
  });
}, 1000);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});

type Metrics = Record<string, number>;

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
  const tileUpdatesPerSecond = await page.evaluate(async () => {
    const changed = new Set<Element>();
    let changes = 0;
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        const tile = (r.target instanceof Element ? r.target : r.target.parentElement)?.closest('[data-testid="class-tile"]');
        if (tile) changed.add(tile);
      }
      changes += changed.size;
      changed.clear();
    });
    observer.observe(document.querySelector('.classmode__grid')!, { subtree: true, characterData: true, childList: true, attributes: true });
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
    tileUpdatesPerSecond,
    heapMb: after.JSHeapUsedSize! / 1024 / 1024,
  };
}

let plain: Metrics = {};
let throttled: Metrics = {};
try {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(`${gateway.url}/screen/class`);
  await page.locator('.screen[data-live="live"]').waitFor();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="class-tile"]').length === n, MEMBERS);
  plain = await measure(page, 1);
  throttled = await measure(page, 4);
} finally {
  clearInterval(straps);
  await browser.close();
  await gateway.close();
  rmSync(dir, { recursive: true, force: true });
}

const figures = (m: Metrics): Figure[] => [
  ['  script', m.script!, '%'],
  ['  style recalculation', m.style!, '%'],
  ['  layout', m.layout!, '%'],
  ['  tile updates on screen', m.tileUpdatesPerSecond!, '/s'],
  ['  JS heap used', m.heapMb!, 'MB'],
];
report(`render cost: class mode, ${MEMBERS} member tiles, straps at 1 Hz, Chromium 1920×1080 (${Math.round(plain.wall!)} s per run)`, [
  ['main-thread busy', plain.busy!, '%', { target: 20, better: 'lower' }],
  ...figures(plain),
  ['CPU 4× throttled busy', throttled.busy!, '%', { target: 25, better: 'lower' }],
  ...figures(throttled),
]);

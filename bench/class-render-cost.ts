/**
 * Render cost of class mode: `/screen/class` with 30 members' tiles in Debian's Chromium (1920×1080), against a real
 * gateway (in this process) running a class from an ICS schedule, 30 members checked in with paired straps sending a
 * heart rate every second (what Bluetooth straps do) across all five zones. Measures the page's main-thread busy share
 * from the Chrome DevTools Protocol (TaskDuration over wall time) unthrottled and with the CPU throttled 4×
 * (Emulation.setCPUThrottlingRate: a Raspberry Pi-class core; target ≤ 25 %), as bench/render-cost.ts does for the
 * equipment board (60 tiles at 4 Hz), whose figures print beside these in `npm run bench`.
 * BENCH_RENDER_SECONDS sets the measured time of each run (default 30).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { memberSchema } from '../gateway/members/member-schema.js';
import { HandAdapter } from '../test/support/floor-gateway.js';
import { postCheckIn, testGateway } from '../test/support/gateway.js';
import { ensureScreensBuilt, launchChromium } from './chromium.js';
import { measureRender, renderFigures, type RenderMetrics } from './render-measure.js';
import { report } from './report.js';

const SECONDS = Number(process.env.BENCH_RENDER_SECONDS ?? 30);
const MEMBERS = 30;
ensureScreensBuilt();

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

const browser = await launchChromium();
const classTiles = { seconds: SECONDS, tile: '[data-testid="class-tile"]', grid: '.classmode__grid' };

let plain: RenderMetrics;
let throttled: RenderMetrics;
try {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(`${gateway.url}/screen/class`);
  await page.locator('.screen[data-live="live"]').waitFor();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="class-tile"]').length === n, MEMBERS);
  plain = await measureRender(page, { ...classTiles, throttle: 1 });
  throttled = await measureRender(page, { ...classTiles, throttle: 4 });
} finally {
  clearInterval(straps);
  await browser.close();
  await gateway.close();
  rmSync(dir, { recursive: true, force: true });
}

report(`render cost: class mode, ${MEMBERS} member tiles, straps at 1 Hz, Chromium 1920×1080 (${Math.round(plain.wall)} s per run)`, renderFigures(plain, throttled));

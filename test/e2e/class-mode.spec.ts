/**
 * Class mode in Chromium, on a gateway of this spec's own with an injected clock: the ICS schedule fixture switches
 * the class on at 09:00, members checked in with straps get zone-coloured tiles (30 on one screen, no text cut at
 * 1080p, 4K or portrait), and at the end the summary shows on the class screen and on the achievements screen.
 * Straps are the Bluetooth radio's edge: readings enter through an adapter, exactly where the BLE adapter hands them.
 */
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import type { Gateway } from '../../gateway/app.js';
import { memberSchema } from '../../gateway/members/member-schema.js';
import { manualClock } from '../../gateway/time/clock.js';
import { HandAdapter } from '../support/floor-gateway.js';
import { postCheckIn, testGateway } from '../support/gateway.js';
import { PANELS, saveScreen, textOverflows, whenSettled } from './helpers.js';

test.describe.configure({ mode: 'serial' });

const ICS = fileURLToPath(new URL('./fixtures/class-mode.ics', import.meta.url));
const FIRST = ['Klara', 'Viktor', 'Sofia', 'Emil', 'Saga', 'Anton', 'Ebba', 'Isak', 'Tilda', 'Gustav'];
const LAST = ['Nyström', 'Åberg', 'Wallin', 'Holmberg', 'Eklund', 'Sjöberg', 'Lundqvist', 'Blomqvist', 'Hedlund', 'Söderberg'];
/** 27 class members of the spec's own, plus Anna, Maja (alias "Rowfast") and Karin (hidden) from the demo roster. */
const extra = Array.from({ length: 27 }, (_, i) => ({
  id: `m-class-${i + 1}`,
  name: `${FIRST[i % FIRST.length]} ${LAST[(i + Math.floor(i / FIRST.length)) % LAST.length]}`,
  badgeIds: [`77${String(i + 1).padStart(2, '0')}`],
  membership: { status: 'active', plan: 'Unlimited', validUntil: null },
  waiverSigned: true,
  privacy: i === 26 ? { leaderboard: 'alias', alias: 'The Unstoppable Rowing Machine' } : { leaderboard: 'name' },
}));
const badges = ['1001', '1003', '1009', ...extra.map((m) => m.badgeIds[0]!)];
/** Heart rates by member: Anna 160 (zone 4 of 190), then a spread over the zones. */
const bpmOf = (i: number) => (i === 0 ? 160 : [100, 120, 140, 158, 175][i % 5]!);

const clock = manualClock('2026-03-02T08:50:00Z');
const hand = new HandAdapter();
let gateway: Gateway;

test.beforeAll(async () => {
  gateway = await testGateway({}, {
    clock,
    adapters: [hand],
    configure: (config) => {
      config.location.name = 'Floorgate Class Gym';
      config.screens.schedule.ics = ICS;
      config.sessions.straps = badges.map((badge, i) => ({ strapId: `hr-${i + 1}`, badge }));
    },
  });
  gateway.store.roster.upsert(extra.map((m) => memberSchema.parse(m)), clock.now());
  for (const badge of badges) expect((await postCheckIn(gateway.url, badge)).body.decision).toBe('accepted');
});
test.afterAll(async () => {
  await gateway?.close();
});

/** Every strap sends its member's heart rate every 5 s for `seconds` of the gateway's clock. */
function exercise(seconds: number) {
  for (let s = 0; s <= seconds; s += 5) {
    badges.forEach((_, i) =>
      hand.sink.reading({ equipmentId: `hr-${i + 1}`, name: `HR ${i + 1}`, kind: 'hr_strap', at: clock.now(), metrics: { heartRateBpm: bpmOf(i) } }),
    );
    if (s < seconds) clock.advance(5_000);
  }
}

test('the schedule switches class mode on; members with straps get zone tiles; the end gives a summary', async ({ page }) => {
  await page.goto(`${gateway.url}/screen/class`);
  await expect(page.locator('.screen[data-live="live"]')).toBeVisible();
  await expect(page.getByTestId('class-next')).toContainText('Next: Row Club');

  clock.set('2026-03-02T09:00:00Z'); // the fixture's Row Club starts
  await expect(page.getByTestId('class-title')).toHaveText('Row Club');
  await expect(page.getByTestId('class-time-left')).toHaveText('45 min left');

  exercise(600);
  const tiles = page.getByTestId('class-tile');
  await expect(tiles).toHaveCount(30);
  await expect(page.getByTestId('class-time-left')).toHaveText('35 min left');
  const anna = tiles.filter({ has: page.getByTestId('class-tile-name').getByText('Anna S.', { exact: true }) });
  await expect(anna).toHaveAttribute('data-zone', '4');
  await expect(anna.getByTestId('class-tile-points')).toHaveText('20 pts');
  await expect(anna.locator('.ctile__zone').nth(3)).toHaveText('10'); // ten minutes in zone 4
  await expect(tiles.filter({ hasText: 'Rowfast' })).toHaveCount(1);
  await expect(tiles.filter({ hasText: 'Karin' })).toHaveCount(0); // hidden: her tile says "Member"
  await expect(tiles.getByTestId('class-tile-name').getByText('Member', { exact: true })).toHaveCount(1);
  // The tile takes its zone's colour (zone 4: --z4).
  const z4 = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--z4').trim());
  expect(await anna.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
    await page.evaluate((hex) => {
      const probe = document.createElement('div');
      probe.style.color = hex;
      document.body.append(probe);
      const rgb = getComputedStyle(probe).color;
      probe.remove();
      return rgb;
    }, z4),
  );
  await whenSettled(page);
  await saveScreen(page, 'class');

  clock.set('2026-03-02T09:45:00Z'); // the class ends
  await expect(page.locator('.screen[data-class="none"]')).toBeVisible();
  const summary = page.getByTestId('class-summary');
  await expect(summary).toContainText('Row Club');
  await expect(summary).toContainText('from 30 members');
  await expect(page.getByTestId('class-summary-top')).toHaveText(/^Top effort: .+, \d+ points$/);
  await saveScreen(page, 'class-summary');

  await page.goto(`${gateway.url}/screen/achievements`);
  const card = page.locator('[data-testid="achievement"][data-kind="class_summary"]');
  await expect(card).toContainText('Row Club: top effort');
  await expect(card).toContainText(/class total \d+ points, 30 members/);
});

test('30 class tiles fit 1080p, 4K and portrait with no text cut', async ({ browser }) => {
  test.slow();
  clock.set('2026-03-03T09:05:00Z'); // the next day's Row Club
  for (const badge of badges) await postCheckIn(gateway.url, badge);
  const first = await browser.newPage();
  await first.goto(`${gateway.url}/screen/class`);
  await expect(first.getByTestId('class-title')).toHaveText('Row Club'); // running: readings count from here
  await first.close();
  exercise(120);
  for (const panel of PANELS) {
    const page = await browser.newPage({ viewport: { width: panel.width, height: panel.height } });
    try {
      await page.goto(`${gateway.url}/screen/class`);
      await expect(page.getByTestId('class-tile')).toHaveCount(30);
      await whenSettled(page);
      expect(await textOverflows(page), `class at ${panel.name}`).toEqual([]);
      await saveScreen(page, `class-${panel.name}`);
    } finally {
      await page.close();
    }
  }
});

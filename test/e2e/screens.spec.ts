import { expect, test, type Page } from '@playwright/test';
import { PANELS, saveScreen, textOverflows, whenSettled } from './helpers.js';
import { demoChallengeId, finishSession } from './sessions.js';

// One gateway for the whole run (playwright.config.ts): the sessions below fill the demo challenge's board.
test.describe.configure({ mode: 'serial' });

const rowers: Array<[memberId: string, metres: number]> = [
  ['m-maja', 18_400],
  ['m-anna', 15_250],
  ['m-erik', 5_800],
  ['m-crowd-1', 9_600],
  ['m-crowd-3', 7_200],
  ['m-crowd-5', 6_100],
  ['m-crowd-7', 4_800],
  ['m-crowd-2', 12_400],
  ['m-crowd-4', 10_100],
  ['m-crowd-6', 8_250],
  ['m-crowd-8', 5_500],
  ['m-crowd-10', 3_000],
];

test.beforeAll(async ({ request }) => {
  for (const [memberId, distanceM] of rowers) await finishSession(request, '', { memberId, distanceM });
  // Bike metres count half in the demo challenge.
  await finishSession(request, '', { memberId: 'm-crowd-9', distanceM: 14_000, kind: 'bike' });
  // A longer row than before: a personal record for the achievements screen.
  await finishSession(request, '', { memberId: 'm-erik', distanceM: 6_500 });
  await finishSession(request, '', { memberId: 'm-crowd-2', distanceM: 13_000, durationS: 2900 });
});

async function expectLive(page: Page) {
  await expect(page.locator('.screen[data-live="live"]')).toBeVisible();
  await expect(page.getByTestId('connection-banner')).toHaveCount(0);
}

/** A row's place on the board (other specs' members may be on the same board: compare places, not absolute ranks). */
async function rankOf(page: Page, name: string): Promise<number> {
  const row = page.getByTestId('leaderboard-row').filter({ has: page.getByTestId('leaderboard-name').getByText(name, { exact: true }) });
  await expect(row).toHaveCount(1);
  return Number(await row.getAttribute('data-rank'));
}

test('the leaderboard shows the running challenge: divisions, names, values, progress', async ({ page }) => {
  await page.goto('/screen/leaderboard');
  await expectLive(page);
  await expect(page.getByTestId('leaderboard-title')).toHaveText(/100K Row$/);
  const rx = page.locator('[data-testid="leaderboard-group"][data-division="Rx"]');
  const scaled = page.locator('[data-testid="leaderboard-group"][data-division="Scaled"]');
  // Maja rows under her alias; her 18.4 km put her above Anna's 15.3 km.
  await expect(rx.getByTestId('leaderboard-row').filter({ hasText: 'Rowfast' })).toContainText('18.4 km');
  expect(await rankOf(page, 'Rowfast')).toBeLessThan(await rankOf(page, 'Anna S.'));
  await expect(scaled.getByTestId('leaderboard-row').first()).toContainText('Hugo J.');
  // The bike's 14 km count as 7 km.
  await expect(page.getByTestId('leaderboard-row').filter({ hasText: 'Alice J.' })).toContainText('7.0 km');
  // The gap to the goal in words, and the prizes: what a member reads from the rower.
  await expect(page.getByTestId('leaderboard-row').filter({ hasText: 'Rowfast' }).getByTestId('leaderboard-gap')).toHaveText('81.6 km to go');
  await expect(page.getByTestId('leaderboard-prizes')).toHaveText('Prizes: 1st Free month · 2nd Floorgate T-shirt');
  // The rows shown share the column's height: the board fills the screen instead of leaving its bottom half empty
  // (groups side by side share one row height, so the longest group reaches the bottom).
  const list = (await page.locator('.board__rows').first().boundingBox())!;
  const rowBottoms = await page.getByTestId('leaderboard-row').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().bottom));
  expect(list.y + list.height - Math.max(...rowBottoms)).toBeLessThan(list.height * 0.1);
  await saveScreen(page, 'leaderboard');
});

test('a finished session moves the leaderboard without a reload', async ({ page, request }) => {
  const challengeId = await demoChallengeId(request);
  await page.goto(`/screen/leaderboard?challenge=${challengeId}&division=Rx`);
  await expectLive(page);
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  const lina = page.getByTestId('leaderboard-row').filter({ hasText: 'Lina E.' });
  await expect(lina).toHaveCount(0);

  await finishSession(request, '', { memberId: 'm-lina', distanceM: 21_000 });
  await expect(lina).toContainText('21.0 km');
  await expect(lina.getByTestId('leaderboard-climb')).toHaveCount(0); // new on the board: nothing to climb from
  expect(await rankOf(page, 'Lina E.')).toBeLessThan(await rankOf(page, 'Rowfast'));

  // Anna (15.3 km) rows 4 km more and passes Rowfast (18.4 km): her row moves up one place and says so.
  const [anna, rowfast] = [await rankOf(page, 'Anna S.'), await rankOf(page, 'Rowfast')];
  expect(anna).toBe(rowfast + 1);
  await finishSession(request, '', { memberId: 'm-anna', distanceM: 4_000 });
  const annaRow = page.getByTestId('leaderboard-row').filter({ hasText: 'Anna S.' });
  await expect(annaRow).toHaveAttribute('data-rank', String(rowfast));
  await expect(page.getByTestId('leaderboard-row').filter({ hasText: 'Rowfast' })).toHaveAttribute('data-rank', String(anna));
  await expect(annaRow.getByTestId('leaderboard-climb')).toHaveText('▲1');
  await whenSettled(page);
  await saveScreen(page, 'leaderboard-rank-change');
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
});

test('a team challenge ranks the teams by their members’ sum', async ({ page, request }) => {
  const answer = (await (await request.get('/api/challenges')).json()) as { challenges: Array<{ id: string; type: string }> };
  const team = answer.challenges.find((c) => c.type === 'team');
  expect(team, 'the demo team challenge').toBeDefined();
  await page.goto(`/screen/leaderboard?challenge=${team!.id}`);
  await expectLive(page);
  await expect(page.getByTestId('leaderboard-title')).toHaveText(/Team Row-Off$/);
  // Blue: Hugo 25.4 + Liam 10.1 + Noah 8.3 + William 5.5 + Lucas 3.0 km; Red: Elin, Alva, Wilma, Ella + Alice's bike at half.
  const rows = page.getByTestId('leaderboard-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'Team Blue' })).toHaveAttribute('data-rank', '1');
  // 34.7 km seeded; the shared gateway's simulated riders may add a little while the suite runs (specs before this one).
  await expect(rows.filter({ hasText: 'Team Red' })).toContainText(/\b3[4-9]\.\d km/);
  await whenSettled(page);
  await saveScreen(page, 'leaderboard-team');
});

test('the equipment board shows a live tile per machine and strap', async ({ page }) => {
  await page.goto('/screen/equipment');
  await expectLive(page);
  const tiles = page.getByTestId('equipment-tile');
  await expect(tiles).toHaveCount(24); // 10 rowers, 8 bikes, 6 straps in the e2e config
  await expect(page.locator('[data-testid="equipment-tile"][data-state="in_use"]').first()).toBeVisible();
  const inUse = page.locator('[data-testid="equipment-tile"][data-state="in_use"][data-equipment^="sim-rower"]').first();
  await expect(inUse.getByTestId('tile-member')).toHaveText(/^\S+ [A-Z]\.$/); // "Elin A.": display names only
  await expect(inUse).toContainText('/500m');
  await saveScreen(page, 'equipment');
});

test('the achievements screen shows the week’s personal records', async ({ page }) => {
  await page.goto('/screen/achievements');
  await expectLive(page);
  const erik = page.getByTestId('achievement').filter({ hasText: 'Erik L.' });
  await expect(erik.first()).toContainText('Longest row');
  await expect(erik.first()).toContainText('6.5 km (was 5.8 km)');
  await saveScreen(page, 'achievements');
});

test('the WOD screen shows today’s workout', async ({ page }) => {
  await page.goto('/screen/wod');
  await expectLive(page);
  const wod = page.getByTestId('wod');
  await expect(wod).toBeVisible();
  await expect(wod.locator('.wod__title')).not.toBeEmpty();
  await expect(page.getByTestId('wod-tomorrow')).toHaveText(/^Tomorrow: \S/); // the demo week is posted ahead
  await saveScreen(page, 'wod');
});

test('the schedule screen shows today’s classes from the ICS feed', async ({ page }) => {
  await page.goto('/screen/schedule');
  await expectLive(page);
  const classes = page.getByTestId('schedule-class');
  await expect(classes.first()).toBeVisible();
  await expect(page.getByTestId('schedule')).toContainText('Yoga Flow');
  await expect(page.getByTestId('schedule')).toContainText('Coach: Lina'.replace('Coach: ', ''));
  await saveScreen(page, 'schedule');
});

test('portrait, light theme and 4K layouts keep the board readable', async ({ browser }) => {
  test.slow(); // three pages, one of them 4K: screenshots take long on a busy 2-core machine
  const portrait = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  await portrait.goto('/screen/leaderboard?orientation=portrait');
  await expect(portrait.getByTestId('leaderboard-row').first()).toBeVisible();
  const groups = portrait.getByTestId('leaderboard-group');
  const [first, second] = [await groups.nth(0).boundingBox(), await groups.nth(1).boundingBox()];
  expect(second!.y).toBeGreaterThan(first!.y + first!.height - 1); // stacked, not side by side
  await saveScreen(portrait, 'leaderboard-portrait');
  await portrait.close();

  const light = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await light.goto('/screen/equipment?theme=light');
  await expect(light.getByTestId('equipment-tile').first()).toBeVisible();
  expect(await light.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(243, 245, 248)');
  await saveScreen(light, 'equipment-light');
  await light.close();

  const uhd = await browser.newPage({ viewport: { width: 3840, height: 2160 } });
  await uhd.goto('/screen/leaderboard');
  const title = uhd.getByTestId('leaderboard-title');
  await expect(title).toBeVisible();
  // Type scales with the panel: twice the pixels, twice the letters.
  expect(await title.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThan(140);
  await saveScreen(uhd, 'leaderboard-4k');
  await uhd.close();
});

test('a leaderboard for a challenge this box does not know says so, instead of waiting forever', async ({ page }) => {
  await page.goto('/screen/leaderboard?challenge=no-such-challenge');
  await expectLive(page);
  await expect(page.getByTestId('leaderboard-waiting')).toContainText('No challenge “no-such-challenge” on this box');
});

// Every floor screen at every panel shape: no text clipped, ellipsized or pushed off the screen (helpers.textOverflows),
// and a screenshot of each in test-results/screens/<screen>-<panel>.png.
const EVERY_SCREEN = [
  { name: 'entrance', path: '/screen/entrance', ready: 'entrance-idle' },
  { name: 'occupancy', path: '/screen/occupancy', ready: 'visits-by-hour' },
  { name: 'leaderboard', path: '/screen/leaderboard', ready: 'leaderboard-row' },
  { name: 'wod', path: '/screen/wod', ready: 'wod' },
  { name: 'equipment', path: '/screen/equipment', ready: 'equipment-tile' },
  { name: 'achievements', path: '/screen/achievements', ready: 'achievement' },
  { name: 'schedule', path: '/screen/schedule', ready: 'schedule-class' },
  { name: 'class', path: '/screen/class', ready: 'class-screen' },
  { name: 'not-found', path: '/screen/nope', ready: 'not-found' },
] as const;

for (const panel of PANELS) {
  test(`no text overflows its box on any screen at ${panel.name} (${panel.width}×${panel.height})`, async ({ browser }) => {
    test.slow(); // eight screens and their screenshots
    const page = await browser.newPage({ viewport: { width: panel.width, height: panel.height } });
    try {
      for (const screen of EVERY_SCREEN) {
        await page.goto(screen.path);
        await expect(page.getByTestId(screen.ready).first()).toBeVisible();
        await whenSettled(page);
        expect(await textOverflows(page), `${screen.name} at ${panel.name}`).toEqual([]);
        await saveScreen(page, `${screen.name}-${panel.name}`);
      }
    } finally {
      await page.close();
    }
  });
}

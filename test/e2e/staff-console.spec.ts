import Database from 'better-sqlite3';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { CloudDouble } from '../cloud-double/server.js';
import { freePort } from '../support/child-gateway.js';
import { repoRoot } from './helpers.js';
import { finishSession } from './sessions.js';
import { startOwnGateway, type OwnGateway } from './own-gateway.js';

// A gateway of this spec's own: a staff PIN and a cloud (the double, on loopback) that refuses Erik's check-ins until told otherwise.
const PIN = '2468';
let gateway: OwnGateway;
let cloud: CloudDouble;
let refuseErik = true;

test.beforeAll(async () => {
  cloud = new CloudDouble({
    rejectEvent: (event) =>
      refuseErik && (event.payload as { memberId?: string }).memberId === 'm-erik' ? { code: 'unknown_athlete', message: 'Athlete m-erik is not in this gym' } : null,
  });
  await cloud.start();
  gateway = await startOwnGateway(await freePort(), {}, { FLOORGATE_STAFF_PIN: PIN, FLOORGATE_CLOUD_URL: cloud.url, FLOORGATE_API_KEY: cloud.apiKey });
});
test.afterAll(async () => {
  await gateway?.stop();
  await cloud?.stop();
});

const SIZES = [
  { name: 'tablet', width: 1280, height: 800 },
  { name: 'desktop', width: 1920, height: 1080 },
] as const;

async function signIn(page: Page) {
  await page.goto(`${gateway.url}/staff`);
  await page.getByLabel('Staff PIN').fill(PIN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Front desk', level: 1 })).toBeVisible();
  await expect(page.getByTestId('staff-live')).toHaveText('Live');
}

async function shoot(page: Page, name: string) {
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.screenshot({ path: path.join(repoRoot, 'test-results', 'console', `${name}-${size.width}x${size.height}.png`), fullPage: true });
  }
}

test('a wrong PIN is refused; the right one opens the console, live', async ({ page }) => {
  await page.goto(`${gateway.url}/staff`);
  await page.getByLabel('Staff PIN').fill('1111');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('That PIN is not right.');
  await shoot(page, 'sign-in-wrong-pin');
  await signIn(page);
  await page.reload();
  await expect(page.getByTestId('staff-live')).toHaveText('Live'); // the cookie keeps the session across a reload
});

test('an override at the desk appears in the front-desk list, in the journal, and reaches the cloud', async ({ page }) => {
  await signIn(page);
  await page.getByLabel('Name or badge').fill('lina');
  await page.getByRole('button', { name: 'Search' }).click();
  const card = page.getByTestId('member-card');
  await expect(card.getByTestId('would-be')).toContainText('Refused:');
  await card.getByLabel(/^Reason/).fill('Signed the paper waiver at the desk');
  await card.getByLabel('Your name (optional)').fill('Kim');
  await card.getByRole('button', { name: 'Override and check in' }).click();
  await expect(card.getByRole('status')).toContainText('Checked in at');
  const row = page.getByTestId('front-desk-today').locator('li').first();
  await expect(row).toContainText('Lina Ek');
  await expect(row).toContainText('Let in by staff — Kim: “Signed the paper waiver at the desk”');
  await shoot(page, 'front-desk');

  const db = new Database(path.join(gateway.dataDir, 'floorgate.db'), { readonly: true });
  const fact = db.prepare("SELECT payload FROM journal WHERE type = 'check_in' ORDER BY seq DESC LIMIT 1").get() as { payload: string };
  db.close();
  expect(JSON.parse(fact.payload)).toMatchObject({ memberId: 'm-lina', method: 'staff', decision: 'accepted', override: { by: 'Kim', overrode: 'waiver_missing' } });
  await expect.poll(() => cloud.accepted.find((e) => (e.payload as { memberId?: string }).memberId === 'm-lina')?.payload).toMatchObject({
    override: { reason: 'Signed the paper waiver at the desk', by: 'Kim' },
  });
});

test('a dead letter is shown with its reason, requeued, and received by the cloud', async ({ page, request }) => {
  const answer = await request.post(`${gateway.url}/api/checkins`, { data: { badge: '1002' } });
  expect(answer.ok()).toBe(true);
  const { eventId } = (await answer.json()) as { eventId: string };
  await signIn(page);
  await page.getByRole('link', { name: /Dead letters/ }).click();
  const table = page.getByTestId('dead-letters');
  await expect(table).toContainText('Athlete m-erik is not in this gym');
  await shoot(page, 'dead-letters');
  refuseErik = false;
  await table.getByRole('button', { name: 'Requeue' }).first().click();
  await expect(page.getByRole('status')).toHaveText('1 sent back to the queue.');
  await expect.poll(() => cloud.accepted.some((e) => e.eventId === eventId)).toBe(true);
  await expect(page.getByText('No dead letters: the cloud took everything.')).toBeVisible();
});

test('connections and alerts pages, as a front-desk person sees them', async ({ page }) => {
  await signIn(page);
  await page.getByRole('link', { name: 'Connections' }).click();
  await expect(page.getByTestId('uplink-card')).toContainText('Connected');
  await expect(page.getByTestId('uplink-card').getByRole('button', { name: 'Sync now' })).toBeVisible();
  await shoot(page, 'connections');
  await page.getByRole('link', { name: /Alerts/ }).click();
  await expect(page.getByRole('heading', { name: 'Alerts', level: 1 })).toBeVisible();
  await shoot(page, 'alerts');
  await page.getByRole('link', { name: 'Screens' }).click();
  await expect(page.getByTestId('screen-urls')).toContainText('/screen/entrance?token=');
  await shoot(page, 'screens');
});

test('a WOD written in the console of a standalone gym appears on /screen/wod', async ({ page, context }) => {
  const standalone = await startOwnGateway(await freePort(), {}, { FLOORGATE_STAFF_PIN: PIN });
  try {
    await page.goto(`${standalone.url}/staff/wods`);
    await page.getByLabel('Staff PIN').fill(PIN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'WODs', level: 1 })).toBeVisible();
    const today = page.locator('form[data-testid^="wod-"]').first();
    await today.getByLabel('Title').fill('Console Fran');
    await today.getByLabel('Rest day').uncheck(); // the demo week may have made today a rest day
    await today.getByLabel('Parts (one per line)').fill('21-15-9 thrusters 43 kg\nPull-ups');
    await today.getByLabel('Notes').fill('Scale to ring rows');
    await today.getByRole('button', { name: /^Save today/ }).click();
    await expect(today.getByRole('status')).toHaveText('Saved: the screens show it now.');
    await expect(today).toContainText('written on this box');
    await shoot(page, 'wods');

    const screen = await context.newPage();
    await screen.goto(`${standalone.url}/screen/wod`);
    await expect(screen.getByText('Console Fran')).toBeVisible();
    await expect(screen.getByText('21-15-9 thrusters 43 kg')).toBeVisible();
  } finally {
    await standalone.stop();
  }
});

test('a roster CSV with a bad row is refused with the row and column named, and a fixed one loads', async ({ page }) => {
  const standalone = await startOwnGateway(await freePort(), {}, { FLOORGATE_STAFF_PIN: PIN });
  try {
    await page.goto(`${standalone.url}/staff/roster`);
    await page.getByLabel('Staff PIN').fill(PIN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Roster', level: 1 })).toBeVisible();
    const header = 'id,name,badge_ids,status,valid_until,waiver';
    await page.getByLabel('Roster file (.csv or .json)').setInputFiles({
      name: 'members.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([header, 'r-1,Rita Roe,7001,active,,yes', 'r-2,Bo Bad,7002,active,,perhaps'].join('\n')),
    });
    await expect(page.getByRole('alert')).toContainText('row 3: column waiver must be yes or no');
    await expect(page.getByRole('alert')).toContainText('nothing imported');
    await shoot(page, 'roster-refused');
    await page.getByLabel('Roster file (.csv or .json)').setInputFiles({
      name: 'members.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([header, 'r-1,Rita Roe,7001,active,,yes', 'r-2,Bo Bad,7002,active,,no'].join('\n')),
    });
    await expect(page.getByRole('status')).toHaveText('Loaded 2 members with 2 badges.');
  } finally {
    await standalone.stop();
  }
});

test('a challenge created in the console appears on /screen/leaderboard and counts a session', async ({ page, context, request }) => {
  const standalone = await startOwnGateway(await freePort(), {}, { FLOORGATE_STAFF_PIN: PIN });
  try {
    await page.goto(`${standalone.url}/staff/challenges`);
    await page.getByLabel('Staff PIN').fill(PIN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Challenges', level: 1 })).toBeVisible();
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Name').fill('Desk Ski Sprint');
    await page.getByLabel('What counts').selectOption('distance');
    await page.getByLabel('Starts').fill(yesterday);
    await page.getByLabel('Divisions (comma-separated, e.g. Rx, Scaled)').fill('Rx, Scaled');
    await page.getByLabel('bike').fill('0.5');
    await page.getByLabel('Prizes (one per line: 1st, 2nd, …)').fill('Free month\nT-shirt');
    await page.getByRole('button', { name: 'Create challenge' }).click();
    const created = page.getByRole('status');
    await expect(created).toContainText('Created “Desk Ski Sprint”');
    await shoot(page, 'challenges');
    const id = /challenge=([\w.-]+)/.exec((await created.textContent()) ?? '')![1]!;

    const board = await context.newPage();
    await board.goto(`${standalone.url}/screen/leaderboard?challenge=${id}`);
    await expect(board.getByText('Desk Ski Sprint')).toBeVisible();
    await finishSession(request, standalone.url, { memberId: 'm-maja', distanceM: 3210, kind: 'ski' });
    // Maja ranks under her alias (her privacy choice), with the ski's full distance.
    const row = board.getByRole('listitem').filter({ hasText: 'Rowfast' });
    await expect(row).toContainText('3.2 km');
  } finally {
    await standalone.stop();
  }
});

test('class mode started and stopped from the console switches /screen/class on and off', async ({ page, context }) => {
  await signIn(page);
  await page.getByRole('link', { name: 'Screens' }).click();
  const control = page.getByTestId('class-control');
  await expect(control.getByTestId('class-control-state')).toHaveText('No class running');
  await control.getByLabel('Class', { exact: true }).fill('Desk Spin');
  await control.getByLabel('Minutes', { exact: true }).fill('30');
  await control.getByRole('button', { name: 'Start class mode' }).click();
  await expect(control.getByTestId('class-control-state')).toHaveText(/^Desk Spin runs \(started here\), 30 min left/);
  await shoot(page, 'class-control');

  const screen = await context.newPage();
  await screen.goto(`${gateway.url}/screen/class`);
  await expect(screen.getByTestId('class-title')).toHaveText('Desk Spin');
  await control.getByRole('button', { name: 'Stop the class now' }).click();
  await expect(control.getByTestId('class-control-state')).toHaveText('No class running');
  await expect(screen.locator('.screen[data-class="none"]')).toBeVisible();
});

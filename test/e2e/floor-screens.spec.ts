import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { CheckInResult } from '../../shared/checkin.js';
import type { FloorView } from '../../shared/floor.js';
import { freePort } from '../support/child-gateway.js';
import { Mosquitto, type BrokerAccount } from '../support/mosquitto.js';
import { PANELS, repoRoot, saveScreen, textOverflows } from './helpers.js';
import { startOwnGateway, type OwnGateway } from './own-gateway.js';

// One floor of three boxes joined through Debian's Mosquitto on loopback (test/support/mosquitto.ts: a password per
// box, each publishing only under its own id), each box a real `floorgate start` with the
// simulator, and the screens in real Chromium: what a member sees on any box is the whole floor, and what a box
// cannot hear is said, not shown as live.

const PIN = '8642';
const BOXES = {
  a: { id: 'front', name: 'Front desk', simulator: { rowers: 10, bikes: 8, heartRateStraps: 6 } },
  b: { id: 'upstairs', name: 'Upstairs', simulator: { rowers: 6, bikes: 6, heartRateStraps: 0 } },
  c: { id: 'cardio', name: 'Cardio', simulator: { rowers: 6, bikes: 6, heartRateStraps: 0 } },
} as const;

// The partition tests follow the floor's story in order: joined, broker killed, broker back.
test.describe.configure({ mode: 'serial' });

let broker: Mosquitto;
const boxes: Partial<Record<keyof typeof BOXES, OwnGateway>> = {};
const box = (key: keyof typeof BOXES): OwnGateway => boxes[key]!;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const keys = Object.keys(BOXES) as Array<keyof typeof BOXES>;
  const accounts = new Map<string, BrokerAccount>(keys.map((k) => [k, { user: BOXES[k].id, password: randomBytes(12).toString('base64url'), role: 'box' }]));
  broker = new Mosquitto([...accounts.values()]);
  await broker.start();
  for (const key of keys) {
    const { id, name, simulator } = BOXES[key];
    boxes[key] = await startOwnGateway(
      await freePort(),
      { simulator, floor: { broker: broker.url, boxId: id, boxName: name } },
      { FLOORGATE_STAFF_PIN: PIN, FLOORGATE_FLOOR_PASSWORD: accounts.get(key)!.password },
    );
  }
  // Every box hears the other two.
  for (const key of Object.keys(BOXES) as Array<keyof typeof BOXES>) {
    await expect
      .poll(async () => (await floorOf(box(key))).boxes.filter((b) => !b.self && b.reachable).length, { timeout: 30_000 })
      .toBe(2);
  }
});

test.afterAll(async () => {
  await Promise.all(Object.values(boxes).map((g) => g?.stop()));
  await broker?.kill();
});

/** The floor as the box reports it (`/api/status` → `floor`). */
async function floorOf(gateway: OwnGateway): Promise<FloorView> {
  const response = await fetch(`${gateway.url}/api/status`);
  return ((await response.json()) as { floor: FloorView }).floor;
}

/** "HH:MM" in this machine's time zone, as Chromium (same machine, no timezone override) shows it. */
function clock(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

async function openBoard(page: Page, gateway: OwnGateway): Promise<void> {
  await page.goto(`${gateway.url}/screen/equipment`);
  await expect(page.locator('.screen[data-live="live"][data-floor="floor"]')).toBeVisible();
}

test('a check-in at box A counts on box B’s occupancy screen', async ({ page }) => {
  await page.goto(`${box('b').url}/screen/occupancy`);
  await expect(page.locator('.screen[data-live="live"][data-floor="floor"]')).toBeVisible();
  const count = page.getByTestId('occupancy-count');
  await expect(count).toHaveText(/^\d+$/);
  const before = Number(await count.textContent());

  const response = await fetch(`${box('a').url}/api/checkins`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ badge: '1002', method: 'badge' }),
  });
  expect(response.status).toBe(200);
  expect(((await response.json()) as CheckInResult).decision).toBe('accepted');

  await expect(count).toHaveText(String(before + 1));
  await expect(page.getByTestId('floor-notice')).toHaveCount(0);
  await saveScreen(page, 'floor-occupancy-box-b');
});

test('box A’s equipment board shows box C’s machines, live, with C’s name on each tile', async ({ page }) => {
  await openBoard(page, box('a'));
  const cardio = page.locator(`[data-testid="equipment-tile"][data-box="${BOXES.c.id}"]`);
  await expect(cardio).toHaveCount(12);
  await expect(cardio.first().getByTestId('tile-box')).toHaveText(BOXES.c.name);
  // C's simulated riders reach A's screen as live figures.
  await expect(cardio.and(page.locator('[data-state="in_use"]')).first().getByTestId('tile-stats')).toBeVisible({ timeout: 20_000 });
  // A's own machines name A: on a floor every tile says which box reads it.
  await expect(page.locator(`[data-testid="equipment-tile"][data-box="${BOXES.a.id}"]`).first().getByTestId('tile-box')).toHaveText(BOXES.a.name);
  await expect(page.getByTestId('equipment-tile')).toHaveCount(24 + 12 + 12);
  await expect(page.getByTestId('floor-notice')).toHaveCount(0);
});

async function noOverflowAtEveryPanel(browser: Browser, gateway: OwnGateway, name: string): Promise<void> {
  for (const panel of PANELS) {
    const page = await browser.newPage({ viewport: { width: panel.width, height: panel.height } });
    try {
      await openBoard(page, gateway);
      await expect(page.getByTestId('tile-box').first()).toBeVisible();
      expect(await textOverflows(page), `${name} at ${panel.name}`).toEqual([]);
      await saveScreen(page, `${name}-${panel.name}`);
    } finally {
      await page.close();
    }
  }
}

test('box names on tiles fit at 1080p, 4K and portrait', async ({ browser }) => {
  test.slow();
  await noOverflowAtEveryPanel(browser, box('a'), 'floor-equipment');
});

test('broker killed: every box says which box it cannot hear and since when; the console says each door decides alone', async ({ page, browser }) => {
  test.setTimeout(240_000); // four screens at three panel shapes, on a CI box shared with three gateways
  await openBoard(page, box('a'));
  await broker.kill();

  await expect.poll(async () => (await floorOf(box('a'))).broker, { timeout: 30_000 }).toBe('unreachable');
  const floor = await floorOf(box('a'));
  const since = clock(floor.brokerSince!);
  const notice = page.getByTestId('floor-notice');
  // Both boxes went with the broker, at the same minute: named together.
  await expect(notice).toHaveText(`Cardio and Upstairs boxes unreachable since ${since}`);
  // C's tiles are history now: marked, no rider, no frozen figures.
  const cardio = page.locator(`[data-testid="equipment-tile"][data-box="${BOXES.c.id}"]`);
  await expect(cardio.and(page.locator('[data-state="unreachable"]'))).toHaveCount(12);
  await expect(cardio.getByTestId('tile-stats')).toHaveCount(0);
  await expect(cardio.first().getByTestId('tile-quiet')).toHaveText(`since ${since}`);
  // A's own machines stay live.
  await expect(page.locator(`[data-testid="equipment-tile"][data-box="${BOXES.a.id}"][data-state="unreachable"]`)).toHaveCount(0);
  await expect(page.getByTestId('equipment-counts')).toContainText('24 unreachable');
  await saveScreen(page, 'floor-equipment-partition');
  await noOverflowAtEveryPanel(browser, box('a'), 'floor-equipment-partition');

  // Occupancy on B: its count covers its own doors only.
  await expect.poll(async () => (await floorOf(box('b'))).broker, { timeout: 30_000 }).toBe('unreachable');
  const sinceB = clock((await floorOf(box('b'))).brokerSince!);
  await page.goto(`${box('b').url}/screen/occupancy`);
  await expect(page.getByTestId('floor-notice')).toHaveText(`Cardio and Front desk boxes unreachable since ${sinceB} — the count may be low`);
  await saveScreen(page, 'floor-occupancy-partition');
  await page.goto(`${box('b').url}/screen/entrance`);
  await expect(page.getByTestId('floor-notice')).toContainText(/— the count may be low$/);
  await page.goto(`${box('b').url}/screen/leaderboard`);
  await expect(page.getByTestId('floor-notice')).toContainText(/— their sessions will count when they are back$/);
  // The notices wrap on every panel shape: nothing cut.
  for (const panel of PANELS) {
    const shaped = await browser.newPage({ viewport: { width: panel.width, height: panel.height } });
    try {
      for (const screen of ['occupancy', 'entrance', 'leaderboard']) {
        await shaped.goto(`${box('b').url}/screen/${screen}`);
        await expect(shaped.getByTestId('floor-notice')).toBeVisible();
        expect(await textOverflows(shaped), `${screen} at ${panel.name}`).toEqual([]);
        await saveScreen(shaped, `floor-${screen}-partition-${panel.name}`);
      }
    } finally {
      await shaped.close();
    }
  }

  // The console on A: the Floor card, each box, and the sentence for staff.
  await page.goto(`${box('a').url}/staff/connections`);
  await page.getByLabel('Staff PIN').fill(PIN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const card = page.getByTestId('floor-card');
  await expect(card).toHaveAttribute('data-floor-state', 'Error');
  await expect(card.getByTestId('floor-broker')).toHaveText(`The floor broker cannot be reached since ${since}.`);
  await expect(card.getByTestId('floor-partition')).toHaveText(
    "Each door decides alone until the boxes reach each other again: anti-passback and occupancy cover this box's doors only.",
  );
  await expect(card.locator(`tr[data-box="${BOXES.b.id}"]`)).toContainText(`unreachable since ${since}`);
  await page.screenshot({ path: path.join(repoRoot, 'test-results', 'console', 'floor-partition.png'), fullPage: true });
});

test('broker back: the boxes hear each other again and the notices go', async ({ page }) => {
  await openBoard(page, box('a'));
  await expect(page.getByTestId('floor-notice')).toBeVisible();
  await broker.start();
  await expect(page.getByTestId('floor-notice')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.locator('[data-testid="equipment-tile"][data-state="unreachable"]')).toHaveCount(0);
  await expect(page.locator(`[data-testid="equipment-tile"][data-box="${BOXES.c.id}"]`)).toHaveCount(12);
});

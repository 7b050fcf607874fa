import { expect, test } from '@playwright/test';
import { freePort } from '../support/child-gateway.js';
import { startOwnGateway, type OwnGateway } from './own-gateway.js';

// A box on its own (no floor broker configured, as every box before issue 14): its screens must look exactly as they
// did — no box name on a tile, no floor notice — while they do read the floor's room (data-floor="one-box").

const SCREENS = [
  { name: 'equipment', path: '/screen/equipment', ready: 'equipment-tile' },
  { name: 'occupancy', path: '/screen/occupancy', ready: 'occupancy-count' },
  { name: 'entrance', path: '/screen/entrance', ready: 'entrance-idle' },
  { name: 'leaderboard', path: '/screen/leaderboard', ready: 'leaderboard' },
] as const;

for (const screen of SCREENS) {
  test(`a box on its own: the ${screen.name} screen reads the floor and shows no floor notice`, async ({ page }) => {
    await page.goto(screen.path);
    await expect(page.getByTestId(screen.ready).first()).toBeVisible();
    await expect(page.locator('.screen[data-floor="one-box"]')).toBeVisible();
    await expect(page.getByTestId('floor-notice')).toHaveCount(0);
  });
}

test('a box on its own: equipment tiles name no box and none is "Unreachable"', async ({ page }) => {
  await page.goto('/screen/equipment');
  await expect(page.locator('.screen[data-floor="one-box"][data-live="live"]')).toBeVisible();
  const tiles = page.getByTestId('equipment-tile');
  await expect(tiles.first()).toBeVisible();
  expect(await tiles.count()).toBeGreaterThan(10);
  await expect(page.getByTestId('tile-box')).toHaveCount(0);
  await expect(page.locator('[data-testid="equipment-tile"][data-state="unreachable"]')).toHaveCount(0);
  await expect(page.getByTestId('equipment-counts')).not.toContainText('unreachable');
});

test.describe('the console on a box on its own', () => {
  const PIN = '1357';
  let gateway: OwnGateway;
  test.beforeAll(async () => {
    gateway = await startOwnGateway(await freePort(), {}, { FLOORGATE_STAFF_PIN: PIN });
  });
  test.afterAll(async () => {
    await gateway?.stop();
  });

  test('the Floor card says "one box — no floor broker configured", with no partition sentence', async ({ page }) => {
    await page.goto(`${gateway.url}/staff/connections`);
    await page.getByLabel('Staff PIN').fill(PIN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('staff-live')).toHaveText('Live');
    const card = page.getByTestId('floor-card');
    await expect(card.getByTestId('floor-broker')).toHaveText('one box — no floor broker configured');
    await expect(card).toHaveAttribute('data-floor-state', 'Configure');
    await expect(card).toContainText('set floor.broker');
    await expect(card.getByTestId('floor-partition')).toHaveCount(0);
  });
});

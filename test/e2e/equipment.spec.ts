import { expect, test } from '@playwright/test';
import { PANELS, saveScreen, textOverflows } from './helpers.js';
import { startOwnGateway } from './own-gateway.js';

// Ports of this file's own gateways (the shared e2e gateway is on FLOORGATE_E2E_PORT).
const PORT = Number(process.env.FLOORGATE_E2E_PORT ?? 18180) + 11;

test('a floor of 70 machines: 60 readable tiles on one 1080p screen, the rest on the next page', async ({ page }) => {
  const gateway = await startOwnGateway(PORT, { simulator: { rowers: 30, bikes: 25, heartRateStraps: 15, readingHz: 4 } });
  try {
    await page.clock.install();
    await page.goto(`${gateway.url}/screen/equipment`);
    await expect(page.locator('.screen[data-live="live"]')).toBeVisible();
    const tiles = page.getByTestId('equipment-tile');
    await expect(tiles).toHaveCount(60);
    await expect(page.getByTestId('equipment-page')).toHaveText('Page 1 / 2');

    // Every tile is on screen, none overlaps the next, and each is big enough to read from across the room.
    const boxes = await tiles.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect));
    for (const box of boxes) {
      expect(box.right).toBeLessThanOrEqual(1920);
      expect(box.bottom).toBeLessThanOrEqual(1080);
      expect(box.width).toBeGreaterThanOrEqual(170);
      expect(box.height).toBeGreaterThanOrEqual(110);
    }
    for (let i = 1; i < boxes.length; i++) {
      const [a, b] = [boxes[i - 1]!, boxes[i]!];
      expect(a.right <= b.left || a.bottom <= b.top || b.right <= a.left || b.bottom <= a.top).toBe(true);
    }
    const figure = page.locator('[data-testid="equipment-tile"][data-state="in_use"] .tile__big').first();
    expect(await figure.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(32); // ≈ 2 cm on a 55" panel; `?limit=24` gives bigger tiles
    await saveScreen(page, 'equipment-60-tiles');

    await page.clock.fastForward(10_000);
    await expect(page.getByTestId('equipment-page')).toHaveText('Page 2 / 2');
    await expect(tiles).toHaveCount(10);
  } finally {
    await gateway.stop();
  }
});

test('tiles in use show the machine’s own figure and four more, untruncated at 1080p, 4K and portrait, coloured by heart-rate zone', async ({ page }) => {
  // The simulator's demo members (about twenty) share the machines; few enough machines that bikes get riders too.
  const gateway = await startOwnGateway(PORT + 1, { simulator: { rowers: 12, bikes: 12, heartRateStraps: 36, readingHz: 4 } });
  try {
    for (const panel of PANELS) {
      await page.setViewportSize({ width: panel.width, height: panel.height });
      await page.goto(`${gateway.url}/screen/equipment`);
      await expect(page.locator('.screen[data-live="live"]')).toBeVisible();
      await expect(page.getByTestId('equipment-tile')).toHaveCount(60);
      const rower = page.locator('[data-testid="equipment-tile"][data-state="in_use"]:has(.tile__unit:text-is("/500m"))').first();
      await expect(rower.locator('.tile__big')).toHaveText(/^\d:\d\d\.\d$/);
      await expect(rower.locator('.tile__stat')).toHaveCount(4);
      await expect(rower.locator('.tile__stat').first()).toHaveText(/\d (m|km)$/);
      const bike = page.locator('[data-testid="equipment-tile"][data-state="in_use"]:has(.tile__unit:text-is("W"))').first();
      await expect(bike.locator('.tile__big')).toHaveText(/^\d+$/);
      await expect(bike.locator('.tile__stat', { hasText: 'rpm' })).toHaveCount(1);
      await expect(page.locator('[data-testid="equipment-tile"][data-zone]').first()).toBeVisible();
      expect(await textOverflows(page)).toEqual([]);
      await saveScreen(page, `equipment-60-tiles-${panel.name}`);
    }
  } finally {
    await gateway.stop();
  }
});

test('when the gateway is gone, no tile keeps saying "In use" with frozen figures', async ({ page }) => {
  const gateway = await startOwnGateway(PORT + 2, { simulator: { rowers: 6, bikes: 4, heartRateStraps: 2, readingHz: 4 } });
  let stopped = false;
  try {
    await page.goto(`${gateway.url}/screen/equipment`);
    await expect(page.locator('.screen[data-live="live"]')).toBeVisible();
    await expect(page.locator('[data-testid="equipment-tile"][data-state="in_use"]').first()).toBeVisible();
    await gateway.stop();
    stopped = true;
    await expect(page.getByTestId('connection-banner')).toBeVisible();
    const tiles = page.getByTestId('equipment-tile');
    await expect(page.locator('[data-testid="equipment-tile"][data-state="in_use"]')).toHaveCount(0);
    await expect(page.locator('.tile__big')).toHaveCount(0);
    const stale = page.locator('[data-testid="equipment-tile"][data-state="stale"]');
    await expect(stale.first().getByTestId('tile-quiet')).toHaveText(/^since \d\d:\d\d:\d\d$/);
    expect(await stale.count()).toBeGreaterThan(0);
    expect(await tiles.count()).toBe(12);
    await saveScreen(page, 'equipment-gateway-gone');
  } finally {
    if (!stopped) await gateway.stop();
  }
});

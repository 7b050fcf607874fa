import { expect, test } from '@playwright/test';
import { saveScreen } from './helpers.js';
import { startOwnGateway } from './own-gateway.js';

test('a floor of 70 machines: 60 readable tiles on one 1080p screen, the rest on the next page', async ({ page }) => {
  const gateway = await startOwnGateway(18191, { simulator: { rowers: 30, bikes: 25, heartRateStraps: 15, readingHz: 4 } });
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

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { killChild, startChildGateway } from '../support/child-gateway.js';
import { saveScreen } from './helpers.js';
import { finishSession } from './sessions.js';

// A gateway of this test's own, so it can be stopped and started under an open screen.
const port = 18190;
const url = `http://127.0.0.1:${port}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'floorgate-e2e-restart-'));
const startGateway = () => startChildGateway({ port, dataDir, env: { FLOORGATE_SIMULATOR: 'on', FLOORGATE_LOG_LEVEL: 'warn' } });
const stopGateway = killChild;

test('a screen open while the gateway restarts shows the banner, then goes live again without a reload', async ({ page }) => {
  let gateway = await startGateway();
  try {
    await page.goto(`${url}/screen/occupancy`);
    await expect(page.locator('.screen[data-live="live"]')).toBeVisible();
    await page.evaluate(() => ((window as unknown as { loadedOnce: boolean }).loadedOnce = true));

    await stopGateway(gateway);
    const banner = page.getByTestId('connection-banner');
    await expect(banner).toContainText(/Reconnecting… showing data from \d\d:\d\d/);
    await expect(page.getByTestId('occupancy-count')).toHaveText(/^\d+$/); // the last data stays on screen
    await saveScreen(page, 'occupancy-reconnecting');

    gateway = await startGateway();
    await expect(page.locator('.screen[data-live="live"]')).toBeVisible({ timeout: 20_000 });
    await expect(banner).toHaveCount(0);
    // Live again: a check-in now moves the count on the same page.
    const before = Number(await page.getByTestId('occupancy-count').textContent());
    const response = await page.request.post(`${url}/api/checkins`, { data: { badge: '1020' } });
    expect(response.status()).toBe(200);
    await expect.poll(async () => Number(await page.getByTestId('occupancy-count').textContent())).toBe(before + 1);
    expect(await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
  } finally {
    await stopGateway(gateway);
  }
});

test('a leaderboard open while the gateway restarts shows the banner, then moves again without a reload', async ({ page, request }) => {
  let gateway = await startGateway();
  try {
    await finishSession(request, url, { memberId: 'm-anna', distanceM: 5_000 });
    await page.goto(`${url}/screen/leaderboard?division=Rx`);
    await expect(page.locator('.screen[data-live="live"]')).toBeVisible();
    const anna = page.getByTestId('leaderboard-row').filter({ hasText: 'Anna S.' });
    await expect(anna).toContainText('5.0 km');
    await page.evaluate(() => ((window as unknown as { loadedOnce: boolean }).loadedOnce = true));

    await stopGateway(gateway);
    const banner = page.getByTestId('connection-banner');
    await expect(banner).toContainText(/Reconnecting… showing data from \d\d:\d\d/);
    await expect(anna).toContainText('5.0 km'); // the last board stays on screen
    await saveScreen(page, 'leaderboard-reconnecting');

    gateway = await startGateway();
    await expect(page.locator('.screen[data-live="live"]')).toBeVisible({ timeout: 20_000 });
    await expect(banner).toHaveCount(0);
    // Live again: the next finished session moves the board on the same page.
    await finishSession(request, url, { memberId: 'm-erik', distanceM: 7_000 });
    const erik = page.getByTestId('leaderboard-row').filter({ hasText: 'Erik L.' });
    await expect(erik).toHaveAttribute('data-rank', '1');
    await expect(anna).toHaveAttribute('data-rank', '2');
    expect(await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
  } finally {
    await stopGateway(gateway);
  }
});

import { expect, test } from '@playwright/test';
import { startOwnGateway } from './own-gateway.js';
import { saveScreen } from './helpers.js';

// The shared e2e gateway runs the simulator, as `npm start` (floorgate start --demo) does.
const REAL_GYM_PORT = Number(process.env.FLOORGATE_E2E_PORT ?? 18180) + 21;

test('the demo shows a DEMO mark on every screen and widget', async ({ page }) => {
  for (const path of ['/', '/screen/entrance', '/screen/leaderboard', '/screen/playlist', '/widgets/daily-wod']) {
    await page.goto(path);
    await expect(page.getByTestId('demo-mark'), path).toBeVisible();
    await expect(page.getByTestId('demo-mark')).toHaveText('DEMO');
  }
  await page.goto('/screen/equipment');
  await expect(page.getByTestId('demo-mark')).toBeVisible();
  await saveScreen(page, 'demo-mark-equipment');
});

test('a gym started with its own config (no --demo) runs no simulator and shows no DEMO mark', async ({ page }) => {
  const gateway = await startOwnGateway(REAL_GYM_PORT, { location: { name: 'North Box' } }, { FLOORGATE_SIMULATOR: '' });
  try {
    const status = (await (await page.request.get(`${gateway.url}/api/status`)).json()) as { devices: unknown[]; uplink: { summary: string } };
    expect(status.devices).toEqual([]);
    expect(status.uplink.summary).toBe('standalone — nothing is sent anywhere');
    await page.goto(`${gateway.url}/screen/occupancy`);
    await expect(page.locator('.topbar__location')).toHaveText('North Box');
    await expect(page.getByTestId('demo-mark')).toHaveCount(0);
  } finally {
    await gateway.stop();
  }
});

import { expect, test } from '@playwright/test';
import type { CheckInResult } from '../../shared/checkin.js';
import type { OccupancyByHour } from '../../shared/occupancy.js';
import type { ScreenConfig } from '../../shared/screen-config.js';
import { saveScreen } from './helpers.js';

test('the occupancy count rises after a check-in', async ({ page }) => {
  const config = (await (await page.request.get('/api/screen-config')).json()) as ScreenConfig;
  await page.goto('/screen/occupancy');

  const count = page.getByTestId('occupancy-count');
  await expect(count).toHaveText(/^\d+$/);
  await expect(page.locator('.screen[data-live="live"]')).toBeVisible();
  await expect(page.locator('.topbar__location')).toHaveText(config.locationName);
  await saveScreen(page, 'occupancy-before');
  const before = Number(await count.textContent());

  const response = await page.request.post('/api/checkins', { data: { badge: '1002', method: 'badge' } });
  expect(response.status()).toBe(200);
  expect(((await response.json()) as CheckInResult).decision).toBe('accepted');

  await expect.poll(async () => Number(await count.textContent())).toBeGreaterThan(before);
  await expect(page.getByTestId('occupancy-peak')).toHaveText(/Peak today: \d+/);
  await expect(page.getByTestId('connection-banner')).toHaveCount(0);

  // Today's check-ins by hour, from the journal: the one just made is counted in this hour.
  const byHour = (await (await page.request.get('/api/occupancy/by-hour')).json()) as OccupancyByHour;
  expect(byHour.today[byHour.hour]).toBeGreaterThanOrEqual(1);
  await page.reload();
  await expect(page.locator(`[data-testid="visits-by-hour"] [data-hour="${byHour.hour}"]`)).toHaveAttribute('data-today', /^[1-9]\d*$/);
  await expect(page.getByTestId('occupancy-capacity')).toHaveText('of 120');
  await saveScreen(page, 'occupancy');
});

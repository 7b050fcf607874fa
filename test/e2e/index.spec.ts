import { expect, test } from '@playwright/test';
import type { ScreenConfig } from '../../shared/screen-config.js';
import { saveScreen } from './helpers.js';

test('the index lists the screens on this box with their addresses, keeping the query string', async ({ page }) => {
  const config = (await (await page.request.get('/api/screen-config')).json()) as ScreenConfig;
  await page.goto('/?location=demo');
  const index = page.getByTestId('screen-index');
  await expect(index.getByRole('heading', { level: 1 })).toHaveText(`Screens on this box · ${config.locationName}`);
  await expect(index.getByRole('link', { name: 'Entrance', exact: true })).toHaveAttribute('href', '/screen/entrance?location=demo');
  await expect(index.getByRole('link', { name: 'Occupancy', exact: true })).toHaveAttribute('href', '/screen/occupancy?location=demo');
  await expect(index.locator('.index-page__url').first()).toHaveText(/^http:\/\/127\.0\.0\.1:\d+\/screen\/entrance$/);
  // The demo month's challenges, each a link to its board.
  await expect(page.getByTestId('index-challenges').getByRole('link')).toHaveCount(2);
  await expect(page).toHaveTitle(`Screens · ${config.locationName}`);
  expect((await page.request.get('/favicon.svg')).status()).toBe(200);
  await saveScreen(page, 'index');
});

test('an unknown screen answers 404 with a page naming the screens there are', async ({ page }) => {
  const response = await page.goto('/screen/nope');
  expect(response?.status()).toBe(404);
  const notFound = page.getByTestId('not-found');
  await expect(notFound.getByRole('heading', { level: 1 })).toHaveText('There is no screen “nope” on this box');
  await expect(notFound.getByRole('link', { name: 'Leaderboard', exact: true })).toHaveAttribute('href', '/screen/leaderboard');
  await expect(page).toHaveTitle(/^Not found · /);
  expect((await page.request.get('/screen/equipment')).status()).toBe(200);
  await saveScreen(page, 'not-found');
});

test('each screen’s title names the gym', async ({ page }) => {
  const config = (await (await page.request.get('/api/screen-config')).json()) as ScreenConfig;
  await page.goto('/screen/wod');
  await expect(page).toHaveTitle(`WOD · ${config.locationName}`);
});

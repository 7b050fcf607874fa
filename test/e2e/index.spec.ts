import { expect, test } from '@playwright/test';
import { saveScreen } from './helpers.js';

test('the index lists the screens, keeping the query string', async ({ page }) => {
  await page.goto('/?location=demo');
  const index = page.getByTestId('screen-index');
  await expect(index.getByRole('link', { name: 'Entrance' })).toHaveAttribute('href', '/screen/entrance?location=demo');
  await expect(index.getByRole('link', { name: 'Occupancy' })).toHaveAttribute('href', '/screen/occupancy?location=demo');
  await saveScreen(page, 'index');
});

test('an unknown screen falls back to the index', async ({ page }) => {
  await page.goto('/screen/no-such-screen');
  await expect(page.getByTestId('screen-index')).toBeVisible();
});

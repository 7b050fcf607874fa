import { networkInterfaces } from 'node:os';
import { expect, test } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { ScreenConfig } from '../../shared/screen-config.js';
import { saveScreen } from './helpers.js';

test('the index lists the screens on this box with their addresses, keeping the query string', async ({ page }) => {
  const config = (await (await page.request.get('/api/screen-config')).json()) as ScreenConfig;
  await page.goto('/?location=demo');
  const index = page.getByTestId('screen-index');
  await expect(index.getByRole('heading', { level: 1 })).toHaveText(`Screens on this box · ${config.locationName}`);
  await expect(index.getByRole('link', { name: 'Entrance', exact: true })).toHaveAttribute('href', '/screen/entrance?location=demo');
  await expect(index.getByRole('link', { name: 'Occupancy', exact: true })).toHaveAttribute('href', '/screen/occupancy?location=demo');
  await expect(index.locator('.index-page__url').first()).toHaveText(/^http:\/\/127\.0\.0\.1:\d+\/screen\/entrance\?location=demo$/);
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

test('the index names the box’s LAN addresses, IPv4 first, and says when the gateway listens on loopback only', async ({ page }) => {
  // This machine's own addresses, read here as the gateway reads them (the e2e gateway runs on this machine).
  const mine = Object.values(networkInterfaces())
    .flat()
    .filter((i) => i !== undefined && !i.internal && !i.address.startsWith('169.254.') && !/^fe[89ab]/i.test(i.address));
  await page.goto('/');
  const addresses = page.getByTestId('index-addresses');
  if (mine.length === 0) {
    // Nothing but loopback: no addresses section rather than an empty one.
    await expect(page.getByTestId('index-challenges')).toBeVisible();
    return expect(addresses).toHaveCount(0);
  }
  await expect(addresses.locator('.index-page__address')).toHaveCount(mine.length); // the page reads them after it loads
  const shown = await addresses.locator('.index-page__address').allTextContents();
  const port = new URL(page.url()).port;
  const expected = [...mine.filter((i) => i!.family === 'IPv4'), ...mine.filter((i) => i!.family === 'IPv6')].map((i) =>
    i!.family === 'IPv6' ? `http://[${i!.address}]:${port}` : `http://${i!.address}:${port}`,
  );
  expect(shown).toEqual(expected);
  // The e2e gateway is bound to 127.0.0.1: the page must not pretend a TV can reach those addresses yet.
  await expect(page.getByTestId('index-loopback-only')).toContainText('listens on 127.0.0.1 only');
});

test('each screen on the index has a QR code that reads as its address, and none carries the kiosk token', async ({ page }) => {
  await page.goto('/?token=e2e-not-for-the-public&theme=light');
  const entrance = page.getByTestId('screen-index').locator('li', { has: page.getByRole('link', { name: 'Entrance', exact: true }) });
  const address = await entrance.locator('.index-page__url').textContent();
  expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/screen\/entrance\?theme=light$/);
  await expect(page.getByTestId('qr')).toHaveCount(9); // one per screen, none for the website widgets

  // Decode what is on screen, as a phone would: a screenshot of the code, read by jsQR.
  const png = PNG.sync.read(await entrance.getByTestId('qr').screenshot());
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(decoded?.data).toBe(address);

  await expect(entrance.getByRole('link', { name: 'Entrance', exact: true })).toHaveAttribute('href', '/screen/entrance?theme=light');
  expect(await page.content()).not.toContain('e2e-not-for-the-public');
  for (const qr of await page.getByTestId('qr').all()) expect(await qr.getAttribute('data-text')).not.toContain('token');
  await saveScreen(page, 'index-qr-light');
});

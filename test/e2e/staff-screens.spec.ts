import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { freePort } from '../support/child-gateway.js';
import { repoRoot } from './helpers.js';
import { startOwnGateway, type OwnGateway } from './own-gateway.js';

// The console's Screens page on a gateway of this spec's own: QR codes to set TVs up, and the playlists' editor.
const PIN = '864213';
let gateway: OwnGateway;

test.beforeAll(async () => {
  gateway = await startOwnGateway(await freePort(), {}, { FLOORGATE_STAFF_PIN: PIN });
});
test.afterAll(async () => {
  await gateway?.stop();
});

async function openScreensPage(page: Page) {
  await page.goto(`${gateway.url}/staff/screens`);
  await page.getByLabel('Staff PIN').fill(PIN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Screens', level: 1 })).toBeVisible();
}

async function shoot(page: Page, name: string) {
  for (const size of [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: path.join(repoRoot, 'test-results', 'console', `${name}-${size.width}x${size.height}.png`), fullPage: true });
  }
}

/** What a phone reads off the code: a screenshot of it, decoded by jsQR. */
async function scan(item: ReturnType<Page['getByTestId']>): Promise<string | null> {
  const png = PNG.sync.read(await item.getByTestId('qr').screenshot({ scale: 'device' }));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

test('every screen and widget has its LAN address and a QR code; the entrance’s carries the kiosk token and opens the kiosk', async ({ page, context }) => {
  await openScreensPage(page);
  const list = page.getByTestId('screen-urls');
  const addresses = await page.getByLabel('Address of this box').locator('option').allTextContents();
  expect(addresses.at(-1)).toBe(`http://localhost:${new URL(gateway.url).port}`);
  // 1 entrance + 6 screens + class mode + the default playlist + 4 widgets, each with a code.
  await expect(list.getByTestId('screen-url')).toHaveCount(13);
  await expect(list.getByTestId('qr')).toHaveCount(13);

  const entrance = list.getByTestId('screen-url').filter({ hasText: 'Entrance (check-in)' });
  await expect(entrance).toContainText('Do not share this code');
  const shown = await entrance.locator('a').textContent();
  expect(shown).toMatch(new RegExp(`^${addresses[0]!.replace(/[.[\]]/g, '\\$&')}/screen/entrance\\?token=[\\w-]+$`));
  expect(await scan(entrance)).toBe(shown);
  await shoot(page, 'screens');

  // The box's own address: scan it and open what the code says, as the entrance TV would.
  await page.getByLabel('Address of this box').selectOption(addresses.at(-1)!);
  const url = await scan(entrance);
  expect(url).toMatch(/^http:\/\/localhost:\d+\/screen\/entrance\?token=/);
  const tv = await context.newPage();
  await tv.goto(url!.replace('localhost', '127.0.0.1'));
  await expect(tv.locator('[data-screen="entrance"], .entrance').first()).toBeVisible();
  const widget = list.getByTestId('screen-url').filter({ hasText: 'Widget: daily-wod' });
  expect(await scan(widget)).toBe(`http://localhost:${new URL(gateway.url).port}/widgets/daily-wod`);
});

test('a playlist written in the console plays at once on a TV already showing it; a bad value is refused; it can be removed', async ({ page, context }) => {
  await openScreensPage(page);
  await page.getByLabel('New playlist name (letters, digits, _ -)').fill('lobby');
  await page.getByRole('button', { name: 'Add playlist' }).click();
  const card = page.getByTestId('playlist-lobby');
  await expect(card).toContainText('new: not saved yet');
  await card.getByLabel('Screen 1', { exact: true }).selectOption('occupancy');
  await card.getByLabel('Seconds 1').fill('600');
  await card.getByRole('button', { name: 'Add a screen' }).click();
  await card.getByLabel('Screen 2', { exact: true }).selectOption('wod');
  await card.getByLabel('Your name (optional)').fill('Kim');
  await card.getByRole('button', { name: 'Save lobby' }).click();
  await expect(card.getByRole('status')).toHaveText('Saved: the screens playing it change now.');
  await expect(card).toContainText('written here · 2 screens, 615 s a round');
  await expect(page.getByTestId('screen-urls')).toContainText('/screen/playlist?name=lobby');

  const tv = await context.newPage();
  await tv.goto(`${gateway.url}/screen/playlist?name=lobby`);
  await expect(tv.getByTestId('playlist')).toHaveAttribute('data-playlist-screen', 'occupancy');

  // Swap the two: the TV (no reload) now starts with the WOD.
  await card.getByRole('button', { name: 'Move screen 2 up' }).click();
  await card.getByRole('button', { name: 'Save lobby' }).click();
  await expect(card.getByRole('status')).toHaveText('Saved: the screens playing it change now.');
  await expect(tv.getByTestId('playlist')).toHaveAttribute('data-playlist-screen', 'wod');
  await expect(tv.getByTestId('playlist')).toHaveAttribute('data-playlist-seconds', '15');

  // Too short a time is refused by the form itself (3 s at least, as the gateway checks), and nothing is sent.
  await card.getByLabel('Seconds 1').fill('1');
  await card.getByRole('button', { name: 'Save lobby' }).click();
  expect(await card.getByLabel('Seconds 1').evaluate((input) => (input as HTMLInputElement).validity.rangeUnderflow)).toBe(true);
  await expect(tv.getByTestId('playlist')).toHaveAttribute('data-playlist-seconds', '15');
  await card.getByLabel('Seconds 1').fill('20');
  await card.getByRole('button', { name: 'Save lobby' }).click();
  await expect(tv.getByTestId('playlist')).toHaveAttribute('data-playlist-seconds', '20');
  await shoot(page, 'screens-playlists');

  await card.getByRole('button', { name: 'Remove playlist' }).click();
  await expect(page.getByTestId('playlist-lobby')).toHaveCount(0);
  await expect(page.getByTestId('screen-urls')).not.toContainText('/screen/playlist?name=lobby');
  expect((await page.request.get(`${gateway.url}/api/playlists/lobby`)).status()).toBe(404);
});

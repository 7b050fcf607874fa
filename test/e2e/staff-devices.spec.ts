import path from 'node:path';
import { expect, test } from '@playwright/test';
import { freePort } from '../support/child-gateway.js';
import { PtyPair } from '../support/socat.js';
import { repoRoot } from './helpers.js';
import { startOwnGateway, type OwnGateway } from './own-gateway.js';

// A serial badge reader on a real pty (socat): unplugged, its card on the Connections page says Error with what to
// do; plugged back in on the same path, Connected again — live, without a reload.
const PIN = '681357';
let gateway: OwnGateway;
let cable: PtyPair;

test.beforeAll(async () => {
  cable = new PtyPair(undefined, 'rfid');
  await cable.start();
  gateway = await startOwnGateway(
    await freePort(),
    { devices: [{ kind: 'serial', id: 'entrance-rfid', name: 'Entrance reader', role: 'rfid', path: cable.a, reopenMinMs: 50, reopenMaxMs: 250 }] },
    { FLOORGATE_STAFF_PIN: PIN },
  );
});
test.afterAll(async () => {
  await gateway?.stop();
  await cable?.stop();
});

test('a serial reader’s card goes to Error when its port disappears, and back to Connected when it returns', async ({ page }) => {
  await page.goto(`${gateway.url}/staff/connections`);
  await page.getByLabel('Staff PIN').fill(PIN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const card = page.getByTestId('device-entrance-rfid');
  await expect(card.locator('.staff-state')).toHaveText('Connected');

  await cable.stop(); // socat killed: the pty and its link are gone
  await expect(card.locator('.staff-state')).toHaveText('Error');
  await expect(card).toContainText('What to do:');
  await page.screenshot({ path: path.join(repoRoot, 'test-results', 'console', 'connections-device-error-1920x1080.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: path.join(repoRoot, 'test-results', 'console', 'connections-device-error-1280x800.png'), fullPage: true });

  await cable.start(); // plugged back in on the same path
  await expect(card.locator('.staff-state')).toHaveText('Connected');
  await expect(card).not.toContainText('What to do:');
});

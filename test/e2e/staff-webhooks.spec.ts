import path from 'node:path';
import { expect, test } from '@playwright/test';
import { newSecret } from '../../gateway/webhooks/signer.js';
import { freePort } from '../support/child-gateway.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';
import { repoRoot } from './helpers.js';
import { startOwnGateway, type OwnGateway } from './own-gateway.js';

// A webhook destination on the Connections page: its health, a dead delivery requeued, a test event sent; and a
// destination added from the console, its secret seen once, a test event verified by a loopback receiver.
const PIN = '246813';
let gateway: OwnGateway;
let receiver: WebhookReceiver;

test.beforeAll(async () => {
  const secret = newSecret();
  receiver = new WebhookReceiver([secret]);
  await receiver.start();
  receiver.status = 410; // Gone: dead-lettered at once, until the gym fixes its automation
  gateway = await startOwnGateway(
    await freePort(),
    { webhooks: [{ name: 'front-desk', url: receiver.url, secret, events: ['member.checked_in'] }] },
    { FLOORGATE_STAFF_PIN: PIN },
  );
});
test.afterAll(async () => {
  await gateway?.stop();
  await receiver?.stop();
});

test('a dead webhook delivery is shown with its reason, requeued from the card and received; a test event is sent', async ({ page, request }) => {
  expect((await request.post(`${gateway.url}/api/checkins`, { data: { badge: '1001' } })).ok()).toBe(true);
  await page.goto(`${gateway.url}/staff/connections`);
  await page.getByLabel('Staff PIN').fill(PIN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const card = page.getByTestId('webhook-front-desk');
  await expect(card.getByTestId('webhook-counts')).toContainText('1 dead');
  await expect(card.getByTestId('webhook-dead-letters')).toContainText('member.checked_in');
  await expect(card.getByTestId('webhook-dead-letters')).toContainText('410');
  await page.screenshot({ path: path.join(repoRoot, 'test-results', 'console', 'connections-webhook-1920x1080.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: path.join(repoRoot, 'test-results', 'console', 'connections-webhook-1280x800.png'), fullPage: true });

  receiver.status = null; // fixed: 204 from now on
  await card.getByTestId('webhook-dead-letters').getByRole('button', { name: 'Requeue' }).click();
  await expect(card.getByRole('status')).toHaveText('1 sent back to the queue.');
  await expect.poll(() => receiver.received.map((r) => r.type)).toContain('member.checked_in');
  await expect(card.getByTestId('webhook-counts')).toContainText('1 delivered · 0 dead');
  await expect(card).toContainText('Connected');

  await card.getByRole('button', { name: 'Send test event' }).click();
  await expect(card.getByRole('status')).toHaveText('Test event queued: watch the last attempts.');
  await expect.poll(() => receiver.received.map((r) => r.type)).toContain('test');
  expect(receiver.rejected).toEqual([]); // every request verified with the standardwebhooks package
});

test('a destination added from the console shows its secret once, and its signed test event arrives at the receiver', async ({ page }) => {
  const added = new WebhookReceiver([]); // knows no secret until staff copy it from the console
  await added.start();
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${gateway.url}/staff/connections`);
    await page.getByLabel('Staff PIN').fill(PIN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const addCard = page.getByTestId('webhook-add');
    await addCard.getByRole('button', { name: 'Add destination' }).click();
    const form = addCard.getByRole('form', { name: 'Add webhook destination' });
    await form.getByRole('textbox', { name: 'Name' }).fill('signage');
    await form.getByRole('textbox', { name: 'URL' }).fill(added.url);
    await expect(form.getByRole('note')).toContainText('only to a host on the gym’s own network');
    await form.getByLabel('Door opened').check();
    await form.getByRole('button', { name: 'Add destination' }).click();

    const shown = addCard.getByTestId('webhook-secret');
    await expect(shown).toContainText('shown once — store it in your receiver now');
    const secret = (await shown.locator('code').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await page.screenshot({ path: path.join(repoRoot, 'test-results', 'console', 'connections-webhook-added-1280x800.png'), fullPage: true });
    added.trust(secret);
    await shown.getByRole('button', { name: 'I have stored it' }).click();
    await expect(addCard.getByTestId('webhook-secret')).toHaveCount(0);

    const card = page.getByTestId('webhook-signage');
    await expect(card.getByTestId('webhook-origin')).toHaveText('Added in the console');
    await expect(page.getByTestId('webhook-front-desk').getByTestId('webhook-origin')).toContainText('From the config file');
    await expect(page.getByTestId('webhook-front-desk').getByRole('button', { name: 'Delete' })).toHaveCount(0);
    await card.getByRole('button', { name: 'Send test event' }).click();
    await expect.poll(() => added.received.map((r) => r.type)).toContain('test');
    expect(added.rejected).toEqual([]); // verified with the standardwebhooks package and the secret from the screen
    await expect(card).toContainText('Connected');

    await page.reload(); // never shown again
    await expect(page.getByTestId('webhook-signage')).toBeVisible();
    expect(await page.content()).not.toContain(secret);

    // Pause holds, resume sends; a rotation shows the new secret once and the receiver verifies with either.
    await card.getByRole('button', { name: 'Pause' }).click();
    await expect(card.locator('.staff-state')).toHaveText('Paused');
    await card.getByRole('button', { name: 'Resume' }).click();
    await expect(card.locator('.staff-state')).not.toHaveText('Paused');
    await card.getByRole('button', { name: 'Rotate secret' }).click();
    await card.getByRole('button', { name: 'Make new secret' }).click();
    const rotated = (await card.getByTestId('webhook-secret').locator('code').textContent())!.trim();
    expect(rotated).not.toBe(secret);
    await expect(card.getByTestId('webhook-origin')).toContainText('signing with the new and the previous secret');
    const before = added.received.length;
    await card.getByRole('button', { name: 'Send test event' }).click();
    await expect.poll(() => added.received.length).toBe(before + 1);
    expect(added.rejected).toEqual([]); // still verifies with the old secret alone
  } finally {
    await added.stop();
  }
});

import path from 'node:path';
import { expect, test } from '@playwright/test';
import { newSecret } from '../../gateway/webhooks/signer.js';
import { freePort } from '../support/child-gateway.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';
import { repoRoot } from './helpers.js';
import { startOwnGateway, type OwnGateway } from './own-gateway.js';

// A webhook destination on the Connections page: its health, a dead delivery requeued, a test event sent.
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

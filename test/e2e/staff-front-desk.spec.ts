import Database from 'better-sqlite3';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { freePort } from '../support/child-gateway.js';
import { repoRoot } from './helpers.js';
import { finishSession } from './sessions.js';
import { startOwnGateway, type OwnGateway } from './own-gateway.js';

// The front desk pairs a member's heart-rate strap and gives them a session they rowed without tapping in.
const PIN = '531864';
let gateway: OwnGateway;

test.beforeAll(async () => {
  gateway = await startOwnGateway(await freePort(), {}, { FLOORGATE_STAFF_PIN: PIN });
});
test.afterAll(async () => {
  await gateway?.stop();
});

test('pair and unpair a strap, and claim an anonymous session for the member found at the desk', async ({ page, request }) => {
  await finishSession(request, gateway.url, { memberId: null, distanceM: 2345 });
  await page.goto(`${gateway.url}/staff`);
  await page.getByLabel('Staff PIN').fill(PIN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Name or badge').fill('anna');
  await page.getByRole('button', { name: 'Search' }).click();
  const desk = page.getByTestId('member-equipment');

  const strap = desk.getByLabel('Heart-rate strap');
  await expect(strap.locator('option')).not.toHaveCount(1); // "Choose a strap…" and the simulator's straps
  const strapId = await strap.locator('option').nth(1).getAttribute('value');
  await strap.selectOption(strapId!);
  await desk.getByRole('button', { name: 'Pair strap' }).click();
  await expect(desk.getByRole('status')).toContainText('paired with Anna');
  const pairing = () => {
    const db = new Database(path.join(gateway.dataDir, 'floorgate.db'), { readonly: true });
    try {
      return db.prepare('SELECT member_id FROM strap_pairings WHERE strap_id = ?').get(strapId) as { member_id: string } | undefined;
    } finally {
      db.close();
    }
  };
  expect(pairing()).toEqual({ member_id: 'm-anna' });

  const session = desk.getByTestId('claimable-sessions').locator('li', { hasText: '2345 m' });
  await session.getByRole('button', { name: /^Claim for / }).click();
  await expect(desk.getByRole('status')).toContainText('Session on E2E machine given to Anna');
  await expect(desk.getByText('2345 m')).toHaveCount(0);
  const claimable = (await (await request.get(`${gateway.url}/api/sessions/claimable`)).json()) as { sessions: Array<{ summary: { distanceM?: number } }> };
  expect(claimable.sessions.some((s) => s.summary.distanceM === 2345)).toBe(false);
  await page.screenshot({ path: path.join(repoRoot, 'test-results', 'console', 'front-desk-straps-1920x1080.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: path.join(repoRoot, 'test-results', 'console', 'front-desk-straps-1280x800.png'), fullPage: true });

  await strap.selectOption(strapId!);
  await desk.getByRole('button', { name: 'Unpair' }).click();
  await expect(desk.getByRole('status')).toContainText('unpaired');
  expect(pairing()).toBeUndefined();
});

import { expect, test } from '@playwright/test';
import type { CheckInResult } from '../../shared/checkin.js';
import type { ScreenConfig } from '../../shared/screen-config.js';
import { openEntrance, saveScreen, scanBadge } from './helpers.js';
import { startOwnGateway } from './own-gateway.js';

// Each test checks in a different member: a second check-in within 5 min is denied (anti-passback).

test('idle entrance screen asks for a badge', async ({ page }) => {
  await openEntrance(page);
  await expect(page.getByTestId('entrance-idle')).toContainText('Scan your badge');
  await expect(page.getByTestId('connection-banner')).toHaveCount(0);
  await saveScreen(page, 'entrance-idle');
});

test('an active member is welcomed with today’s workout', async ({ page }) => {
  await openEntrance(page);
  await scanBadge(page, '1001');

  const welcome = page.getByTestId('entrance-welcome');
  await expect(welcome).toBeVisible();
  await expect(welcome.getByRole('heading', { level: 1 })).toHaveText('Welcome, Anna S.');
  const wod = welcome.getByTestId('wod');
  await expect(wod).toBeVisible();
  // The shared e2e gateway has no door relay: no promise of an open door.
  await expect(page.getByTestId('door-open')).toHaveCount(0);
  if ((await wod.getAttribute('data-rest-day')) === 'true') {
    await expect(wod).toContainText('Rest day');
  } else {
    await expect(wod.locator('.wod__title')).not.toBeEmpty();
    expect(await wod.locator('li').count()).toBeGreaterThan(0);
  }
  await saveScreen(page, 'entrance-welcome');
});

test('an unknown badge is denied with what to do', async ({ page }) => {
  await openEntrance(page);
  await scanBadge(page, '999999');

  const denied = page.getByTestId('entrance-denied');
  await expect(denied).toBeVisible();
  await expect(denied).toHaveAttribute('data-denial-code', 'unknown_badge');
  await expect(page.getByTestId('denial-message')).toHaveText(/\S/);
  await expect(page.getByTestId('denial-action')).toHaveText(/^What to do: \S/);
  await expect(page.getByTestId('entrance-welcome')).toHaveCount(0);
  await saveScreen(page, 'entrance-denied-unknown');
});

test('an expired membership is denied and says so', async ({ page }) => {
  await openEntrance(page);
  await scanBadge(page, '1004');

  const denied = page.getByTestId('entrance-denied');
  await expect(denied).toBeVisible();
  await expect(denied).toHaveAttribute('data-denial-code', 'membership_expired');
  await expect(page.getByTestId('denial-message')).toContainText(/expired/i);
  await expect(page.getByTestId('denial-action')).toHaveText(/^What to do: \S/);
  await saveScreen(page, 'entrance-denied-expired');
});

test('a check-in at another reader shows up live', async ({ page }) => {
  await openEntrance(page);
  const response = await page.request.post('/api/checkins', { data: { badge: '1003', method: 'badge' } });
  expect(response.status()).toBe(200);
  const result = (await response.json()) as CheckInResult;
  expect(result.decision).toBe('accepted');

  const welcome = page.getByTestId('entrance-welcome');
  await expect(welcome).toBeVisible();
  const name = result.member?.displayName ?? null;
  await expect(welcome.getByRole('heading', { level: 1 })).toHaveText(name === null ? 'Welcome!' : `Welcome, ${name}`);
  await saveScreen(page, 'entrance-remote-checkin');
});

test('a slow partial input is dropped, and the result resets to idle', async ({ page }) => {
  const config = (await (await page.request.get('/api/screen-config')).json()) as ScreenConfig;
  await page.clock.install();
  await openEntrance(page);

  // Two stray characters, then nothing for 2 s: the wedge buffer must start over.
  await page.keyboard.type('55');
  await page.clock.fastForward(2000);
  await scanBadge(page, '1010');
  await expect(page.getByTestId('entrance-welcome')).toBeVisible();

  await page.clock.fastForward(config.entranceResetS * 1000 + 500);
  await expect(page.getByTestId('entrance-idle')).toBeVisible();
  await expect(page.getByTestId('entrance-welcome')).toHaveCount(0);
});

test('a prompt answer is shown at once, "Checking…" only while an answer is slow', async ({ page }) => {
  const config = (await (await page.request.get('/api/screen-config')).json()) as ScreenConfig;
  const result = page.locator('[data-testid="entrance-welcome"], [data-testid="entrance-denied"]');
  await page.clock.install();
  await openEntrance(page);
  // Screen time stands still from here: only runFor moves it, so "prompt" does not depend on this machine's load.
  await page.clock.pauseAt(new Date(Date.now() + 100));
  await page.evaluate(() => {
    const w = window as unknown as { sawChecking: boolean };
    w.sawChecking = false;
    new MutationObserver(() => (w.sawChecking ||= document.querySelector('[data-testid="entrance-pending"]') !== null)).observe(document.body, {
      childList: true,
      subtree: true,
    });
  });
  await scanBadge(page, '1012');
  await expect(result).toBeVisible();
  // No one-frame flash of "Checking…" before a result that was already on its way.
  expect(await page.evaluate(() => (window as unknown as { sawChecking: boolean }).sawChecking)).toBe(false);

  await page.clock.runFor(config.entranceResetS * 1000 + 500);
  await expect(page.getByTestId('entrance-idle')).toBeVisible();
  // A slow answer: the request is held until the member has been told it is being checked.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/checkins', async (route) => {
    await held;
    await route.continue();
  });
  await scanBadge(page, '1013');
  await page.clock.runFor(200);
  await expect(page.getByTestId('entrance-pending')).toHaveText('Checking…');
  release();
  await expect(result).toBeVisible();
});

test('a gateway error is told to the member in words for members, the cause small for staff', async ({ page }) => {
  await page.route('**/api/checkins', (route) =>
    route.fulfill({
      status: 503,
      contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'roster_unavailable', message: 'the member list is still loading' } }),
    }),
  );
  await openEntrance(page);
  await scanBadge(page, '1011');

  await expect(page.getByTestId('entrance-error').getByRole('heading', { level: 1 })).toHaveText(
    'Check-in is offline for a moment — please see the front desk',
  );
  await expect(page.getByTestId('entrance-error-detail')).toHaveText('For staff: the member list is still loading');
  await saveScreen(page, 'entrance-error');
});

test('where a door relay is configured, the welcome says the door is open', async ({ page }) => {
  // The relay's serial port is absent here: the gateway keeps trying to open it, and the screen only needs to know
  // that a door exists.
  const port = Number(process.env.FLOORGATE_E2E_PORT ?? 18180) + 14;
  const gateway = await startOwnGateway(port, {
    simulator: { rowers: 1, bikes: 0, heartRateStraps: 0 },
    devices: [{ kind: 'serial', id: 'door', role: 'relay', path: '/dev/floorgate-e2e-no-such-relay', openOn: ['screen'] }],
  });
  try {
    const config = (await (await fetch(`${gateway.url}/api/screen-config`)).json()) as ScreenConfig;
    expect(config.doorConfigured).toBe(true);
    await page.goto(`${gateway.url}/screen/entrance`);
    await expect(page.locator('.screen[data-keyboard="ready"][data-live="live"]')).toBeVisible();
    await scanBadge(page, '1001');
    await expect(page.getByTestId('entrance-welcome')).toBeVisible();
    await expect(page.getByTestId('door-open')).toHaveText(/The door is open — come in/);
    await saveScreen(page, 'entrance-welcome-door');
  } finally {
    await gateway.stop();
  }
});

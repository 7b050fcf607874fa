import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { openEntrance, repoRoot, saveScreen, scanBadge } from './helpers.js';
import { finishSession } from './sessions.js';

test.describe.configure({ mode: 'serial' });

const everyPage = [
  '/screen/entrance',
  '/screen/occupancy',
  '/screen/leaderboard',
  '/screen/wod',
  '/screen/equipment',
  '/screen/achievements',
  '/screen/schedule',
  '/screen/playlist?name=e2e',
  '/widgets/leaderboard',
  '/widgets/daily-wod',
  '/widgets/achievements',
  '/widgets/equipment-status',
];

async function openLive(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('[data-live="live"]').first()).toBeVisible();
}

test('a member whose privacy is "hidden" never appears by name on any screen, widget or live message', async ({ page, request }) => {
  // Karin Ström (badge 1009) hides her name. She rows, beats her own longest row, and checks in.
  await finishSession(request, '', { memberId: 'm-karin', distanceM: 16_000 });
  await finishSession(request, '', { memberId: 'm-karin', distanceM: 16_500 });
  const received: string[] = [];
  page.on('websocket', (ws) => ws.on('framereceived', (frame) => received.push(String(frame.payload))));

  await openEntrance(page);
  await scanBadge(page, '1009');
  await expect(page.getByTestId('entrance-welcome').getByRole('heading', { level: 1 })).toHaveText('Welcome!');

  for (const path of everyPage) {
    await openLive(page, path);
    if (path === '/screen/leaderboard') {
      // Her place is on the board, without her name.
      const row = page.getByTestId('leaderboard-row').filter({ hasText: '32.5 km' });
      await expect(row.getByTestId('leaderboard-name')).toHaveText('Hidden athlete');
      await saveScreen(page, 'leaderboard-hidden-member');
    }
    if (path === '/screen/achievements') {
      await expect(page.getByTestId('achievement').filter({ hasText: '16.5 km (was 16.0 km)' }).getByTestId('achievement-name')).toHaveText('A member');
    }
    const html = await page.content();
    expect(html, path).not.toMatch(/Karin|Ström|m-karin/);
  }
  expect(received.length).toBeGreaterThan(0);
  expect(received.join('\n')).not.toMatch(/Karin|Ström|m-karin/);
  for (const api of ['/api/challenges', '/api/achievements', '/api/equipment']) {
    expect(await (await request.get(api)).text(), api).not.toMatch(/Karin|Ström|m-karin/);
  }
});

const XSS = '<img src=x onerror=alert(1)>';

test('a member named <img src=x onerror=alert(1)> is shown as text, and no dialog fires', async ({ page, request }) => {
  // The way a gym without the cloud adds members: `floorgate roster import`, here into the running gateway's data.
  const out = execFileSync(process.execPath, ['bin/floorgate.mjs', 'roster', 'import', 'test/e2e/fixtures/xss-roster.json'], {
    cwd: repoRoot,
    env: { ...process.env, FLOORGATE_DATA_DIR: process.env.FLOORGATE_E2E_DATA_DIR! },
  }).toString();
  expect(out).toContain('Imported 1 members');
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });

  await finishSession(request, '', { memberId: 'm-xss', distanceM: 30_000 });
  await finishSession(request, '', { memberId: 'm-xss', distanceM: 31_000 });

  await openEntrance(page);
  await scanBadge(page, '9901');
  await expect(page.getByTestId('entrance-welcome').getByRole('heading', { level: 1 })).toHaveText(`Welcome, ${XSS}`);

  for (const path of ['/screen/leaderboard', '/screen/achievements', '/widgets/leaderboard', '/widgets/achievements']) {
    await openLive(page, path);
    await expect(page.getByText(XSS, { exact: true }).first()).toBeVisible();
    expect(await page.locator('img').count(), path).toBe(0);
    if (path === '/screen/leaderboard') await saveScreen(page, 'leaderboard-markup-name');
  }
  expect(dialogs).toEqual([]);
});

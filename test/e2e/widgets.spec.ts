import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { saveScreen } from './helpers.js';
import { finishSession } from './sessions.js';

const gateway = `http://127.0.0.1:${process.env.FLOORGATE_E2E_PORT ?? 18180}`;
const widgets = ['leaderboard', 'daily-wod', 'achievements', 'equipment-status'] as const;

/** Another site (another origin: another port) that embeds the widgets, and tries to frame a screen. */
async function gymWebsite(): Promise<{ url: string; server: Server }> {
  const frames = widgets
    .map((w) => `<iframe name="${w}" src="${gateway}/widgets/${w}?theme=${w === 'daily-wod' ? 'light' : 'dark'}&limit=6"></iframe>`)
    .join('\n');
  const html = `<!doctype html><html><head><title>Our gym</title><style>
    body { margin: 0; font: 20px sans-serif; background: #e8ecf1; }
    h1 { margin: 16px 24px; }
    .grid { display: grid; grid-template-columns: repeat(4, 1fr); gap: 16px; padding: 0 24px; }
    iframe { width: 100%; height: 900px; border: 0; border-radius: 12px; background: #fff; }
    #screen { position: absolute; width: 10px; height: 10px; opacity: 0; }
  </style></head><body><h1>Welcome to our gym: live from the floor</h1>
  <div class="grid">${frames}</div>
  <iframe id="screen" name="screen" src="${gateway}/screen/leaderboard"></iframe></body></html>`;
  const server = createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

test('another site embeds the widgets with live data; it cannot frame a screen', async ({ page, request }) => {
  await finishSession(request, '', { memberId: 'm-nils', distanceM: 8_000 });
  const site = await gymWebsite();
  try {
    await page.goto(site.url);
    const frame = (name: string) => page.frameLocator(`iframe[name="${name}"]`);
    await expect(frame('leaderboard').getByTestId('leaderboard-row').first()).toBeVisible();
    await expect(frame('daily-wod').getByTestId('wod')).toBeVisible();
    await expect(frame('achievements').getByTestId('achievement').first()).toBeVisible();
    await expect(frame('equipment-status').getByTestId('equipment-tile').first()).toBeVisible();
    for (const w of widgets) await expect(frame(w).getByTestId('widget')).toHaveAttribute('data-live', 'live');
    // The screen is refused by frame-ancestors: the browser shows nothing of it.
    await expect.poll(() => page.frame('screen')?.url() ?? '').toMatch(/^chrome-error:/);
    await saveScreen(page, 'widgets-embedded');
  } finally {
    site.server.close();
  }
});

test('each widget renders on its own page', async ({ page }) => {
  await page.setViewportSize({ width: 480, height: 720 });
  for (const w of widgets) {
    await page.goto(`/widgets/${w}?limit=8`);
    await expect(page.getByTestId('widget')).toHaveAttribute('data-live', 'live');
    await expect(page.getByTestId('widget-foot')).toHaveText(/^Updated \d\d:\d\d$/);
    await saveScreen(page, `widget-${w}`);
  }
});

test('a widget refreshes by itself at its seed rate (achievements: every minute)', async ({ page, request }) => {
  let reads = 0;
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/achievements') reads++;
  });
  await finishSession(request, '', { memberId: 'm-nils', distanceM: 8_000 }); // his best so far (again)
  await page.clock.install();
  await page.clock.pauseAt(Date.now() + 1000); // only the test moves the page's time (a slow machine must not add to it)
  await page.goto('/widgets/achievements');
  await expect(page.getByTestId('widget')).toHaveAttribute('data-live', 'live');
  expect(reads).toBe(1);
  await finishSession(request, '', { memberId: 'm-nils', distanceM: 9_000 }); // a longer row than his 8 km: a record

  await page.clock.fastForward(59_000);
  expect(reads).toBe(1);
  await expect(page.getByTestId('achievement').filter({ hasText: '9.0 km (was 8.0 km)' })).toHaveCount(0);
  await page.clock.fastForward(1_500);
  await expect(page.getByTestId('achievement').filter({ hasText: '9.0 km (was 8.0 km)' })).toHaveCount(1);
  expect(reads).toBe(2);
});

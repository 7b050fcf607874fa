import { expect, test } from '@playwright/test';
import type { Playlist } from '../../shared/screens.js';
import { saveScreen } from './helpers.js';

test('the playlist rotates its screens in the configured order, each for its configured time', async ({ page }) => {
  // The e2e config's playlist: leaderboard 7 s, WOD 4 s, occupancy (light theme) 5 s.
  const playlist = (await (await page.request.get('/api/playlists/e2e')).json()) as Playlist;
  expect(playlist.items.map((i) => [i.screen, i.seconds])).toEqual([
    ['leaderboard', 7],
    ['wod', 4],
    ['occupancy', 5],
  ]);

  // The page's clock is Playwright's, paused: time moves only when the test moves it (a slow screenshot under load
  // must not eat into a screen's seconds).
  await page.clock.install();
  await page.clock.pauseAt(Date.now() + 1000);
  await page.goto('/screen/playlist?name=e2e');
  const shown = page.getByTestId('playlist');
  const screenIs = (name: string) => expect(shown).toHaveAttribute('data-playlist-screen', name);

  for (let round = 0; round < 2; round++) {
    for (const [i, item] of playlist.items.entries()) {
      await screenIs(item.screen);
      await expect(shown).toHaveAttribute('data-playlist-index', String(i));
      if (round === 0) {
        const inner = { leaderboard: 'leaderboard', wod: 'wod-screen', occupancy: 'occupancy' }[item.screen as string]!;
        await expect(page.getByTestId(inner)).toBeVisible(); // the real screen, with its data
        if (item.screen === 'occupancy') await expect(page.locator('.playlist__screen')).toHaveAttribute('data-theme', 'light');
        await saveScreen(page, `playlist-${i + 1}-${item.screen}`);
      }
      await page.clock.fastForward(item.seconds * 1000 - 500);
      await screenIs(item.screen); // not a moment early
      await page.clock.fastForward(600);
    }
  }
  await screenIs('leaderboard');
});

test('an unknown playlist says which ones exist', async ({ page }) => {
  await page.goto('/screen/playlist?name=lobby');
  await expect(page.getByTestId('playlist-waiting')).toContainText('Playlist “lobby” unavailable');
  await expect(page.getByTestId('playlist-waiting')).toContainText('known: default, e2e');
});

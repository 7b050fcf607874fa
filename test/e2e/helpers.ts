import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Saves a full-viewport screenshot to `test-results/screens/<name>.png` (from the repo root). */
export async function saveScreen(page: Page, name: string): Promise<string> {
  const file = path.join(repoRoot, 'test-results', 'screens', `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Opens the entrance screen and waits until it listens to the keyboard and its room is live. */
export async function openEntrance(page: Page): Promise<void> {
  await page.goto('/screen/entrance');
  await expect(page.getByTestId('entrance-idle')).toBeVisible();
  await expect(page.locator('.screen[data-keyboard="ready"][data-live="live"]')).toBeVisible();
}

/** Types like a keyboard-wedge badge reader: the digits then Enter, with no element focused. */
export async function scanBadge(page: Page, badge: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.type(badge);
  await page.keyboard.press('Enter');
}

/** Waits until no CSS transition is running (rows sliding to a new rank), so a screenshot shows where things end up. */
export async function whenSettled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => !(a instanceof CSSTransition) || a.playState === 'finished'),
  );
}

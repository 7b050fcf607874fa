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

export interface Overflow {
  text: string;
  className: string;
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
}

/**
 * Every element that holds text, measured on the box that lays it out (itself, or the nearest block ancestor for
 * inline text): its text must fit its width (scrollWidth ≤ clientWidth) and the box must lie inside the viewport; and
 * every box that clips (overflow other than visible: tiles, rows, cards) must hold all of its content. An ellipsized
 * name, a clipped figure or a tile whose last line falls off shows up here.
 */
export async function textOverflows(page: Page): Promise<Overflow[]> {
  return page.evaluate(() => {
    const found: Overflow[] = [];
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;
    const report = (box: Element) =>
      found.push({
        text: (box.textContent ?? '').trim().slice(0, 60),
        className: String(box.className),
        scrollWidth: box.scrollWidth,
        clientWidth: box.clientWidth,
        scrollHeight: box.scrollHeight,
        clientHeight: box.clientHeight,
      });
    const shown = (box: Element) => {
      const style = getComputedStyle(box);
      if (style.visibility === 'hidden' || box.closest('[aria-hidden="true"]')) return false;
      const rect = box.getBoundingClientRect();
      return rect.width > 0 || rect.height > 0;
    };
    const textBoxes = new Set<Element>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim()) continue;
      let box = node.parentElement;
      while (box && getComputedStyle(box).display === 'inline') box = box.parentElement;
      if (box) textBoxes.add(box);
    }
    for (const box of textBoxes) {
      if (!shown(box)) continue;
      const rect = box.getBoundingClientRect();
      const outside = rect.right > vw + 1 || rect.bottom > vh + 1 || rect.left < -1 || rect.top < -1;
      if (box.scrollWidth > box.clientWidth + 1 || outside) report(box);
    }
    for (const box of document.body.querySelectorAll('*')) {
      const style = getComputedStyle(box);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      if (box === document.body || box.id === 'root' || !box.textContent?.trim() || !shown(box)) continue;
      if (textBoxes.has(box) && box.scrollWidth > box.clientWidth + 1) continue; // reported above
      if (box.scrollWidth > box.clientWidth + 2 || box.scrollHeight > box.clientHeight + 2) report(box);
    }
    return found;
  });
}

/** The three panel shapes the screens are made for. */
export const PANELS = [
  { name: '1080p', width: 1920, height: 1080 },
  { name: '4k', width: 3840, height: 2160 },
  { name: 'portrait', width: 1080, height: 1920 },
] as const;

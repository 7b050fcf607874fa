/**
 * Which physical display is "display N" in the kiosk config: 0 is the primary display, the others
 * follow from left to right (top to bottom on a tie), the order a person standing in front sees.
 * Electron's own order of getAllDisplays() is not stable across platforms or reboots.
 */
import type { Bounds } from './kiosk-window.js';

export interface DisplayLike {
  id: number;
  bounds: Bounds;
}

export function orderDisplays<T extends DisplayLike>(all: readonly T[], primaryId: number): T[] {
  const primary = all.filter((d) => d.id === primaryId);
  const others = all
    .filter((d) => d.id !== primaryId)
    .sort((a, b) => a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y || a.id - b.id);
  return [...primary, ...others];
}

/// <reference types="electron-types" />
/**
 * One kiosk window per configured display, kept in step with the displays that are connected:
 * a display that appears gets its window, one that goes away takes its window with it (so it does
 * not land on top of another screen), a resized display moves its window, and a window that gets
 * closed comes back.
 */
import type { KioskDisplay } from '../gateway/config/kiosk.js';
import { orderDisplays } from './displays.js';
import { createKioskWindow, type Bounds, type KioskWindow, type KioskWindowOptions } from './kiosk-window.js';
import { screenUrl } from './screen-url.js';

/** A window closed by someone (Alt+F4) is opened again after this long. */
export const REOPEN_AFTER_MS = 1_000;

export type ScreenLike = Pick<Electron.Screen, 'getAllDisplays' | 'getPrimaryDisplay' | 'on'>;

export interface KioskLayoutOptions {
  screen: ScreenLike;
  gatewayOrigin: string;
  displays: readonly KioskDisplay[];
  createWindow?: (options: KioskWindowOptions) => KioskWindow;
  log?: (message: string) => void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  reopenAfterMs?: number;
}

const sameBounds = (a: Bounds, b: Bounds) => a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

export class KioskLayout {
  /** By index into the configured displays. */
  private readonly windows = new Map<number, { window: KioskWindow; bounds: Bounds }>();
  private readonly missingReported = new Set<number>();
  private closing = false;
  private readonly log: (message: string) => void;
  private readonly createWindow: (options: KioskWindowOptions) => KioskWindow;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;

  constructor(private readonly options: KioskLayoutOptions) {
    this.log = options.log ?? console.warn;
    this.createWindow = options.createWindow ?? createKioskWindow;
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  }

  /** Opens the windows and follows display changes from now on. */
  open(): void {
    const refresh = () => this.refresh();
    this.options.screen.on('display-added', refresh);
    this.options.screen.on('display-removed', refresh);
    this.options.screen.on('display-metrics-changed', refresh);
    this.refresh();
  }

  /** The open windows, in config order. */
  all(): KioskWindow[] {
    return [...this.windows.entries()].sort(([a], [b]) => a - b).map(([, entry]) => entry.window);
  }

  refresh(): void {
    if (this.closing) return;
    const { screen, displays, gatewayOrigin } = this.options;
    const connected = orderDisplays(screen.getAllDisplays(), screen.getPrimaryDisplay().id);
    displays.forEach((entry, index) => {
      const display = connected[entry.display];
      const open = this.windows.get(index);
      if (open?.window.isDestroyed()) this.windows.delete(index);
      const current = open && !open.window.isDestroyed() ? open : undefined;

      if (!display) {
        if (current) {
          this.log(`kiosk: display ${entry.display} went away; closing its ${entry.screen} window until it is back`);
          this.windows.delete(index);
          current.window.window.destroy();
        } else if (!this.missingReported.has(index)) {
          this.log(`kiosk: display ${entry.display} (${entry.screen}) is not connected; its window opens when it is`);
        }
        this.missingReported.add(index);
        return;
      }
      this.missingReported.delete(index);
      if (current) {
        if (!sameBounds(current.bounds, display.bounds)) {
          current.window.moveTo(display.bounds);
          current.bounds = { ...display.bounds };
        }
        return;
      }
      const window = this.createWindow({
        url: screenUrl(gatewayOrigin, entry),
        gatewayOrigin,
        bounds: { ...display.bounds },
        log: this.log,
      });
      this.windows.set(index, { window, bounds: { ...display.bounds } });
      window.window.on('closed', () => {
        if (this.windows.get(index)?.window === window) this.windows.delete(index);
        if (!this.closing) this.setTimer(() => this.refresh(), this.options.reopenAfterMs ?? REOPEN_AFTER_MS);
      });
    });
  }

  /** Closes every window for good (the kiosk is quitting). */
  close(): void {
    this.closing = true;
    for (const { window } of this.windows.values()) if (!window.isDestroyed()) window.window.destroy();
    this.windows.clear();
  }
}

import { describe, expect, it, vi } from 'vitest';
import { SAMPLE_SCRIPT, StaleWatchdog, type WatchedWindow } from '../../electron/stale-watchdog.js';

const MIN = 60_000;

function page(url: string, state: unknown) {
  const window = {
    url,
    state,
    hung: false,
    destroyed: false,
    evaluate: vi.fn(async (script: string) => {
      expect(script).toBe(SAMPLE_SCRIPT);
      return window.hung ? new Promise(() => {}) : window.state;
    }),
    reload: vi.fn((_why: string, _options?: { hung?: boolean }) => {}),
    isDestroyed: () => window.destroyed,
  };
  return window satisfies WatchedWindow;
}

function watchdog(staleMinutes = 5) {
  let clock = 0;
  const dog = new StaleWatchdog({ staleMs: staleMinutes * MIN, now: () => clock, sampleTimeoutMs: 20 });
  return { dog, advance: (ms: number) => (clock += ms), at: (ms: number) => (clock = ms) };
}

describe('StaleWatchdog', () => {
  it('leaves a live screen alone however long it runs', async () => {
    const w = watchdog();
    const live = page('/screen/entrance', { live: 'live', lastMessageAt: null });
    w.dog.watch(live);
    for (let i = 0; i < 20; i++) {
      w.advance(MIN);
      expect(await w.dog.check()).toEqual([]);
    }
    expect(live.reload).not.toHaveBeenCalled();
  });

  it('reloads a screen that has been reconnecting for the stale time, then gives it a full grace period', async () => {
    const w = watchdog(5);
    const screen = page('/screen/occupancy', { live: 'live', lastMessageAt: null });
    w.dog.watch(screen);
    w.advance(MIN);
    await w.dog.check(); // live at 1 min
    screen.state = { live: 'reconnecting', lastMessageAt: 30_000 };
    w.advance(4 * MIN + 59_000);
    expect(await w.dog.check()).toEqual([]);
    w.advance(1_000);
    expect(await w.dog.check()).toEqual(['/screen/occupancy']);
    expect(screen.reload).toHaveBeenCalledWith('no live data for 5 min (the screen is reconnecting)', { hung: false });
    w.advance(4 * MIN);
    expect(await w.dog.check()).toEqual([]);
  });

  it('counts data that arrived between two rounds', async () => {
    const w = watchdog(5);
    const screen = page('/screen/wod', { live: 'reconnecting', lastMessageAt: null });
    w.dog.watch(screen); // at 0
    w.at(4 * MIN);
    // Live for a moment at 3 min (a message came), reconnecting again when sampled.
    screen.state = { live: 'reconnecting', lastMessageAt: 3 * MIN };
    expect(await w.dog.check()).toEqual([]);
    w.at(7 * MIN + 59_000);
    expect(await w.dog.check()).toEqual([]);
    w.at(8 * MIN);
    expect(await w.dog.check()).toEqual(['/screen/wod']);
  });

  it('reloads a window that shows no screen at all (an error page) once the stale time is over', async () => {
    const w = watchdog(2);
    const errorPage = page('/screen/entrance', null);
    w.dog.watch(errorPage);
    w.advance(2 * MIN);
    expect(await w.dog.check()).toEqual(['/screen/entrance']);
    expect(errorPage.reload).toHaveBeenCalledWith('no live data for 2 min (no screen is showing)', { hung: false });
  });

  it('treats a page that does not answer as hung: the reload kills the renderer first', async () => {
    const w = watchdog(1);
    const hung = page('/screen/entrance', { live: 'live', lastMessageAt: null });
    hung.hung = true;
    w.dog.watch(hung);
    w.advance(MIN);
    expect(await w.dog.check()).toEqual(['/screen/entrance']);
    expect(hung.reload).toHaveBeenCalledWith('no live data for 1 min (the page does not answer)', { hung: true });
  });

  it('forgets destroyed windows', async () => {
    const w = watchdog(1);
    const gone = page('/screen/entrance', null);
    w.dog.watch(gone);
    gone.destroyed = true;
    w.advance(10 * MIN);
    expect(await w.dog.check()).toEqual([]);
    expect(gone.evaluate).not.toHaveBeenCalled();
  });
});

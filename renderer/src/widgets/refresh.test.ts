import { describe, expect, it } from 'vitest';
import { widgetRefreshMs } from './refresh.js';

describe('widget refresh (issue 10: ?refresh=0.0001 polled back to back)', () => {
  it('never polls more often than every 10 s, whatever the URL asks', () => {
    expect(widgetRefreshMs(0.0001, 300)).toBe(10_000);
    expect(widgetRefreshMs(0, 300)).toBe(10_000);
    expect(widgetRefreshMs(Number.NaN, 300)).toBe(300_000);
  });

  it('keeps the widget rate, or a slower one the URL asks for', () => {
    expect(widgetRefreshMs(null, 60)).toBe(60_000);
    expect(widgetRefreshMs(45, 300)).toBe(45_000);
  });
});

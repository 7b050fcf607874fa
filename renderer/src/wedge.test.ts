import { describe, expect, it } from 'vitest';
import { WedgeBuffer, isPrintable } from './wedge.js';

function feed(buffer: WedgeBuffer, keys: string[], start: number, stepMs = 20): (string | null)[] {
  return keys.map((key, i) => buffer.key(key, start + i * stepMs));
}

describe('WedgeBuffer', () => {
  it('returns the badge on Enter', () => {
    const results = feed(new WedgeBuffer(), ['1', '0', '0', '1', 'Enter'], 0);
    expect(results).toEqual([null, null, null, null, '1001']);
  });

  it('ignores non-printable keys and a bare Enter', () => {
    const buffer = new WedgeBuffer();
    expect(feed(buffer, ['Shift', 'A', 'b', 'ArrowUp', '7', 'Enter'], 0).at(-1)).toBe('Ab7');
    expect(buffer.key('Enter', 500)).toBeNull();
  });

  it('starts over when no key arrived for more than idleMs', () => {
    const buffer = new WedgeBuffer(1000);
    feed(buffer, ['5', '5'], 0);
    expect(feed(buffer, ['1', '0', '1', '0', 'Enter'], 2000).at(-1)).toBe('1010');
  });

  it('drops a stale buffer on a late Enter', () => {
    const buffer = new WedgeBuffer(1000);
    feed(buffer, ['4', '2'], 0);
    expect(buffer.key('Enter', 1500)).toBeNull();
  });

  it('knows printable keys', () => {
    expect(['a', '1', ' ', 'é', '#'].every(isPrintable)).toBe(true);
    expect(['Enter', 'Shift', 'F5', 'Dead', '\t'].some(isPrintable)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { normalizeBadge } from '../../gateway/checkin/badge.js';

describe('normalizeBadge', () => {
  it('reads hex ids in any spelling as one id', () => {
    for (const raw of ['00041A2B', '0004 1a2b', ' 00:04:1A:2B ', '41a2b']) {
      expect(normalizeBadge(raw, 'hex')).toBe('41A2B');
    }
  });

  it('turns a decimal card number into the same id as its hex form', () => {
    expect(normalizeBadge('0000268843', 'decimal')).toBe('41A2B');
    expect(normalizeBadge('268843', 'decimal')).toBe(normalizeBadge('41A2B', 'hex'));
  });

  it('keeps text ids (QR payloads, member numbers) apart from numbers, case-insensitively', () => {
    expect(normalizeBadge(' m-1001 ', 'hex')).toBe('M1001');
    expect(normalizeBadge('m 1001', 'text')).toBe('M1001');
    expect(normalizeBadge('0042', 'text')).toBe('0042');
  });

  it('keeps a lone zero and yields empty for blank input', () => {
    expect(normalizeBadge('0000', 'hex')).toBe('0');
    expect(normalizeBadge('   ', 'hex')).toBe('');
  });
});

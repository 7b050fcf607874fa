import { describe, expect, it } from 'vitest';
import { displayName } from '../../gateway/members/member.js';

describe('displayName', () => {
  it('shows first name and last initial, never the full name', () => {
    expect(displayName({ name: 'Anna Svensson', privacy: { leaderboard: 'name' } })).toBe('Anna S.');
    expect(displayName({ name: '  maja  von berg ', privacy: { leaderboard: 'name' } })).toBe('maja B.');
    expect(displayName({ name: 'Prince', privacy: { leaderboard: 'name' } })).toBe('Prince');
  });

  it('shows the alias when the member chose one', () => {
    expect(displayName({ name: 'Maja Berg', privacy: { leaderboard: 'alias', alias: 'Rowfast' } })).toBe('Rowfast');
    expect(displayName({ name: 'Maja Berg', privacy: { leaderboard: 'alias', alias: ' ' } })).toBe('Maja B.');
  });

  it('shows nothing for a hidden member', () => {
    expect(displayName({ name: 'Karin Ström', privacy: { leaderboard: 'hidden' } })).toBeNull();
  });
});

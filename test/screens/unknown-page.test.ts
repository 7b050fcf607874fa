import { describe, expect, it } from 'vitest';
import { isUnknownPage } from '../../shared/screens.js';

describe('unknown pages', () => {
  it('knows every screen and widget, and nothing else under /screen/ or /widgets/', () => {
    for (const known of ['/screen/entrance', '/screen/equipment', '/screen/playlist', '/screen/leaderboard/', '/widgets/daily-wod']) {
      expect(isUnknownPage(known), known).toBe(false);
    }
    for (const unknown of ['/screen/nope', '/screen/', '/widgets/entrance', '/screen/equipment/extra']) {
      expect(isUnknownPage(unknown), unknown).toBe(true);
    }
    for (const elsewhere of ['/', '/api/status', '/assets/index.js', '/healthz']) expect(isUnknownPage(elsewhere), elsewhere).toBe(false);
  });
});

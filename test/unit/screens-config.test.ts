import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../gateway/config/load.js';

const cwd = mkdtempSync(path.join(tmpdir(), 'floorgate-screens-config-'));

function withScreens(screens: unknown) {
  const file = path.join(cwd, `screens-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ screens }));
  return loadConfig({ env: {}, cwd, file });
}

describe('screens config', () => {
  it('has a default playlist, and keeps it beside the ones configured', () => {
    expect(loadConfig({ env: {}, cwd }).screens.playlists.default!.map((i) => i.screen)).toEqual([
      'leaderboard',
      'equipment',
      'wod',
      'achievements',
      'occupancy',
      'schedule',
    ]);
    const config = withScreens({ playlists: { lobby: [{ screen: 'wod', seconds: 30 }] } });
    expect(Object.keys(config.screens.playlists).sort()).toEqual(['default', 'lobby']);
    expect(config.screens.playlists.lobby).toEqual([{ screen: 'wod', params: {}, seconds: 30 }]);
  });

  it.each([
    [{ playlists: { lobby: [{ screen: 'leaderbord', seconds: 10 }] } }, /screens\.playlists\.lobby\.0\.screen: must be one of leaderboard, wod/],
    [{ playlists: { lobby: [{ screen: 'wod', seconds: 1 }] } }, /screens\.playlists\.lobby\.0\.seconds/],
    [{ playlists: { lobby: [] } }, /screens\.playlists\.lobby: must list at least one screen/],
    [{ widgets: { frameAncestors: ['evil.example; script-src *'] } }, /screens\.widgets\.frameAncestors\.0/],
    [{ equipment: { maxUpdatesPerSecond: 0 } }, /screens\.equipment\.maxUpdatesPerSecond/],
  ])('names the bad field: %o', (screens, message) => {
    expect(() => withScreens(screens)).toThrow(ConfigError);
    expect(() => withScreens(screens)).toThrow(message);
  });
});

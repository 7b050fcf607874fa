/** Names of the floor screens and widgets: plain values, so both the screens' bundle and the zod schemas use them. */

/** Screens a playlist can rotate through (`/screen/<name>`); the entrance takes input, so it is not one of them. */
export const PLAYLIST_SCREENS = ['leaderboard', 'wod', 'equipment', 'achievements', 'occupancy', 'schedule'] as const;

/** Every `/screen/<name>` and `/widgets/<name>` page; any other name is a 404 (the server's status and the page). */
export const SCREEN_NAMES = ['entrance', ...PLAYLIST_SCREENS, 'class', 'playlist'] as const;
export const WIDGET_NAMES = ['leaderboard', 'daily-wod', 'achievements', 'equipment-status'] as const;

/** True for a page path this box does not have ("/screen/nope"); false for known pages and everything else. */
export function isUnknownPage(pathname: string): boolean {
  const match = /^\/(screen|widgets)\/([^/?#]*)\/?$/.exec(pathname);
  if (!match) return /^\/(screen|widgets)\/.+\//.test(pathname);
  const names: readonly string[] = match[1] === 'screen' ? SCREEN_NAMES : WIDGET_NAMES;
  return !names.includes(match[2]!);
}

import { useNow } from './useNow.js';

/** The screen's local date (YYYY-MM-DD), refreshed each minute so a screen left on overnight moves to the new day. */
export function useToday(): string {
  const now = new Date(useNow(60_000));
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** The floor screens and widgets: names, parameters, and the HTTP answers they read. */
import type { EquipmentKind } from './equipment.js';

export { isUnknownPage, PLAYLIST_SCREENS, SCREEN_NAMES, WIDGET_NAMES } from './screen-names.js';

// The answers' shapes (and the playlist screens) are zod schemas in ./api/screens.ts; type-only here, so the
// screens' bundle stays free of zod.
export type {
  ChallengesAnswer,
  EquipmentAnswer,
  Playlist,
  PlaylistItem,
  PlaylistScreen,
  ScheduleAnswer,
  ScheduledClass,
  WodAnswer,
} from './api/screens.js';

/** Heart-rate zones 1–5 by share of max HR (50/60/70/80/90 %); 0 = below zone 1. */
export function heartRateZone(bpm: number, maxHr = 190): 0 | 1 | 2 | 3 | 4 | 5 {
  const share = bpm / maxHr;
  if (share >= 0.9) return 5;
  if (share >= 0.8) return 4;
  if (share >= 0.7) return 3;
  if (share >= 0.6) return 2;
  if (share >= 0.5) return 1;
  return 0;
}

export const EQUIPMENT_LABEL: Record<EquipmentKind, string> = {
  rower: 'Rower',
  bike: 'Bike',
  treadmill: 'Treadmill',
  cross_trainer: 'Cross trainer',
  ski: 'Ski erg',
  hr_strap: 'HR strap',
};

/** Achievements on the floor screens (room `location:{id}:achievements`): personal records and goals reached. */
import type { EquipmentKind } from './equipment.js';

export type AchievementKind = 'personal_record' | 'goal_reached';

export interface AchievementItem {
  id: string;
  kind: AchievementKind;
  at: string;
  /** "Anna S.", an alias, or null for a member who hides their name (shown without a name). */
  displayName: string | null;
  /** "2000 m row: 7:24.3" or "November 100K Row". */
  title: string;
  /** "Best 500 m pace", "Goal reached: 100 km", … */
  detail: string;
  equipmentType: EquipmentKind | null;
}

export interface AchievementsState {
  locationId: string;
  /** Newest first. */
  items: AchievementItem[];
}

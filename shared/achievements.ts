/** Achievements on the floor screens (room `location:{id}:achievements`): personal records, goals reached, class summaries. */
import { z } from 'zod';
import { equipmentKindSchema } from './equipment.js';

export const achievementKindSchema = z.enum(['personal_record', 'goal_reached', 'class_summary']);
export type AchievementKind = z.infer<typeof achievementKindSchema>;

export const achievementItemSchema = z.object({
  id: z.string(),
  kind: achievementKindSchema,
  at: z.string(),
  displayName: z.string().nullable().describe('"Anna S.", an alias, or null for a member who hides their name'),
  title: z.string().describe('"2000 m row: 7:24.3" or "November 100K Row"'),
  detail: z.string().describe('"Best 500 m pace", "Goal reached: 100 km", …'),
  equipmentType: equipmentKindSchema.nullable(),
});
export type AchievementItem = z.infer<typeof achievementItemSchema>;

export const achievementsStateSchema = z.object({
  locationId: z.string(),
  items: z.array(achievementItemSchema).describe('Newest first'),
});
export type AchievementsState = z.infer<typeof achievementsStateSchema>;

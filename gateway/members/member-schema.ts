import { z } from 'zod';
import { accessWindowSchema } from '../config/schema.js';
import type { Member } from './member.js';
import { stripUnsafeText } from './safe-text.js';

/** A member as the cloud's athlete list and roster files describe it (cloud-api.md). */
export const memberSchema = z.object({
  id: z.string().overwrite(stripUnsafeText).trim().min(1, 'is required'),
  name: z.string().overwrite(stripUnsafeText).trim().min(1, 'is required'),
  badgeIds: z.array(z.string().overwrite(stripUnsafeText).trim().min(1)).default([]),
  membership: z.object({
    status: z.enum(['active', 'expired', 'frozen', 'suspended']),
    plan: z.string().optional(),
    validUntil: z.iso.date({ error: 'must be a date YYYY-MM-DD' }).nullable().default(null),
    accessHours: z.array(accessWindowSchema).optional(),
  }),
  waiverSigned: z.boolean(),
  privacy: z
    .object({ leaderboard: z.enum(['name', 'alias', 'hidden']), alias: z.string().overwrite(stripUnsafeText).optional() })
    .default({ leaderboard: 'name' }),
}) satisfies z.ZodType<Member, unknown>;

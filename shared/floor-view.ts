/**
 * The floor's view (which boxes, which reachable) and the box id: apart from shared/floor.ts so that
 * shared/status.ts can carry the view without importing the equipment and session schemas (no import cycle).
 */
import { z } from 'zod';

/** Letters, digits, `_ . -`: safe inside a topic level, a file name and a room name. */
export const BOX_ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
export const boxIdSchema = z.string().regex(BOX_ID_PATTERN, 'letters, digits, _ . - only (1 to 64)');

/** One box as another box sees it. */
export const floorBoxSchema = z.object({
  boxId: boxIdSchema,
  name: z.string(),
  self: z.boolean(),
  reachable: z.boolean(),
  since: z.string().nullable().describe('Reachable: since when. Unreachable: since when ("Upstairs box unreachable since 12:03")'),
  machines: z.number().int().min(0),
});
export type FloorBox = z.infer<typeof floorBoxSchema>;

/** The floor for screens (live room `location:<id>:floor`) and for staff (`/api/status` → `floor`). */
export const floorViewSchema = z.object({
  enabled: z.boolean().describe('False: a box on its own (no broker configured)'),
  boxId: boxIdSchema,
  broker: z.enum(['connected', 'connecting', 'unreachable', 'none']),
  brokerSince: z.string().nullable(),
  boxes: z.array(floorBoxSchema),
  pending: z.number().int().min(0).describe('Facts this box has not yet told the floor (its outbox lane `floor`)'),
  malformed: z.number().int().min(0).describe('Messages heard from the floor since start that failed their schema: counted and dropped'),
  summary: z.string().describe('The floor in words for staff, e.g. "3 boxes; Upstairs unreachable since 12:03 — each door decides alone"'),
});
export type FloorView = z.infer<typeof floorViewSchema>;

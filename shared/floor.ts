/**
 * The floor mesh's contract (MQTT): several boxes of one gym join into one floor through a broker. Topic names and
 * payloads are defined once here; the gateway publishes and parses them, `docs/floor-mqtt.asyncapi.json` is written
 * from them, and the screens read the floor's view (`FloorView`) from the live hub.
 *
 * Every topic is under `floorgate/<locationId>/<boxId>/`: a box publishes only under its own id (the broker's ACL
 * says so). `facts` carries member ids and is for boxes only; `presence` and everything under `public/` carry display
 * names only, for read-only integrations (Home Assistant, Node-RED).
 */
import { z } from 'zod';
import { checkInMethodSchema, decisionSchema, denialCodeSchema } from './checkin.js';
import { equipmentKindSchema, equipmentTileSchema } from './equipment.js';
import { BOX_ID_PATTERN, boxIdSchema } from './floor-view.js';
import { equipmentSessionSchema, sessionSummarySchema } from './sessions.js';

export { BOX_ID_PATTERN, boxIdSchema };

export const FLOOR_ROOT = 'floorgate';

/** Topic names. `+` wildcards for subscriptions are built from the same pieces. */
export const floorTopics = {
  /** Retained, QoS 1; the box's last will sets `online: false`. Public. */
  presence: (locationId: string, boxId: string) => `${FLOOR_ROOT}/${locationId}/${boxId}/presence`,
  /** QoS 1, not retained, replayed from the box's outbox lane after a partition. Boxes only (member ids). */
  facts: (locationId: string, boxId: string) => `${FLOOR_ROOT}/${locationId}/${boxId}/facts`,
  /** Retained, QoS 1: a machine's tile whenever its state (in use, idle, offline, error) or rider changes. Public. */
  machineState: (locationId: string, boxId: string, equipmentId: string) =>
    `${FLOOR_ROOT}/${locationId}/${boxId}/public/machines/${equipmentId}/state`,
  /** QoS 0, never queued: the tile's live figures, at most `equipment.maxUpdatesPerSecond` per machine. Public. */
  machineReading: (locationId: string, boxId: string, equipmentId: string) =>
    `${FLOOR_ROOT}/${locationId}/${boxId}/public/machines/${equipmentId}/reading`,
  /** QoS 1: each admission decided at this box's doors (display name only). Public. */
  admissions: (locationId: string, boxId: string) => `${FLOOR_ROOT}/${locationId}/${boxId}/public/admissions`,
  /** QoS 1: each session finished on this box's machines (display name only). Public. */
  sessions: (locationId: string, boxId: string) => `${FLOOR_ROOT}/${locationId}/${boxId}/public/sessions`,
  /** Retained, QoS 1: the whole floor's occupancy as this box counts it. Public. */
  occupancy: (locationId: string, boxId: string) => `${FLOOR_ROOT}/${locationId}/${boxId}/public/occupancy`,
} as const;

/** What a box subscribes to: every box of its floor (its own messages are dropped on arrival). */
export const floorSubscriptions = (locationId: string) => [
  `${FLOOR_ROOT}/${locationId}/+/presence`,
  `${FLOOR_ROOT}/${locationId}/+/facts`,
  `${FLOOR_ROOT}/${locationId}/+/public/machines/+/state`,
  `${FLOOR_ROOT}/${locationId}/+/public/machines/+/reading`,
];

/** `floorgate/<locationId>/<boxId>/…` → its parts, or null for a topic that is not ours. */
export function parseFloorTopic(topic: string): { locationId: string; boxId: string; rest: string[] } | null {
  const [root, locationId, boxId, ...rest] = topic.split('/');
  if (root !== FLOOR_ROOT || !locationId || !boxId || !BOX_ID_PATTERN.test(boxId) || rest.length === 0) return null;
  return { locationId, boxId, rest };
}

export const boxPresenceSchema = z.object({
  boxId: boxIdSchema,
  name: z.string().describe('What staff call the box, e.g. "Upstairs"'),
  online: z.boolean().describe('False in the last will: the broker publishes it when the box vanishes'),
  since: z.string().describe('When the box came online (or, in a clean goodbye, went offline)'),
  version: z.string(),
});
export type BoxPresence = z.infer<typeof boxPresenceSchema>;

/** A check-in as the floor needs it for occupancy and anti-passback: the cloud's `check_in` payload, and the name. */
export const floorCheckInSchema = z.object({
  memberId: z.string().nullable(),
  locationId: z.string(),
  badgeId: z.string(),
  method: checkInMethodSchema,
  decision: decisionSchema,
  reason: denialCodeSchema.optional(),
  decidedAt: z.string(),
  offline: z.boolean(),
  source: z.string(),
  memberDisplayName: z.string().nullable(),
});

/** Facts a box tells the floor (through its outbox lane `floor`, so a box cut off tells what it missed). */
export const floorFactSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('check_in'), eventId: z.string(), boxId: boxIdSchema, at: z.string(), checkIn: floorCheckInSchema }),
  z.object({
    type: z.literal('equipment_session'),
    eventId: z.string(),
    boxId: boxIdSchema,
    at: z.string(),
    session: equipmentSessionSchema.extend({ memberDisplayName: z.string().nullable() }),
  }),
]);
export type FloorFact = z.infer<typeof floorFactSchema>;

/** A machine's tile as the floor sees it: which box reads it, and what that box calls itself (both required here). */
export const floorTileSchema = equipmentTileSchema.extend({ boxId: boxIdSchema, boxName: z.string() });
export type FloorTile = z.infer<typeof floorTileSchema>;

export const publicAdmissionSchema = z.object({
  eventId: z.string(),
  boxId: boxIdSchema,
  decidedAt: z.string(),
  decision: decisionSchema,
  reason: denialCodeSchema.optional(),
  displayName: z.string().nullable().describe('"Anna S.", an alias, or null (hidden or unknown badge); never a member id'),
  source: z.string().describe('Which reader or screen'),
});
export type PublicAdmission = z.infer<typeof publicAdmissionSchema>;

export const publicSessionSchema = z.object({
  eventId: z.string(),
  boxId: boxIdSchema,
  equipmentName: z.string(),
  equipmentType: equipmentKindSchema,
  displayName: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string(),
  summary: sessionSummarySchema,
});
export type PublicSession = z.infer<typeof publicSessionSchema>;

export const publicOccupancySchema = z.object({
  boxId: boxIdSchema,
  count: z.number().int().min(0),
  capacity: z.number().nullable(),
  peakToday: z.number().int().min(0),
  updatedAt: z.string(),
  partitioned: z.boolean().describe('True while this box cannot hear every box it knows: the count is its own doors only'),
});
export type PublicOccupancy = z.infer<typeof publicOccupancySchema>;

export { floorBoxSchema, floorViewSchema, type FloorBox, type FloorView } from './floor-view.js';

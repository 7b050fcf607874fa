import {
  boxPresenceSchema,
  floorFactSchema,
  floorTileSchema,
  parseFloorTopic,
  type BoxPresence,
  type FloorFact,
  type FloorTile,
} from '../../shared/floor.js';

/** A message from the floor, checked against the shared schemas. */
export type FloorMessage =
  | { kind: 'presence'; boxId: string; presence: BoxPresence }
  | { kind: 'fact'; boxId: string; fact: FloorFact }
  | { kind: 'tile'; boxId: string; tile: FloorTile };

export type FloorMessageResult = FloorMessage | { kind: 'ignored' } | { kind: 'malformed'; error: string };

/**
 * Topic + bytes → a typed floor message (pure). `ignored`: another location, or this box's own echo. `malformed`:
 * bad JSON, a payload the schema refuses, or a payload that claims another box than its topic (a box may publish
 * under its own id only) — counted and dropped by the caller, never thrown.
 */
export function parseFloorMessage(topic: string, payload: Buffer, here: { locationId: string; boxId: string }): FloorMessageResult {
  const parts = parseFloorTopic(topic);
  if (!parts) return { kind: 'malformed', error: `not a floor topic: ${topic.slice(0, 120)}` };
  if (parts.locationId !== here.locationId || parts.boxId === here.boxId) return { kind: 'ignored' };
  const { boxId, rest } = parts;
  // An empty retained message clears a topic (a box removed by staff): nothing to read.
  if (payload.length === 0) return { kind: 'ignored' };
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch {
    return { kind: 'malformed', error: `${topic}: not JSON` };
  }
  const route = rest.join('/');
  const check = <T extends { boxId: string }>(parsed: { success: true; data: T } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } }) => {
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false as const, error: `${topic}: ${issue ? `${issue.path.join('.') || '(payload)'}: ${issue.message}` : 'invalid'}` };
    }
    if (parsed.data.boxId !== boxId) return { ok: false as const, error: `${topic}: payload says box ${parsed.data.boxId}` };
    return { ok: true as const, data: parsed.data };
  };
  if (route === 'presence') {
    const r = check(boxPresenceSchema.safeParse(json));
    return !r.ok ? { kind: 'malformed', error: r.error } : { kind: 'presence', boxId, presence: r.data };
  }
  if (route === 'facts') {
    const r = check(floorFactSchema.safeParse(json));
    if (!r.ok) return { kind: 'malformed', error: r.error };
    if (r.data.type === 'check_in' && r.data.checkIn.locationId !== here.locationId) {
      return { kind: 'malformed', error: `${topic}: a check-in at location ${r.data.checkIn.locationId}` };
    }
    return { kind: 'fact', boxId, fact: r.data };
  }
  if (rest.length === 4 && rest[0] === 'public' && rest[1] === 'machines' && (rest[3] === 'state' || rest[3] === 'reading')) {
    const r = check(floorTileSchema.safeParse(json));
    if (!r.ok) return { kind: 'malformed', error: r.error };
    if (r.data.equipmentId !== rest[2]) return { kind: 'malformed', error: `${topic}: payload is machine ${r.data.equipmentId}` };
    return { kind: 'tile', boxId, tile: r.data };
  }
  return { kind: 'ignored' }; // public topics boxes do not subscribe to, or newer ones
}

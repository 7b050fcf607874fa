import type { EquipmentTile } from '../../shared/equipment.js';
import type { FloorFact, FloorTile, PublicAdmission, PublicOccupancy, PublicSession } from '../../shared/floor.js';
import type { OccupancyState } from '../../shared/occupancy.js';
import type { CheckInPayload } from '../checkin/payload.js';
import type { EquipmentSessionPayload } from '../sessions/service.js';
import type { JournalEntry } from '../store/journal.js';

/** The public name of a member ("Anna S.", an alias) or null (hidden, unknown). */
export type NameOf = (memberId: string) => string | null;

/**
 * A journaled fact as the floor hears it, or null for facts the floor does not need. Pure: the body is made once,
 * in the fact's transaction, so every retry after a partition sends the same bytes.
 */
export function floorFactOf(entry: JournalEntry<unknown>, boxId: string, nameOf: NameOf): FloorFact | null {
  const at = entry.occurredAt.toISOString();
  if (entry.type === 'check_in') {
    const p = entry.payload as CheckInPayload;
    return {
      type: 'check_in',
      eventId: entry.eventId,
      boxId,
      at,
      checkIn: {
        memberId: p.memberId,
        locationId: p.locationId,
        badgeId: p.badgeId,
        method: p.method,
        decision: p.decision,
        ...(p.reason ? { reason: p.reason } : {}),
        decidedAt: p.decidedAt,
        offline: p.offline,
        source: p.source,
        memberDisplayName: p.memberId ? nameOf(p.memberId) : null,
      },
    };
  }
  if (entry.type === 'equipment_session') {
    const p = entry.payload as EquipmentSessionPayload;
    return {
      type: 'equipment_session',
      eventId: entry.eventId,
      boxId,
      at,
      session: {
        eventId: entry.eventId,
        equipmentId: p.equipmentId,
        equipmentName: p.equipmentName,
        equipmentType: p.equipmentType,
        memberId: p.memberId,
        startedAt: p.startedAt,
        endedAt: p.endedAt,
        summary: p.summary,
        memberDisplayName: p.memberId ? nameOf(p.memberId) : null,
      },
    };
  }
  return null;
}

/** What a read-only integration may see of a fact: display names, never member ids or badges. */
export function publicMessageOf(fact: FloorFact): { kind: 'admission'; body: PublicAdmission } | { kind: 'session'; body: PublicSession } {
  if (fact.type === 'check_in') {
    const c = fact.checkIn;
    return {
      kind: 'admission',
      body: {
        eventId: fact.eventId,
        boxId: fact.boxId,
        decidedAt: c.decidedAt,
        decision: c.decision,
        ...(c.reason ? { reason: c.reason } : {}),
        displayName: c.memberDisplayName,
        source: c.source,
      },
    };
  }
  const s = fact.session;
  return {
    kind: 'session',
    body: {
      eventId: fact.eventId,
      boxId: fact.boxId,
      equipmentName: s.equipmentName,
      equipmentType: s.equipmentType,
      displayName: s.memberDisplayName,
      startedAt: s.startedAt,
      endedAt: s.endedAt,
      summary: s.summary,
    },
  };
}

export function publicOccupancyOf(state: OccupancyState, boxId: string, partitioned: boolean): PublicOccupancy {
  return { boxId, count: state.count, capacity: state.capacity, peakToday: state.peakToday, updatedAt: state.updatedAt, partitioned };
}

/** This box's tile for the floor (the board stamps boxId/boxName on its own tiles when the floor is on). */
export function floorTileOf(tile: EquipmentTile, box: { boxId: string; boxName: string }): FloorTile {
  return { ...tile, boxId: box.boxId, boxName: box.boxName };
}

/** Machine state is retained: republished only when what a glance shows changes (state, rider, fault), not per reading. */
export function machineStateKey(tile: EquipmentTile): string {
  return JSON.stringify([tile.state, tile.memberDisplayName, tile.problem?.code ?? null, tile.stale ?? false]);
}

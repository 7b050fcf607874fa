import type { WebhookEventType } from '../../shared/webhooks.js';
import type { JournalEntry } from '../store/journal.js';

/** A journaled fact as a webhook event, before a destination's privacy settings are applied. */
export interface WebhookFact {
  type: WebhookEventType;
  locationId: string | null;
  /** The reader or screen a check-in (or the door's check-in) came from. */
  reader: string | null;
  memberId: string | null;
  /** `test` events go to this destination only. */
  destination?: string;
  data: Record<string, unknown>;
}

/** The local facts this module journals (kept on the box; see journal.ts LocalEventType). */
export interface DoorOpenedPayload {
  doorId: string;
  doorName: string;
  locationId: string;
  checkInEventId: string | null;
  memberId: string | null;
  reader: string | null;
  openSeconds: number;
}
export interface AchievementPayload {
  achievementId: string;
  kind: 'personal_record' | 'goal_reached';
  memberId: string;
  locationId: string;
  title: string;
  detail: string;
  equipmentType: string | null;
  at: string;
}
export interface DeviceHealthPayload {
  deviceId: string;
  name: string;
  kind: string;
  state: string;
  detail: string | null;
  equipmentId: string | null;
  locationId: string;
  problem: boolean;
}
export interface WebhookTestPayload {
  destination: string;
  locationId: string;
}

type Payload = Record<string, any>;

/** Which webhook event a journaled fact is, if any (pure). */
export function webhookFactOf(entry: Pick<JournalEntry<unknown>, 'type' | 'payload'>): WebhookFact | null {
  const p = entry.payload as Payload;
  switch (entry.type) {
    case 'check_in':
      return {
        type: p.decision === 'accepted' ? 'member.checked_in' : 'member.denied',
        locationId: p.locationId,
        reader: p.source,
        memberId: p.memberId,
        data: {
          locationId: p.locationId,
          reader: p.source,
          method: p.method,
          decidedAt: p.decidedAt,
          offline: p.offline,
          ...(p.decision === 'denied' ? { reason: { code: p.reason ?? 'unknown' } } : {}),
        },
      };
    case 'equipment_session':
      return {
        type: 'workout.completed',
        locationId: p.locationId,
        reader: null,
        memberId: p.memberId,
        data: {
          sessionId: p.sessionId,
          locationId: p.locationId,
          equipment: { id: p.equipmentId, name: p.equipmentName, type: p.equipmentType },
          startedAt: p.startedAt,
          endedAt: p.endedAt,
          summary: p.summary,
          ...(p.claimOf ? { claimOf: p.claimOf } : {}),
        },
      };
    case 'achievement':
      return {
        type: p.kind === 'personal_record' ? 'record.set' : 'goal.achieved',
        locationId: p.locationId,
        reader: null,
        memberId: p.memberId,
        // No achievement id: a goal's id names the member (the webhook-id already identifies the event).
        data: { kind: p.kind, locationId: p.locationId, title: p.title, detail: p.detail, equipmentType: p.equipmentType, at: p.at },
      };
    case 'door_opened':
      return {
        type: 'door.opened',
        locationId: p.locationId,
        reader: p.reader,
        memberId: p.memberId,
        data: { door: { id: p.doorId, name: p.doorName }, locationId: p.locationId, reader: p.reader, checkInEventId: p.checkInEventId, openSeconds: p.openSeconds },
      };
    case 'device_health':
      return {
        type: p.problem ? 'device.problem' : 'device.recovered',
        locationId: p.locationId,
        reader: null,
        memberId: null,
        data: {
          device: { id: p.deviceId, name: p.name, kind: p.kind, equipmentId: p.equipmentId },
          locationId: p.locationId,
          state: p.state,
          detail: p.detail,
        },
      };
    case 'webhook_test':
      return {
        type: 'test',
        locationId: p.locationId,
        reader: null,
        memberId: null,
        destination: p.destination,
        data: { locationId: p.locationId, message: 'Test event from Floorgate: if you can read this, the destination works.' },
      };
    default:
      return null;
  }
}

export interface RouteRules {
  name: string;
  events: readonly WebhookEventType[];
  filters: { locations: readonly string[]; readers: readonly string[] };
}

/** Does this destination want this fact? Filters apply where the fact has that property (pure). */
export function wants(rules: RouteRules, fact: WebhookFact): boolean {
  if (fact.type === 'test') return fact.destination === rules.name;
  if (!rules.events.includes(fact.type)) return false;
  if (rules.filters.locations.length > 0 && fact.locationId !== null && !rules.filters.locations.includes(fact.locationId)) return false;
  if (rules.filters.readers.length > 0 && fact.reader !== null && !rules.filters.readers.includes(fact.reader)) return false;
  return true;
}

export interface MemberFacts {
  displayName: string | null;
  fullName: string | null;
}

/** The body sent to one destination: display names only unless it is set to receive ids and full names (pure). */
export function webhookBody(
  fact: WebhookFact,
  occurredAt: Date,
  member: MemberFacts | null,
  include: { memberIds: boolean; fullNames: boolean },
): string {
  const data: Record<string, unknown> = { ...fact.data };
  if (fact.type !== 'test' && !fact.type.startsWith('device.')) {
    data.member =
      fact.memberId === null
        ? null
        : {
            displayName: member?.displayName ?? null,
            ...(include.memberIds ? { id: fact.memberId } : {}),
            ...(include.fullNames ? { fullName: member?.fullName ?? null } : {}),
          };
  }
  return JSON.stringify({ type: fact.type, timestamp: occurredAt.toISOString(), data });
}

/** Floor messages in and out: schema-checked, own-box and foreign-location dropped, public topics without member ids. */
import { describe, expect, it } from 'vitest';
import { floorTopics, type FloorFact } from '../../shared/floor.js';
import { parseFloorMessage } from '../../gateway/floor/incoming.js';
import { redactBrokerUrl } from '../../gateway/floor/mqtt-link.js';
import { floorFactOf, publicMessageOf } from '../../gateway/floor/outgoing.js';

const here = { locationId: 'main', boxId: 'entrance' };
const summary = { distanceM: 2000, durationS: 480, avgPowerW: 180, maxPowerW: null, avgPaceSecPer500m: 120, avgSpeedMps: null, avgStrokeRateSpm: null, avgCadenceRpm: null, energyKcal: null, avgHeartRateBpm: null, maxHeartRateBpm: null };
const checkInFact: FloorFact = {
  type: 'check_in',
  eventId: 'e-1',
  boxId: 'upstairs',
  at: '2026-11-29T11:00:00.000Z',
  checkIn: { memberId: 'm-anna', locationId: 'main', badgeId: '1001', method: 'badge', decision: 'accepted', decidedAt: '2026-11-29T11:00:00.000Z', offline: true, source: 'door-1', memberDisplayName: 'Anna S.' },
};
const bytes = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('incoming floor messages', () => {
  it('a fact from another box of this location is read', () => {
    expect(parseFloorMessage(floorTopics.facts('main', 'upstairs'), bytes(checkInFact), here)).toEqual({ kind: 'fact', boxId: 'upstairs', fact: checkInFact });
  });

  it("this box's own echo and other locations are ignored", () => {
    expect(parseFloorMessage(floorTopics.facts('main', 'entrance'), bytes({ ...checkInFact, boxId: 'entrance' }), here)).toEqual({ kind: 'ignored' });
    expect(parseFloorMessage(floorTopics.facts('other-gym', 'upstairs'), bytes(checkInFact), here)).toEqual({ kind: 'ignored' });
  });

  it('malformed messages say why, and never throw', () => {
    const cases: Array<[string, Buffer, RegExp]> = [
      [floorTopics.facts('main', 'upstairs'), Buffer.from('{not json'), /not JSON/],
      [floorTopics.facts('main', 'upstairs'), bytes({ ...checkInFact, type: 'door_opened' }), /type/],
      [floorTopics.facts('main', 'upstairs'), bytes({ ...checkInFact, boxId: 'side' }), /payload says box side/],
      [floorTopics.facts('main', 'upstairs'), bytes({ ...checkInFact, checkIn: { ...checkInFact.checkIn, locationId: 'elsewhere' } }), /location elsewhere/],
      [floorTopics.presence('main', 'upstairs'), bytes({ boxId: 'upstairs', online: 'yes' }), /presence/],
      [floorTopics.machineState('main', 'upstairs', 'rower-1'), bytes({ equipmentId: 'rower-2', name: 'R', kind: 'rower', state: 'idle', memberDisplayName: null, metrics: {}, updatedAt: 'x', boxId: 'upstairs', boxName: 'Up' }), /machine rower-2/],
      ['floorgate/main/bad box/facts', bytes(checkInFact), /not a floor topic/],
    ];
    for (const [topic, payload, error] of cases) {
      const result = parseFloorMessage(topic, payload, here);
      expect(result.kind, topic).toBe('malformed');
      expect((result as { error: string }).error).toMatch(error);
    }
  });

  it('an empty retained message (a cleared topic) is nothing to read', () => {
    expect(parseFloorMessage(floorTopics.presence('main', 'upstairs'), Buffer.alloc(0), here)).toEqual({ kind: 'ignored' });
  });
});

describe('outgoing floor messages', () => {
  it('a journaled check-in becomes a floor fact with the public name; other facts stay on the box', () => {
    const entry = {
      seq: 7,
      eventId: 'e-7',
      type: 'check_in' as const,
      occurredAt: new Date('2026-11-29T11:00:00Z'),
      payload: { memberId: 'm-anna', locationId: 'main', badgeId: '1001', method: 'badge', decision: 'accepted', decidedAt: '2026-11-29T11:00:00.000Z', offline: false, source: 'door-1', staffNote: { reason: 'x', by: 'staff' } },
    };
    expect(floorFactOf(entry, 'entrance', () => 'Anna S.')).toEqual({
      type: 'check_in',
      eventId: 'e-7',
      boxId: 'entrance',
      at: '2026-11-29T11:00:00.000Z',
      checkIn: { memberId: 'm-anna', locationId: 'main', badgeId: '1001', method: 'badge', decision: 'accepted', decidedAt: '2026-11-29T11:00:00.000Z', offline: false, source: 'door-1', memberDisplayName: 'Anna S.' },
    });
    expect(floorFactOf({ ...entry, type: 'machine_claim' }, 'entrance', () => null)).toBeNull();
    expect(floorFactOf({ ...entry, type: 'door_opened' }, 'entrance', () => null)).toBeNull();
  });

  it('public twins carry display names only: no member id, no badge', () => {
    const admission = publicMessageOf(checkInFact);
    expect(admission).toEqual({
      kind: 'admission',
      body: { eventId: 'e-1', boxId: 'upstairs', decidedAt: '2026-11-29T11:00:00.000Z', decision: 'accepted', displayName: 'Anna S.', source: 'door-1' },
    });
    const session = publicMessageOf({
      type: 'equipment_session',
      eventId: 'e-2',
      boxId: 'upstairs',
      at: '2026-11-29T11:10:00.000Z',
      session: { eventId: 'e-2', equipmentId: 'rower-1', equipmentName: 'Rower 1', equipmentType: 'rower', memberId: 'm-karin', startedAt: '2026-11-29T11:00:00.000Z', endedAt: '2026-11-29T11:08:00.000Z', summary, memberDisplayName: null },
    });
    expect(JSON.stringify([admission, session])).not.toMatch(/m-anna|m-karin|1001|memberId|badgeId/);
    expect(session.body).toMatchObject({ displayName: null, equipmentName: 'Rower 1' });
  });

  it('logs name the broker without its credentials', () => {
    expect(redactBrokerUrl('mqtts://upstairs:s3cret@broker.gym.lan:8883')).toBe('mqtts://broker.gym.lan:8883');
    expect(redactBrokerUrl('mqtt://10.0.0.5:1883/')).toBe('mqtt://10.0.0.5:1883');
  });
});

/**
 * Messages made with the shared types, published with the QoS and retain the AsyncAPI document gives, through the
 * real embedded broker, arrive as the document's JSON schemas describe (checked with Ajv, not with zod).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import {
  floorTopics,
  type BoxPresence,
  type FloorFact,
  type FloorTile,
  type PublicAdmission,
  type PublicOccupancy,
  type PublicSession,
} from '../../shared/floor.js';
import { hashPassword } from '../../gateway/floor/broker-accounts.js';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../gateway/floor/embedded-broker.js';
import { channelFor, floorDoc } from '../support/floor-asyncapi.js';
import { tempDataDir } from '../support/gateway.js';

const GYM = 'gym-1';
const doc = floorDoc;

let broker: EmbeddedBroker | null = null;
const clients: MqttClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.endAsync(true)));
  await broker?.close();
  broker = null;
});

async function connect(user: string, options: mqtt.IClientOptions = {}): Promise<MqttClient> {
  const client = await mqtt.connectAsync(broker!.url, { username: user, password: `${user}-pw`, reconnectPeriod: 0, ...options });
  clients.push(client);
  return client;
}

const at = '2026-11-29T17:00:00.000Z';
const tile: FloorTile = {
  equipmentId: 'rower-3',
  name: 'Rower 3',
  kind: 'rower',
  state: 'in_use',
  memberDisplayName: 'Anna S.',
  metrics: { paceSecPer500m: 118.4, strokeRateSpm: 26, distanceM: 1520, elapsedS: 372, heartRateBpm: 151 },
  updatedAt: at,
  boxId: 'upstairs',
  boxName: 'Upstairs',
};
const summary = { distanceM: 2000, durationS: 470, avgPowerW: 210, maxPowerW: 260, avgPaceSecPer500m: 117.5, avgSpeedMps: 4.26, avgStrokeRateSpm: 27, avgCadenceRpm: null, energyKcal: 130, avgHeartRateBpm: 155, maxHeartRateBpm: 171 };

/** One real message for each topic of the floor, typed by the shared schemas. */
function floorMessages(): Array<{ topic: string; payload: unknown }> {
  const presence: BoxPresence = { boxId: 'upstairs', name: 'Upstairs', online: true, since: at, version: '0.1.0' };
  const checkInFact: FloorFact = {
    type: 'check_in',
    eventId: '019ad2f0-0000-7000-8000-000000000001',
    boxId: 'upstairs',
    at,
    checkIn: { memberId: 'm-1001', locationId: GYM, badgeId: '1001', method: 'badge', decision: 'accepted', decidedAt: at, offline: false, source: 'door-2', memberDisplayName: 'Anna S.' },
  };
  const sessionFact: FloorFact = {
    type: 'equipment_session',
    eventId: '019ad2f0-0000-7000-8000-000000000002',
    boxId: 'upstairs',
    at,
    session: { eventId: '019ad2f0-0000-7000-8000-000000000002', equipmentId: 'rower-3', equipmentName: 'Rower 3', equipmentType: 'rower', memberId: 'm-1001', startedAt: at, endedAt: at, summary, memberDisplayName: 'Anna S.' },
  };
  const admission: PublicAdmission = { eventId: checkInFact.eventId, boxId: 'upstairs', decidedAt: at, decision: 'denied', reason: 'anti_passback', displayName: null, source: 'door-2' };
  const session: PublicSession = { eventId: sessionFact.eventId, boxId: 'upstairs', equipmentName: 'Rower 3', equipmentType: 'rower', displayName: 'Anna S.', startedAt: at, endedAt: at, summary };
  const occupancy: PublicOccupancy = { boxId: 'upstairs', count: 17, capacity: 60, peakToday: 23, updatedAt: at, partitioned: false };
  return [
    { topic: floorTopics.presence(GYM, 'upstairs'), payload: presence },
    { topic: floorTopics.facts(GYM, 'upstairs'), payload: checkInFact },
    { topic: floorTopics.facts(GYM, 'upstairs'), payload: sessionFact },
    { topic: floorTopics.machineState(GYM, 'upstairs', 'rower-3'), payload: tile },
    { topic: floorTopics.machineReading(GYM, 'upstairs', 'rower-3'), payload: { ...tile, metrics: { ...tile.metrics, distanceM: 1524 } } },
    { topic: floorTopics.admissions(GYM, 'upstairs'), payload: admission },
    { topic: floorTopics.sessions(GYM, 'upstairs'), payload: session },
    { topic: floorTopics.occupancy(GYM, 'upstairs'), payload: occupancy },
  ];
}

describe('floor messages through a real broker match the AsyncAPI document', () => {
  it('every message of every topic, and the last will, validates against its channel schema', async () => {
    const accountsFile = path.join(tempDataDir(), 'accounts.json');
    const accounts = await Promise.all(
      ['upstairs', 'entrance'].map(async (user) => ({ user, role: 'box', passwordHash: await hashPassword(`${user}-pw`, { N: 1024, r: 8, p: 1 }) })),
    );
    writeFileSync(accountsFile, JSON.stringify({ accounts }), { mode: 0o600 });
    broker = await startEmbeddedBroker({ port: 0, host: '127.0.0.1', accountsFile, locationId: GYM, log: pino({ level: 'silent' }) });

    const receiver = await connect('entrance');
    const received: Array<{ topic: string; payload: Buffer; qos: number }> = [];
    let wake: (() => void) | null = null;
    receiver.on('message', (topic, payload, packet) => {
      received.push({ topic, payload, qos: packet.qos });
      wake?.();
    });
    const until = async (count: number) => {
      while (received.length < count) await new Promise<void>((resolve) => (wake = resolve));
    };
    await receiver.subscribeAsync(`floorgate/${GYM}/#`, { qos: 1 });

    const { lastWill } = doc.servers.embedded.bindings.mqtt;
    const goodbye: BoxPresence = { boxId: 'upstairs', name: 'Upstairs', online: false, since: at, version: '0.1.0' };
    const box = await connect('upstairs', {
      will: { topic: lastWill.topic.replace('{locationId}', GYM).replace('{boxId}', 'upstairs'), payload: Buffer.from(JSON.stringify(goodbye)), qos: lastWill.qos, retain: lastWill.retain },
    });
    const messages = floorMessages();
    for (const message of messages) {
      const { qos, retain } = channelFor(message.topic);
      await box.publishAsync(message.topic, JSON.stringify(message.payload), { qos, retain });
    }
    await until(messages.length);
    box.stream.destroy(); // the will
    await until(messages.length + 1);

    const channelsSeen = new Set<string>();
    for (const message of received) {
      const channel = channelFor(message.topic);
      channelsSeen.add(channel.name);
      expect(message.qos, message.topic).toBe(channel.qos);
      const valid = channel.validate(JSON.parse(message.payload.toString()));
      expect(valid ? null : channel.validate.errors, message.topic).toBeNull();
    }
    expect([...channelsSeen].sort()).toEqual(Object.keys(doc.channels).sort());
    expect(JSON.parse(received.at(-1)!.payload.toString())).toEqual(goodbye);
  });

  it('the schemas refuse what the contract forbids: a member id on a public topic, a missing field, an unknown state', () => {
    const [, , , , , admission, , occupancy] = floorMessages();
    const admissions = channelFor(admission!.topic);
    expect(admissions.validate(admission!.payload)).toBe(true);
    expect(admissions.validate({ ...(admission!.payload as object), memberId: 'm-1001' })).toBe(false);
    const occupancies = channelFor(occupancy!.topic);
    const { count: _count, ...withoutCount } = occupancy!.payload as PublicOccupancy;
    expect(occupancies.validate(withoutCount)).toBe(false);
    expect(channelFor(floorTopics.machineState(GYM, 'upstairs', 'rower-3')).validate({ ...tile, state: 'sleeping' })).toBe(false);
  });
});

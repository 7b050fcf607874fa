/**
 * Load for bench/floor-brokers.ts, in a child process (forked with IPC): the floor traffic of some gyms, each as
 * its boxes would send it. Per box one MQTT connection (as a gateway has) that publishes its machines' readings
 * (QoS 0), its facts, admissions and sessions (QoS 1), machine state, occupancy and presence (retained, with a last
 * will), and subscribes to its floor (`floorSubscriptions`). A gym's boxes live in one process, so publish → receive
 * latency is measured on one clock (`performance.now()` carried first in the payload).
 */
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import mqtt, { type MqttClient } from 'mqtt';
import { floorSubscriptions, floorTopics, type BoxPresence, type FloorFact, type FloorTile, type PublicAdmission, type PublicOccupancy } from '../shared/floor.js';

export interface TrafficPlan {
  url: string;
  gyms: string[];
  boxesPerGym: number;
  machinesPerBox: number;
  readingHz: number;
  /** Each gym: one check-in and one finished session this often (a busy evening). */
  factEveryS: number;
  seconds: number;
  /** TCP_NODELAY on each box's socket (Nagle off), as the floor client should set it. */
  noDelay: boolean;
  /** Box passwords by box id (the box id is the user name); absent = anonymous. */
  passwordFor?: Record<string, string>;
}

export interface TrafficResult {
  published: { readings: number; qos1: number };
  delivered: { readings: number; qos1: number; total: number };
  expected: { readings: number; qos1: number };
  readingLatencyMs: number[];
  factLatencyMs: number[];
  publishSeconds: number;
  /** This process's CPU from "go" to the end of the drain (user + system). */
  cpuMs: number;
  connectErrors: string[];
}

const SAMPLE_CAP = 100_000;

function stamped(payload: object): string {
  // The send time first, so a receiver reads it without parsing the whole message.
  return `{"benchSentAt":${performance.now().toFixed(3)},${JSON.stringify(payload).slice(1)}`;
}

function sentAt(payload: Buffer): number {
  return Number(payload.subarray(15, payload.indexOf(44)).toString());
}

async function run(plan: TrafficPlan, go: Promise<void>): Promise<TrafficResult> {
  const boxIds = Array.from({ length: plan.boxesPerGym }, (_, i) => `box-${i + 1}`);
  const result: TrafficResult = {
    published: { readings: 0, qos1: 0 },
    delivered: { readings: 0, qos1: 0, total: 0 },
    expected: { readings: 0, qos1: 0 },
    readingLatencyMs: [],
    factLatencyMs: [],
    publishSeconds: 0,
    cpuMs: 0,
    connectErrors: [],
  };
  const expectedReadings = plan.gyms.length * plan.boxesPerGym * plan.machinesPerBox * plan.readingHz * plan.seconds * plan.boxesPerGym;
  const sampleEvery = Math.max(1, Math.ceil(expectedReadings / SAMPLE_CAP));
  let readingCounter = 0;

  const boxes: Array<{ gym: string; boxId: string; client: MqttClient; tiles: FloorTile[] }> = [];
  await Promise.all(
    plan.gyms.flatMap((gym) =>
      boxIds.map(async (boxId) => {
        const goodbye: BoxPresence = { boxId, name: boxId, online: false, since: new Date().toISOString(), version: 'bench' };
        const client = await mqtt.connectAsync(plan.url, {
          clientId: `${gym}-${boxId}`,
          username: boxId,
          password: plan.passwordFor?.[boxId],
          reconnectPeriod: 0,
          keepalive: 30,
          will: { topic: floorTopics.presence(gym, boxId), payload: Buffer.from(JSON.stringify(goodbye)), qos: 1, retain: true },
        });
        if (plan.noDelay) (client.stream as Socket).setNoDelay(true);
        client.on('message', (topic, payload) => {
          result.delivered.total++;
          if (topic.endsWith('/reading')) {
            result.delivered.readings++;
            if (readingCounter++ % sampleEvery === 0) result.readingLatencyMs.push(performance.now() - sentAt(payload));
          } else if (topic.endsWith('/facts')) {
            result.delivered.qos1++;
            result.factLatencyMs.push(performance.now() - sentAt(payload));
          }
        });
        await client.subscribeAsync(floorSubscriptions(gym), { qos: 1 });
        await client.publishAsync(floorTopics.presence(gym, boxId), JSON.stringify({ ...goodbye, online: true }), { qos: 1, retain: true });
        const tiles = Array.from({ length: plan.machinesPerBox }, (_, m): FloorTile => ({
          equipmentId: `${boxId}-m${m + 1}`,
          name: `Rower ${m + 1}`,
          kind: m % 2 === 0 ? 'rower' : 'bike',
          state: 'in_use',
          memberDisplayName: 'Anna S.',
          metrics: { paceSecPer500m: 118.4, strokeRateSpm: 26, powerW: 210, distanceM: 1520, elapsedS: 372, heartRateBpm: 151 },
          updatedAt: new Date().toISOString(),
          boxId,
          boxName: boxId,
        }));
        boxes.push({ gym, boxId, client, tiles });
      }),
    ),
  ).catch((error: Error) => result.connectErrors.push(error.message));
  process.send!({ type: 'ready' });
  await go;

  const cpuAtGo = process.cpuUsage();
  const started = performance.now();
  const perBoxPerMs = (plan.machinesPerBox * plan.readingHz) / 1000;
  const sentPerBox = new Map<string, number>();
  const factsDue = new Map<string, number>();
  let eventSeq = 0;

  const publishFacts = (box: (typeof boxes)[number]) => {
    const at = new Date().toISOString();
    const eventId = `${box.gym}-${box.boxId}-${eventSeq++}`;
    const checkIn: FloorFact = {
      type: 'check_in',
      eventId,
      boxId: box.boxId,
      at,
      checkIn: { memberId: 'm-1001', locationId: box.gym, badgeId: '1001', method: 'badge', decision: 'accepted', decidedAt: at, offline: false, source: 'door', memberDisplayName: 'Anna S.' },
    };
    const admission: PublicAdmission = { eventId, boxId: box.boxId, decidedAt: at, decision: 'accepted', displayName: 'Anna S.', source: 'door' };
    const occupancy: PublicOccupancy = { boxId: box.boxId, count: eventSeq % 80, capacity: 120, peakToday: 80, updatedAt: at, partitioned: false };
    const tile = box.tiles[eventSeq % box.tiles.length]!;
    box.client.publish(floorTopics.facts(box.gym, box.boxId), stamped(checkIn), { qos: 1 });
    box.client.publish(floorTopics.admissions(box.gym, box.boxId), stamped(admission), { qos: 1 });
    box.client.publish(floorTopics.occupancy(box.gym, box.boxId), stamped(occupancy), { qos: 1, retain: true });
    box.client.publish(floorTopics.machineState(box.gym, box.boxId, tile.equipmentId), stamped(tile), { qos: 1, retain: true });
    result.published.qos1 += 4;
    result.expected.qos1 += plan.boxesPerGym; // the facts topic, to every box of the gym
  };

  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsedMs = performance.now() - started;
      const done = elapsedMs >= plan.seconds * 1000;
      for (const box of boxes) {
        const key = `${box.gym}/${box.boxId}`;
        const due = Math.floor(Math.min(elapsedMs, plan.seconds * 1000) * perBoxPerMs) - (sentPerBox.get(key) ?? 0);
        for (let i = 0; i < due; i++) {
          const index = ((sentPerBox.get(key) ?? 0) + i) % box.tiles.length;
          const tile = box.tiles[index]!;
          box.client.publish(floorTopics.machineReading(box.gym, box.boxId, tile.equipmentId), stamped(tile), { qos: 0 });
        }
        sentPerBox.set(key, (sentPerBox.get(key) ?? 0) + Math.max(0, due));
        result.published.readings += Math.max(0, due);
        // Facts spread over the gyms' boxes at random phases, one set per gym every factEveryS.
        const nextFact = factsDue.get(key) ?? Math.random() * plan.factEveryS * 1000 * plan.boxesPerGym;
        if (elapsedMs >= nextFact && !done) {
          publishFacts(box);
          factsDue.set(key, nextFact + plan.factEveryS * 1000 * plan.boxesPerGym);
        } else factsDue.set(key, nextFact);
      }
      if (done) {
        clearInterval(timer);
        resolve();
      }
    }, 20);
  });
  result.publishSeconds = (performance.now() - started) / 1000;
  result.expected.readings = result.published.readings * plan.boxesPerGym;

  // Drain: until every message expected has arrived, or 3 s without progress (QoS 0 readings may be dropped).
  let last = -1;
  let still = performance.now();
  while (result.delivered.readings < result.expected.readings || result.delivered.qos1 < result.expected.qos1) {
    if (result.delivered.total !== last) {
      last = result.delivered.total;
      still = performance.now();
    } else if (performance.now() - still > 3000) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const cpu = process.cpuUsage(cpuAtGo);
  result.cpuMs = (cpu.user + cpu.system) / 1000;
  await Promise.all(boxes.map((box) => box.client.endAsync(true)));
  return result;
}

process.once('message', (plan: TrafficPlan) => {
  let go!: () => void;
  const started = new Promise<void>((resolve) => (go = resolve));
  process.on('message', (message: { type: string }) => message.type === 'go' && go());
  run(plan, started).then(
    (result) => process.send!({ type: 'done', result }, () => process.exit(0)),
    (error: Error) => process.send!({ type: 'failed', error: error.stack }, () => process.exit(1)),
  );
});

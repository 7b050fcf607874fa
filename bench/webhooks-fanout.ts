/**
 * Webhooks beside the cloud: a 100k-event backlog drained to the loopback cloud double, once alone and once while
 * 10 webhook destinations get its check-ins — one down (connection refused), one answering in 2 s, eight healthy.
 * Figures: cloud drain rate with webhooks as a share of the rate without (target ≥ 95 %), and the delivery rate to
 * the healthy destinations meanwhile.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FloorEvents } from '../gateway/floor-events.js';
import { createLogger } from '../gateway/log.js';
import type { Store } from '../gateway/store/open-store.js';
import { systemClock } from '../gateway/time/clock.js';
import { CloudClient } from '../gateway/uplink/cloud-client.js';
import { Uplink } from '../gateway/uplink/uplink.js';
import { webhookConfigSchema } from '../gateway/webhooks/config.js';
import { newSecret } from '../gateway/webhooks/signer.js';
import { laneOf, startWebhooks, type Webhooks } from '../gateway/webhooks/webhooks.js';
import { CloudDouble } from '../test/cloud-double/server.js';
import { report } from './report.js';
import { storeWithBacklog } from './uplink-fixture.js';

const EVENTS = 100_000;
const HEALTHY = 8;
const log = createLogger('silent');

/** A receiver that answers 204 after `delayMs` and counts; no verification (the tests do that). */
async function receiver(delayMs: number): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => (delayMs ? setTimeout(() => res.writeHead(204).end(), delayMs) : res.writeHead(204).end()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, server };
}

async function drain(store: Store): Promise<number> {
  const cloud = new CloudDouble();
  await cloud.start();
  const client = new CloudClient({ baseUrl: cloud.url, apiKey: cloud.apiKey, timeoutMs: 30_000 });
  const uplink = new Uplink({ outbox: store.outbox, client, clock: systemClock, log });
  const started = process.hrtime.bigint();
  const result = await uplink.drainAll();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await cloud.stop();
  if (result.failed || cloud.counters.accepted !== EVENTS) throw new Error(`drain incomplete: ${JSON.stringify(result)}`);
  return seconds;
}

const baseline = storeWithBacklog(EVENTS);
const aloneS = await drain(baseline);
baseline.close();

const healthy = await Promise.all(Array.from({ length: HEALTHY }, () => receiver(0)));
const slow = await receiver(2_000);
const down = await receiver(0);
await new Promise<void>((resolve) => down.server.close(() => resolve())); // its port now refuses connections
const secret = newSecret();
const destinations = [...healthy.map((r, i) => ({ name: `healthy-${i}`, url: r.url })), { name: 'slow', url: slow.url }, { name: 'down', url: down.url }];
let webhooks: Webhooks | null = null;
const store = storeWithBacklog(EVENTS, (s, config) => {
  config.webhooks = destinations.map((d) =>
    webhookConfigSchema.parse({ ...d, secret, events: ['member.checked_in', 'member.denied'], maxPerSecond: 1000, retry: { baseMs: 200, capMs: 2_000 } }),
  );
  webhooks = startWebhooks({ config, store: s, clock: systemClock, log, floor: new FloorEvents(), devices: () => [] });
});
const deliveredNow = () => healthy.reduce((n, _, i) => n + store.lanes.counts(laneOf(`healthy-${i}`)).delivered, 0);
const before = deliveredNow();
const withS = await drain(store);
const deliveredDuring = deliveredNow() - before;
const queuedPerLane = store.lanes.counts(laneOf('healthy-0')).queued;
// Then until the healthy ones have everything: their own rate, undisturbed by the cloud.
const t0 = process.hrtime.bigint();
while (deliveredNow() < HEALTHY * queuedPerLane) await new Promise((resolve) => setTimeout(resolve, 50));
const afterS = Number(process.hrtime.bigint() - t0) / 1e9;
const slowDelivered = store.lanes.counts(laneOf('slow')).delivered;
const downStatus = webhooks!.status().destinations.find((d) => d.name === 'down')!;
await webhooks!.close();
await Promise.all([...healthy, slow].map((r) => new Promise((resolve) => r.server.close(resolve))));
store.close();

const alone = EVENTS / aloneS;
const beside = EVENTS / withS;
report('webhooks: 10 destinations (1 down, 1 answering in 2 s) beside a 100k cloud drain', [
  ['cloud drain alone', Math.round(alone), 'events/s'],
  ['cloud drain with webhooks', Math.round(beside), 'events/s'],
  ['ratio', Math.round((beside / alone) * 1000) / 10, '%', { target: 95, better: 'higher' }],
  ['check-ins per destination', queuedPerLane, 'events'],
  ['healthy ×8 during the drain', Math.round(deliveredDuring / withS), 'deliveries/s'],
  ['healthy ×8 after the drain', Math.round((HEALTHY * queuedPerLane - before - deliveredDuring) / afterS), 'deliveries/s'],
  ['slow one (2 s) delivered', slowDelivered, 'events'],
  ['down one: failures in a row', downStatus.failuresInRow, ''],
]);

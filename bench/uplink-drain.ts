/** Drain: 100k queued events to the loopback cloud double — events/s and requests used. Target ≥ 20,000 events/s. */
import { systemClock } from '../gateway/time/clock.js';
import { createLogger } from '../gateway/log.js';
import { CloudClient } from '../gateway/uplink/cloud-client.js';
import { Uplink } from '../gateway/uplink/uplink.js';
import { CloudDouble } from '../test/cloud-double/server.js';
import { report } from './report.js';
import { storeWithBacklog } from './uplink-fixture.js';

const EVENTS = 100_000;
const store = storeWithBacklog(EVENTS);
const cloud = new CloudDouble();
await cloud.start();
const client = new CloudClient({ baseUrl: cloud.url, apiKey: cloud.apiKey, timeoutMs: 30_000 });
const uplink = new Uplink({ outbox: store.outbox, client, clock: systemClock, log: createLogger('silent') });

const started = process.hrtime.bigint();
const result = await uplink.drainAll();
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
await cloud.stop();
const left = store.outbox.stats().depth;
store.close();

if (result.failed || left !== 0 || cloud.counters.accepted !== EVENTS) {
  throw new Error(`drain incomplete: ${JSON.stringify({ result, left, accepted: cloud.counters.accepted })}`);
}
report('uplink drain: 100k queued events → loopback cloud double', [
  ['events', EVENTS, ''],
  ['time', seconds, 's'],
  ['throughput', Math.round(EVENTS / seconds), 'events/s', { target: 20_000, better: 'higher' }],
  ['requests used', cloud.counters.batchRequests, ''],
]);

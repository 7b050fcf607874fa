/**
 * Tier: a backlog drained to a cloud double that enforces the Standard tier (60 requests/min).
 * Sustained events/min (after the first minute) as a fraction of the ceiling 60 × 1000, and how
 * many requests the cloud refused for rate. Target ≥ 95 % with 0 refused.
 * BENCH_TIER_SECONDS sets the run length (default 150 s).
 */
import { systemClock } from '../gateway/time/clock.js';
import { createLogger } from '../gateway/log.js';
import { CloudClient } from '../gateway/uplink/cloud-client.js';
import { RateGate, SlidingWindowLimiter, TIERS, tierWindows } from '../gateway/uplink/rate-limit.js';
import { Uplink } from '../gateway/uplink/uplink.js';
import { CloudDouble } from '../test/cloud-double/server.js';
import { report } from './report.js';
import { storeWithBacklog } from './uplink-fixture.js';

const SECONDS = Math.max(90, Number(process.env.BENCH_TIER_SECONDS ?? 150));
const CEILING_PER_MIN = TIERS.standard.perMinute * 1000;
const store = storeWithBacklog(Math.ceil((SECONDS / 60 + 2) * CEILING_PER_MIN));
const cloud = new CloudDouble({ perMinute: TIERS.standard.perMinute });
await cloud.start();
const client = new CloudClient({
  baseUrl: cloud.url,
  apiKey: cloud.apiKey,
  timeoutMs: 30_000,
  gate: new RateGate(new SlidingWindowLimiter(tierWindows(TIERS.standard))),
});
const uplink = new Uplink({ outbox: store.outbox, client, clock: systemClock, log: createLogger('silent') });

console.log(`\n(tier benchmark: running ${SECONDS} s against a 60 req/min cloud…)`);
const t0 = Date.now();
uplink.start();
await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
await uplink.stop();
await cloud.stop();
store.close();

const steadyFrom = t0 + 60_000;
const steady = cloud.counters.batchRequestTimes.filter((t) => t >= steadyFrom && t < t0 + SECONDS * 1000).length;
const steadyMinutes = (SECONDS - 60) / 60;
const eventsPerMin = (steady * 1000) / steadyMinutes;
report('uplink at the Standard tier (60 req/min)', [
  ['run', SECONDS, 's'],
  ['requests (all)', cloud.counters.batchRequests, ''],
  ['events accepted', cloud.counters.accepted, ''],
  ['sustained events/min', Math.round(eventsPerMin), 'events/min'],
  ['fraction of ceiling', (eventsPerMin / CEILING_PER_MIN) * 100, '%', { target: 95, better: 'higher' }],
  ['refused for rate', cloud.counters.refusedForRate, 'requests', { target: 0, better: 'lower' }],
]);

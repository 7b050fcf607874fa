/**
 * Webhooks beside the cloud: a 100k-event backlog drained to the loopback cloud double, once alone and once while
 * 10 webhook destinations get its check-ins — one down (connection refused), one answering in 2 s, eight healthy.
 * Figures: cloud drain rate with webhooks as a share of the rate without (target ≥ 95 %), and the delivery rate to
 * the healthy destinations meanwhile.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
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
/** Alternating rounds; each drain swings ±10 % on this shared 2-core machine, so the medians of seven. */
const ROUNDS = Number(process.env.BENCH_WEBHOOK_ROUNDS ?? 7);
const HEALTHY = 8;
const log = createLogger('silent');

/**
 * The receivers run in a child process, as they would on other machines: their HTTP work is not charged to the
 * gateway's event loop. 8 answer 204 at once, 1 after 2 s; no verification (the tests do that).
 */
const RECEIVERS = `
  const http = require('node:http');
  const ports = [];
  let left = ${HEALTHY + 1};
  for (let i = 0; i <= ${HEALTHY}; i++) {
    const delay = i === ${HEALTHY} ? 2000 : 0;
    const server = http.createServer((req, res) => { req.resume(); req.on('end', () => delay ? setTimeout(() => res.writeHead(204).end(), delay) : res.writeHead(204).end()); });
    server.listen(0, '127.0.0.1', () => { ports[i] = server.address().port; if (--left === 0) console.log(JSON.stringify(ports)); });
  }`;
const receivers = spawn(process.execPath, ['-e', RECEIVERS], { stdio: ['ignore', 'pipe', 'inherit'] });
const ports = await new Promise<number[]>((resolve) => receivers.stdout.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString()) as number[])));
const hookUrl = (port: number) => `http://127.0.0.1:${port}/hook`;

/** A port that refuses connections: taken, then released. */
async function refusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
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

const healthy = ports.slice(0, HEALTHY);
const secret = newSecret();
const destinations = [
  ...healthy.map((port, i) => ({ name: `healthy-${i}`, url: hookUrl(port) })),
  { name: 'slow', url: hookUrl(ports[HEALTHY]!) },
  { name: 'down', url: hookUrl(await refusedPort()) },
];

/** One drain beside the 10 destinations; then 5 s more of webhooks alone. */
async function withWebhooks() {
  let webhooks: Webhooks | null = null;
  const store = storeWithBacklog(EVENTS, (s, config) => {
    config.webhooks = destinations.map((d) =>
      webhookConfigSchema.parse({ ...d, secret, events: ['member.checked_in', 'member.denied'], maxPerSecond: 1000, retry: { baseMs: 200, capMs: 2_000 } }),
    );
    webhooks = startWebhooks({ config, store: s, clock: systemClock, log, floor: new FloorEvents(), devices: () => [] });
  });
  const delivered = () => healthy.reduce((n, _, i) => n + store.lanes.counts(laneOf(`healthy-${i}`)).delivered, 0);
  store.lanes.flush();
  const before = delivered();
  const seconds = await drain(store);
  store.lanes.flush();
  const during = delivered() - before;
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  store.lanes.flush();
  const after = delivered() - before - during;
  const status = webhooks!.status().destinations;
  await webhooks!.close();
  store.close();
  return {
    seconds,
    duringRate: during / seconds,
    afterRate: after / 5,
    slow: status.find((d) => d.name === 'slow')!.delivered,
    downFailures: status.find((d) => d.name === 'down')!.failuresInRow,
  };
}

// Alternating rounds: the machine is shared, so one pair of runs says little.
const alone: number[] = [];
const beside: Array<Awaited<ReturnType<typeof withWebhooks>>> = [];
for (let round = 0; round < ROUNDS; round++) {
  const store = storeWithBacklog(EVENTS);
  alone.push(await drain(store));
  store.close();
  beside.push(await withWebhooks());
}
receivers.kill();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const aloneRate = EVENTS / median(alone);
const besideRate = EVENTS / median(beside.map((b) => b.seconds));
report(`webhooks: 10 destinations (1 down, 1 answering in 2 s) beside a 100k cloud drain (medians of ${ROUNDS} rounds)`, [
  ['cloud drain alone', Math.round(aloneRate), 'events/s'],
  ['cloud drain with webhooks', Math.round(besideRate), 'events/s'],
  ['ratio', Math.round((besideRate / aloneRate) * 1000) / 10, '%', { target: 95, better: 'higher' }],
  ['check-ins per destination', EVENTS / 10, 'events'],
  ['healthy ×8 during the drain', Math.round(median(beside.map((b) => b.duringRate))), 'deliveries/s'],
  ['healthy ×8, next 5 s', Math.round(median(beside.map((b) => b.afterRate))), 'deliveries/s'],
  ['slow one (2 s) delivered', median(beside.map((b) => b.slow)), 'events'],
  ['down one: failures in a row', median(beside.map((b) => b.downFailures)), ''],
]);

/**
 * Signed webhooks from a real gateway to real receivers on loopback, each verifying with the public
 * `standardwebhooks` package: every event type, outages, a failing receiver beside a healthy one and the cloud,
 * 410 Gone, requeue, and a secret rotation.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Gateway } from '../../gateway/app.js';
import type { DeviceAdapter } from '../../gateway/devices/types.js';
import type { DeviceStatus } from '../../shared/status.js';
import type { WebhooksStatus } from '../../shared/webhooks.js';
import { webhookConfigSchema } from '../../gateway/webhooks/config.js';
import { newSecret } from '../../gateway/webhooks/signer.js';
import { CloudDouble } from '../cloud-double/server.js';
import { FAST_UPLINK, postCheckIn, postSession, tempDataDir, testGateway } from '../support/gateway.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

const FAST = { retry: { baseMs: 20, capMs: 200 }, breaker: { failures: 50, halfOpenAfterMs: 200 } };
const ALL_EVENTS = ['member.checked_in', 'member.denied', 'workout.completed', 'goal.achieved', 'record.set', 'door.opened', 'device.problem', 'device.recovered'];

const hook = (name: string, receiver: WebhookReceiver, secret: string, extra: Record<string, unknown> = {}) =>
  webhookConfigSchema.parse({ name, url: receiver.url, secret, events: ALL_EVENTS, ...FAST, ...extra });

/** A device whose state the test sets. */
class SwitchableDevice implements DeviceAdapter {
  readonly id = 'reader-front';
  state: DeviceStatus['state'] = 'ok';
  async start() {}
  async stop() {}
  status(): DeviceStatus[] {
    return [{ id: this.id, kind: 'serial', name: 'Front door reader', state: this.state, ...(this.state === 'ok' ? {} : { detail: 'port vanished' }) }];
  }
}

async function staffCall(gateway: Gateway, method: string, path: string, body?: unknown) {
  const response = await fetch(`${gateway.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${gateway.staffToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as any };
}

const webhookStatus = async (gateway: Gateway) => (await (await fetch(`${gateway.url}/api/status`)).json()).webhooks as WebhooksStatus;

describe('webhooks', () => {
  const cleanup: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const step of cleanup.reverse()) await step();
    cleanup.length = 0;
  });
  const receiver = async (secrets: string[]) => {
    const r = new WebhookReceiver(secrets);
    await r.start();
    cleanup.push(() => r.stop());
    return r;
  };
  const gatewayWith = async (hooks: (ReturnType<typeof hook>)[], options: Parameters<typeof testGateway>[1] = {}, env: Record<string, string> = {}) => {
    const gateway = await testGateway(env, { ...options, configure: (config) => (config.webhooks = hooks) });
    cleanup.push(() => gateway.close());
    return gateway;
  };

  it('delivers every event type, signed so standardwebhooks verifies it, with display names only by default', async () => {
    const secret = newSecret();
    const r = await receiver([secret]);
    const device = new SwitchableDevice();
    const gateway = await gatewayWith([hook('everything', r, secret)], { adapters: [device] });

    const accepted = await postCheckIn(gateway.url, '1002');
    const denied = await postCheckIn(gateway.url, '1004'); // expired membership
    await postSession(gateway.url, { memberId: 'm-erik', summary: { distanceM: 2000, durationS: 480 } });
    await postSession(gateway.url, { memberId: 'm-erik', summary: { distanceM: 2500, durationS: 600 }, startedAt: new Date(Date.now() - 12 * 60_000).toISOString(), endedAt: new Date(Date.now() - 60_000).toISOString() });
    // The fact a door journals when it opens (gateway/doors/doors.ts; the doors' own tests open real outputs).
    gateway.store.journal.append({
      type: 'door_opened',
      occurredAt: new Date(),
      payload: { doorId: 'door-1', doorName: 'Front door', locationId: 'main', checkInEventId: accepted.body.eventId, reader: 'kiosk', memberId: 'm-erik', openSeconds: 4, outcome: 'opened', latencyMs: 12, at: new Date().toISOString() },
    });
    gateway.floor.emit('achievement', { achievementId: 'goal:c1:m-erik', kind: 'goal_reached', memberId: 'm-erik', title: 'November 100 km', detail: 'Goal reached', equipmentType: 'rower', at: new Date().toISOString() });
    device.state = 'disconnected';
    await r.until(() => r.received.some((e) => e.type === 'device.problem'));
    device.state = 'ok';
    const test = await staffCall(gateway, 'POST', '/api/webhooks/everything/test');
    expect(test.status).toBe(202);

    await vi.waitFor(() => expect(new Set(r.received.map((e) => e.type))).toEqual(new Set([...ALL_EVENTS, 'test'])), { timeout: 10_000 });
    expect(r.rejected).toEqual([]);
    const byType = (type: string) => r.received.filter((e) => e.type === type);
    const checkedIn = byType('member.checked_in')[0]!;
    expect(checkedIn.id).toBe(accepted.body.eventId); // webhook-id is the journal's eventId
    expect(checkedIn.body.data.member).toEqual({ displayName: 'Erik L.' });
    expect(JSON.stringify(r.received.map((e) => e.body))).not.toMatch(/Lindqvist|m-erik|m-johan/);
    expect(byType('device.recovered').map((e) => e.body.data.device.id)).toEqual(['reader-front']); // not the simulator starting
    expect(byType('member.denied')[0]!.id).toBe(denied.body.eventId);
    expect(byType('member.denied')[0]!.body.data.reason.code).toBe(denied.body.reason.code);
    expect(byType('workout.completed')).toHaveLength(2);
    expect(byType('record.set')[0]!.body.data.title).toBe('Longest row');
    expect(byType('door.opened')[0]!.body.data.checkInEventId).toBe(accepted.body.eventId);
    expect(byType('device.problem')[0]!.body.data.device.id).toBe('reader-front');
    expect(byType('test')[0]!.id).toBe(test.body.eventId);

    const status = (await webhookStatus(gateway)).destinations[0]!;
    expect(status).toMatchObject({ name: 'everything', health: 'connected', pending: 0, dead: 0, failuresInRow: 0 });
    expect(status.delivered).toBe(r.received.length);
    expect(status.recent[0]).toMatchObject({ status: 204, outcome: 'delivered' });
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(metrics).toContain(`floorgate_webhook_delivered_total{webhook="everything"} ${r.received.length}`);
  });

  it('sends member ids and full names only to a destination set to receive them, and honours filters', async () => {
    const secret = newSecret();
    const open = await receiver([secret]);
    const filtered = await receiver([secret]);
    const gateway = await gatewayWith([
      hook('crm', open, secret, { include: { memberIds: true, fullNames: true }, events: ['member.checked_in'] }),
      hook('door-only', filtered, secret, { filters: { readers: ['door-reader'] }, events: ['member.checked_in', 'member.denied'] }),
    ]);
    await postCheckIn(gateway.url, '1003');
    await staffCall(gateway, 'POST', '/api/webhooks/door-only/test');
    await open.until(() => open.received.length === 1);
    await filtered.until(() => filtered.received.length === 1);
    expect(open.received[0]!.body.data.member).toEqual({ displayName: 'Rowfast', id: 'm-maja', fullName: 'Maja Berg' });
    expect(filtered.received.map((e) => e.type)).toEqual(['test']); // the kiosk's check-in is not from door-reader
  });

  it('delivers everything in journal order to a receiver that was down for a while', async () => {
    const secret = newSecret();
    const r = await receiver([secret]);
    const gateway = await gatewayWith([hook('front-desk', r, secret)]);
    await r.stop();
    const ids: string[] = [];
    for (let i = 0; i < 15; i++) ids.push((await postCheckIn(gateway.url, String(1010 + i))).body.eventId);
    await vi.waitFor(async () => expect((await webhookStatus(gateway)).destinations[0]!.failuresInRow).toBeGreaterThanOrEqual(3));
    expect((await webhookStatus(gateway)).destinations[0]).toMatchObject({ health: 'error', pending: 15 });
    await r.start();
    await r.until(() => r.received.length === 15);
    expect(r.ids).toEqual(ids);
    expect(r.rejected).toEqual([]);
  });

  it('a receiver answering 500s delays neither a healthy receiver nor the cloud (measured)', async () => {
    const secret = newSecret();
    const failing = await receiver([secret]);
    failing.status = 500;
    const healthy = await receiver([secret]);
    const cloud = new CloudDouble();
    await cloud.start();
    cleanup.push(() => cloud.stop());
    const gateway = await gatewayWith(
      [hook('broken', failing, secret), hook('fine', healthy, secret)],
      { uplink: FAST_UPLINK },
      { FLOORGATE_CLOUD_URL: cloud.url, FLOORGATE_API_KEY: cloud.apiKey, FLOORGATE_CLOUD_TIER: 'unlimited' },
    );
    const latencies: number[] = [];
    const ids: string[] = [];
    const sentAt = new Map<string, number>();
    for (let i = 0; i < 20; i++) {
      const before = Date.now();
      const { body } = await postCheckIn(gateway.url, String(1010 + i));
      ids.push(body.eventId);
      sentAt.set(body.eventId, before);
      await healthy.until(() => healthy.ids.includes(body.eventId));
      latencies.push(Date.now() - before);
    }
    await vi.waitFor(() => expect(ids.every((id) => cloud.seen.has(id))).toBe(true));
    expect(failing.requests).toBeGreaterThan(5); // the broken one kept failing meanwhile
    expect(failing.received).toEqual([]);
    const slowest = Math.max(...latencies);
    expect(slowest, `check-in → healthy receiver, ms: ${latencies.join(', ')}`).toBeLessThan(1_000);
    // The cloud too: each check-in reached the cloud double within the same bound, the broken receiver notwithstanding.
    const toCloud = ids.map((id) => cloud.acceptedAt.get(id)! - sentAt.get(id)!);
    expect(Math.max(...toCloud), `check-in → cloud double, ms: ${toCloud.join(', ')}`).toBeLessThan(1_000);
    expect(healthy.received.filter((e) => e.type === 'member.checked_in').map((e) => e.id)).toEqual(ids);
    const broken = (await webhookStatus(gateway)).destinations.find((d) => d.name === 'broken')!;
    expect(broken).toMatchObject({ health: 'error', pending: 20, dead: 0 });
    expect(broken.recent[0]).toMatchObject({ status: 500, outcome: 'retry' });
  });

  it('keeps a destination to its rate limit: maxPerSecond 5 puts arrivals at least ~200 ms apart', async () => {
    const secret = newSecret();
    const r = await receiver([secret]);
    const gateway = await gatewayWith([hook('slow-lane', r, secret, { maxPerSecond: 5, events: ['member.checked_in'] })]);
    for (let i = 0; i < 6; i++) await postCheckIn(gateway.url, String(1010 + i)); // queued at once, faster than 5/s
    await r.until(() => r.received.length === 6);
    const gaps = r.arrivals.slice(1).map((at, i) => at - r.arrivals[i]!);
    // Sends are spaced 200 ms apart by the lane; an arrival gap differs from that only by the two requests' loopback
    // latencies (a few ms; more on a loaded machine), so: every gap near 200 ms, and 5 gaps take about a second.
    expect(Math.min(...gaps), `gaps between arrivals, ms: ${gaps.join(', ')}`).toBeGreaterThanOrEqual(150);
    expect(r.arrivals.at(-1)! - r.arrivals[0]!, `gaps between arrivals, ms: ${gaps.join(', ')}`).toBeGreaterThanOrEqual(5 * 200 - 50);
    expect(r.rejected).toEqual([]);
  });

  it('opens the circuit after breaker.failures in a row, sends nothing until halfOpenAfterMs, then probes', async () => {
    const secret = newSecret();
    const r = await receiver([secret]);
    r.status = 500;
    const HALF_OPEN_MS = 1_500;
    const gateway = await gatewayWith([
      hook('flaky', r, secret, { events: ['member.checked_in'], retry: { baseMs: 10, capMs: 20 }, breaker: { failures: 2, halfOpenAfterMs: HALF_OPEN_MS } }),
    ]);
    const { body } = await postCheckIn(gateway.url, '1001');
    await r.until(() => r.requests === 2);
    await vi.waitFor(async () => expect((await webhookStatus(gateway)).destinations[0]).toMatchObject({ health: 'circuit_open', pending: 1 }));
    r.status = null; // the receiver is back, but the circuit rests first
    await r.until(() => r.received.length === 1);
    expect(r.requests).toBe(3); // one probe, no request while open
    const rest = r.arrivals[2]! - r.arrivals[1]!;
    expect(rest, 'ms between the failure that opened the circuit and the probe').toBeGreaterThanOrEqual(HALF_OPEN_MS - 20);
    expect(r.ids).toEqual([body.eventId]);
    await vi.waitFor(async () => expect((await webhookStatus(gateway)).destinations[0]).toMatchObject({ health: 'connected', pending: 0, delivered: 1, failuresInRow: 0 }));
  });

  it('secretFile: a file others can read is refused naming chmod 600; a 0600 one signs so standardwebhooks verifies', async () => {
    const dataDir = tempDataDir();
    const secret = newSecret();
    const file = path.join(dataDir, 'front-desk.secret');
    writeFileSync(file, `${secret}\n`, { mode: 0o644 });
    chmodSync(file, 0o644); // whatever the umask
    const r = await receiver([secret]);
    const fromFile = webhookConfigSchema.parse({ name: 'front-desk', url: r.url, secretFile: file, events: ['member.checked_in'], ...FAST });
    await expect(gatewayWith([fromFile], { dataDir })).rejects.toThrow(`webhooks[0].secretFile: ${file} is readable by group or others (mode 0644); chmod 600 ${file}`);

    chmodSync(file, 0o600);
    const gateway = await gatewayWith([fromFile], { dataDir });
    const { body } = await postCheckIn(gateway.url, '1001');
    await r.until(() => r.received.length === 1);
    expect(r.ids).toEqual([body.eventId]);
    expect(r.rejected).toEqual([]);
    const [delivered] = r.received;
    expect(() => new Webhook(secret).verify(delivered!.raw, delivered!.headers)).not.toThrow();
    expect(() => new Webhook(newSecret()).verify(delivered!.raw, delivered!.headers)).toThrow(); // not any secret
  });

  it('410 Gone dead-letters at once; staff requeue sends it again with the same id', async () => {
    const secret = newSecret();
    const r = await receiver([secret]);
    r.status = 410;
    const gateway = await gatewayWith([hook('gone', r, secret)]);
    const first = await postCheckIn(gateway.url, '1001');
    await vi.waitFor(async () => expect((await webhookStatus(gateway)).destinations[0]!.dead).toBe(1));
    expect(r.requests).toBe(1);
    const dead = await staffCall(gateway, 'GET', '/api/webhooks/gone/dead-letters');
    expect(dead.body.deadLetters).toMatchObject([{ eventId: first.body.eventId, eventType: 'member.checked_in', attempts: 1 }]);
    expect(dead.body.deadLetters[0].reason).toMatch(/410/);

    r.status = null;
    expect((await staffCall(gateway, 'POST', '/api/webhooks/gone/requeue', { eventIds: 'all' })).body).toEqual({ requeued: 1 });
    await r.until(() => r.received.length === 1);
    expect(r.ids).toEqual([first.body.eventId]);
    expect((await webhookStatus(gateway)).destinations[0]).toMatchObject({ dead: 0, pending: 0, delivered: 1 });
  });

  it('a 400 is tried 3 times, then dead-lettered, and the lane moves on', async () => {
    const secret = newSecret();
    const r = await receiver([secret]);
    r.status = 400;
    const gateway = await gatewayWith([hook('picky', r, secret)]);
    await postCheckIn(gateway.url, '1001');
    await vi.waitFor(async () => expect((await webhookStatus(gateway)).destinations[0]!.dead).toBe(1));
    expect(r.requests).toBe(3);
    r.status = null;
    const next = await postCheckIn(gateway.url, '1002');
    await r.until(() => r.received.length === 1);
    expect(r.ids).toEqual([next.body.eventId]);
  });

  it('honours Retry-After without counting it as a failed try', async () => {
    const secret = newSecret();
    const r = await receiver([secret]);
    r.status = 429;
    r.headers = { 'retry-after': '1' };
    const gateway = await gatewayWith([hook('limited', r, secret)]);
    await postCheckIn(gateway.url, '1001');
    await r.until(() => r.requests === 1);
    r.status = null;
    const pausedAt = Date.now();
    await r.until(() => r.received.length === 1);
    expect(Date.now() - pausedAt).toBeGreaterThanOrEqual(900);
    expect(r.requests).toBe(2);
    expect((await webhookStatus(gateway)).destinations[0]!.recent.map((a) => a.outcome)).toEqual(['delivered', 'paused']);
  });

  it('during a secret rotation, receivers with either the new or the old secret verify', async () => {
    const [current, previous] = [newSecret(), newSecret()];
    const withNew = await receiver([current]);
    const withOld = await receiver([previous]);
    const gateway = await gatewayWith([
      hook('new-side', withNew, current, { previousSecret: previous }),
      hook('old-side', withOld, current, { previousSecret: previous }),
    ]);
    const { body } = await postCheckIn(gateway.url, '1001');
    await withNew.until(() => withNew.received.length === 1);
    await withOld.until(() => withOld.received.length === 1);
    expect([withNew.ids, withOld.ids]).toEqual([[body.eventId], [body.eventId]]);
    expect(withNew.received[0]!.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect([withNew.rejected, withOld.rejected]).toEqual([[], []]);
  });

  it('staff routes need staff credentials', async () => {
    const secret = newSecret();
    const r = await receiver([secret]);
    const gateway = await gatewayWith([hook('front-desk', r, secret)]);
    expect((await fetch(`${gateway.url}/api/webhooks/front-desk/test`, { method: 'POST' })).status).toBe(401);
    expect((await staffCall(gateway, 'POST', '/api/webhooks/nope/test')).status).toBe(404);
    expect(r.requests).toBe(0);
  });
});

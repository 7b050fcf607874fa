import Database from 'better-sqlite3';
import { request } from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rooms, type LiveMessage } from '../../shared/live.js';
import type { Gateway } from '../../gateway/app.js';
import { CloudDouble } from '../cloud-double/server.js';
import { join, liveClient, nextMessage, postCheckIn, tempDataDir, testGateway, type LiveClient } from '../support/gateway.js';

describe('badge → decision → journal → live screen → outbox → cloud', () => {
  let cloud: CloudDouble;
  let gateway: Gateway | null = null;
  let socket: LiveClient | null = null;
  let dataDir: string;

  beforeEach(async () => {
    dataDir = tempDataDir();
    cloud = new CloudDouble();
    await cloud.start();
  });
  afterEach(async () => {
    socket?.disconnect();
    await gateway?.close();
    await cloud.stop();
  });

  // No personalized-WOD call here: these tests follow the outbox path alone (uplink.test.ts covers the call).
  const start = () =>
    testGateway(
      { FLOORGATE_CLOUD_URL: cloud.url, FLOORGATE_API_KEY: cloud.apiKey },
      { dataDir, configure: (c) => (c.cloud.checkInTimeoutMs = 0) },
    );

  it('shows the check-in live, delivers it to the cloud exactly once, and keeps it across a restart', async () => {
    gateway = await start();
    await gateway.uplink!.stop(); // the test drives the drain itself
    socket = liveClient(gateway.url);
    const occupancyRoom = rooms.occupancy('main');
    const snapshot = nextMessage(socket, 'snapshot', (m) => m.room === occupancyRoom);
    await join(socket, occupancyRoom);
    expect(((await snapshot) as Extract<LiveMessage, { kind: 'occupancy' }>).data.count).toBe(0);

    const delta = nextMessage(socket, 'delta', (m) => m.room === occupancyRoom);
    const { status, body } = await postCheckIn(gateway.url, '1001');
    expect(status).toBe(200);
    expect(body).toMatchObject({ decision: 'accepted', member: { displayName: 'Anna S.' } });
    expect(body.wod).toMatchObject({ date: expect.any(String), title: expect.any(String) });
    expect(((await delta) as Extract<LiveMessage, { kind: 'occupancy' }>).data.count).toBe(1);

    // The decision was on disk before the answer.
    const db = new Database(path.join(dataDir, 'floorgate.db'), { readonly: true });
    expect(db.prepare('SELECT type FROM journal WHERE event_id = ?').get(body.eventId)).toEqual({ type: 'check_in' });
    db.close();

    const first = await gateway.uplink!.drainAll();
    expect(first).toMatchObject({ delivered: 1, failed: false });
    expect(cloud.counters).toMatchObject({ accepted: 1, duplicate: 0 });
    expect(cloud.accepted[0]).toMatchObject({
      eventId: body.eventId,
      type: 'check_in',
      payload: { memberId: 'm-anna', decision: 'accepted', locationId: 'main', badgeId: '1001' },
    });

    const requestsBefore = cloud.counters.batchRequests;
    expect(await gateway.uplink!.drainAll()).toMatchObject({ sent: 0 });
    expect(cloud.counters.batchRequests).toBe(requestsBefore);

    socket.disconnect();
    await gateway.close();
    gateway = await start();
    await gateway.uplink!.stop();
    expect(await gateway.uplink!.drainAll()).toMatchObject({ sent: 0 });
    expect(cloud.counters).toMatchObject({ accepted: 1, duplicate: 0 });

    // Anna is still in the gym after the restart, and a second scan within 5 minutes is refused.
    socket = liveClient(gateway.url);
    const again = nextMessage(socket, 'snapshot', (m) => m.room === occupancyRoom);
    await join(socket, occupancyRoom);
    expect(((await again) as Extract<LiveMessage, { kind: 'occupancy' }>).data.count).toBe(1);
    const second = await postCheckIn(gateway.url, '1001');
    expect(second.body).toMatchObject({ decision: 'denied', reason: { code: 'anti_passback' } });
    expect(gateway.status().queue).toMatchObject({ depth: 1, byType: { check_in: { depth: 1 } } });
  });

  it('forwards a check-in on its own as soon as it is journaled', async () => {
    gateway = await start();
    const { body } = await postCheckIn(gateway.url, '1002');
    await vi.waitFor(() => expect(cloud.seen.get(body.eventId)).toBe(1), { timeout: 5_000, interval: 20 });
    await vi.waitFor(() => expect(gateway!.status().queue.depth).toBe(0), { timeout: 5_000, interval: 20 });
    expect(gateway.status().uplink.state).toBe('online');
  });

  it('denies with a reason the member can act on, and still journals and forwards the denial', async () => {
    gateway = await start();
    await gateway.uplink!.stop();
    const unknown = await postCheckIn(gateway.url, '999999');
    expect(unknown.body).toMatchObject({
      decision: 'denied',
      member: null,
      reason: { code: 'unknown_badge', message: expect.any(String), action: expect.stringMatching(/front desk/) },
    });
    const frozen = await postCheckIn(gateway.url, '1005');
    expect(frozen.body).toMatchObject({ decision: 'denied', member: { displayName: 'Sara N.' }, reason: { code: 'membership_frozen' } });

    await gateway.uplink!.drainAll();
    expect(cloud.accepted.map((e) => (e.payload as { reason?: string }).reason)).toEqual(['unknown_badge', 'membership_frozen']);
  });

  it('keeps check-ins queued while the cloud is down and delivers them when it returns', async () => {
    gateway = await start();
    await gateway.uplink!.stop();
    await cloud.stop();
    await postCheckIn(gateway.url, '1002');
    await postCheckIn(gateway.url, '1003');
    expect(await gateway.uplink!.drainAll()).toMatchObject({ failed: true, delivered: 0 });
    expect(gateway.status().uplink.state).toBe('offline');
    expect(gateway.status().queue.depth).toBe(2);

    await cloud.start();
    expect(await gateway.uplink!.drainAll()).toMatchObject({ delivered: 2, failed: false });
    expect(cloud.counters.accepted).toBe(2);
    expect(gateway.status().uplink.state).toBe('online');
  });

  it('tells the entrance screen about check-ins from readers, and hides names of hidden members', async () => {
    gateway = await start();
    socket = liveClient(gateway.url);
    const entranceRoom = rooms.entrance('main');
    await join(socket, entranceRoom);
    const delta = nextMessage(socket, 'delta', (m) => m.room === entranceRoom);
    await postCheckIn(gateway.url, '1009'); // Karin, privacy "hidden"
    const message = (await delta) as Extract<LiveMessage, { kind: 'entrance' }>;
    expect(message.data[0]).toMatchObject({ decision: 'accepted', member: { displayName: null } });
    expect(JSON.stringify(message)).not.toContain('Karin');
  });

  it('answers a stored check-in as stored even when a follow-up (door, strap pairing) fails', async () => {
    gateway = await start();
    gateway.floor.on('checkin', () => {
      throw new Error('relay unplugged');
    });
    const { status, body } = await postCheckIn(gateway.url, '1002');
    expect(status).toBe(200);
    expect(body).toMatchObject({ decision: 'accepted', member: { displayName: 'Erik L.' } });
    expect(gateway.status().queue.depth).toBeGreaterThanOrEqual(1);
  });

  it('refuses API requests under a name that is not the box’s (DNS rebinding)', async () => {
    gateway = await start();
    const send = (host: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port: gateway!.port, path: '/api/checkins', method: 'POST', headers: { host, origin: `http://${host}`, 'content-type': 'application/json' } },
          (res) => {
            let body = '';
            res.on('data', (chunk: Buffer) => (body += chunk.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ badge: '1003' }));
      });
    const rebound = await send(`evil.example:${gateway.port}`);
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body).error.code).toBe('unknown_host');
    expect((await send(`127.0.0.1:${gateway.port}`)).status).toBe(200);
    expect((await send(`localhost:${gateway.port}`)).status).toBe(200);
  });

  it('refuses cross-origin check-ins and explains bad requests', async () => {
    gateway = await start();
    const crossSite = await postCheckIn(gateway.url, '1001', { origin: 'http://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.error.code).toBe('cross_origin');

    const sameSite = await postCheckIn(gateway.url, '1010', { origin: gateway.url });
    expect(sameSite.status).toBe(200);

    const response = await fetch(`${gateway.url}/api/checkins`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ badge: '' }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe('badge is required');
  });

  it('serves status, health and its OpenAPI document', async () => {
    gateway = await start();
    expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
    const status = (await (await fetch(`${gateway.url}/api/status`)).json()) as Record<string, any>;
    expect(status).toMatchObject({
      locationId: 'main',
      uplink: { cloudUrl: cloud.url },
      queue: { depth: 0, deadLetters: 0, held: false },
      roster: { members: 29 },
      devices: [{ id: 'simulator', state: 'ok' }],
    });
    const openapi = (await (await fetch(`${gateway.url}/api/openapi.json`)).json()) as Record<string, any>;
    expect(openapi.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.paths)).toContain('/api/checkins');
  });
});

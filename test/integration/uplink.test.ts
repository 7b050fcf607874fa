import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Gateway } from '../../gateway/app.js';
import { isDiskFull } from '../../gateway/store/database.js';
import { CloudDouble } from '../cloud-double/server.js';
import { rooms, type LiveMessage } from '../../shared/live.js';
import { io } from 'socket.io-client';
import { FAST_UPLINK, join, liveClient, nextMessage, postCheckIn, postSession, tempDataDir, testGateway, type LiveClient } from '../support/gateway.js';

const depth = (gateway: Gateway) => gateway.status().queue.depth;

describe('uplink through outages, pauses and refusals', () => {
  let cloud: CloudDouble;
  let gateway: Gateway | null = null;

  beforeEach(async () => {
    cloud = new CloudDouble();
    await cloud.start();
  });
  afterEach(async () => {
    await gateway?.close();
    gateway = null;
    await cloud.stop();
  });

  const start = (options: Parameters<typeof testGateway>[1] = {}) =>
    testGateway(
      { FLOORGATE_CLOUD_URL: cloud.url, FLOORGATE_API_KEY: cloud.apiKey, FLOORGATE_CLOUD_TIER: 'unlimited' },
      { uplink: FAST_UPLINK, ...options },
    );

  it('delivers a whole burst made during an outage once the cloud returns, in order per kind', async () => {
    await cloud.stop();
    gateway = await start({ configure: (c) => (c.checkin.antiPassbackMinutes = 0) });
    const checkIns: string[] = [];
    const sessions: string[] = [];
    for (let i = 0; i < 40; i++) {
      const [c, s] = await Promise.all([postCheckIn(gateway.url, String(1010 + (i % 20))), postSession(gateway.url, { summary: { distanceM: i, durationS: 60 } })]);
      checkIns.push(c.body.eventId);
      sessions.push(s.body.eventId);
    }
    await expect.poll(() => gateway!.status().uplink.state, { timeout: 5_000 }).toMatch(/offline|circuit_open/);
    expect(depth(gateway)).toBe(80);
    expect(cloud.counters.accepted).toBe(0);

    await cloud.start();
    await expect.poll(() => depth(gateway!), { timeout: 10_000, interval: 20 }).toBe(0);
    const byType = (type: string) => cloud.accepted.filter((e) => e.type === type).map((e) => e.eventId);
    expect(byType('check_in')).toEqual(checkIns);
    expect(byType('equipment_session')).toEqual(sessions);
    expect(cloud.counters).toMatchObject({ accepted: 80, duplicate: 0 });
    expect(gateway.status().uplink.state).toBe('online');
  });

  it.each([
    ['seconds', () => '2'],
    ['HTTP date', () => new Date(Date.now() + 3_000).toUTCString()],
  ])('sends nothing before the time Retry-After names (%s form), and counts no attempt for it', async (_, retryAfter) => {
    gateway = await start();
    await gateway.uplink!.stop();
    const header = retryAfter();
    cloud.inject({ kind: 'status', status: 503, retryAfter: header }, 1, 'batch');
    await postCheckIn(gateway.url, '1001');
    const notBefore = /^\d+$/.test(header) ? null : Date.parse(header);

    gateway.uplink!.start();
    await expect.poll(() => cloud.counters.batchRequests, { timeout: 5_000, interval: 10 }).toBe(1);
    const refusedAt = cloud.counters.batchRequestTimes[0]!;
    await expect.poll(() => gateway!.status().uplink.state).toBe('rate_limited');
    expect(gateway.uplink!.getStatus().consecutiveFailures).toBe(0);

    await expect.poll(() => depth(gateway!), { timeout: 10_000, interval: 20 }).toBe(0);
    const retriedAt = cloud.counters.batchRequestTimes[1]!;
    expect(retriedAt).toBeGreaterThanOrEqual(notBefore ?? refusedAt + 2_000);
    expect(cloud.counters.batchRequests).toBe(2);
    const attempts = gateway.db.prepare('SELECT attempts FROM outbox').pluck().all();
    expect(attempts).toEqual([1]); // the paused send cost nothing; the delivery is the one attempt
  });

  it('on 401 keeps everything and tells staff; once staff replace the key, all is delivered', async () => {
    gateway = await start();
    cloud.apiKey = 'bak_the_right_key'; // the gateway still has the old one
    for (const badge of ['1001', '1002', '1003']) await postCheckIn(gateway.url, badge);
    await postSession(gateway.url);
    await expect.poll(() => gateway!.status().uplink.state, { timeout: 5_000 }).toBe('auth_error');
    expect(gateway.status().alerts.map((a) => a.code)).toContain('cloud_auth');
    expect(depth(gateway)).toBe(4);
    expect(cloud.counters.accepted).toBe(0);

    const refused = await fetch(`${gateway.url}/api/staff/cloud-key`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiKey: 'bak_the_right_key' }),
    });
    expect(refused.status).toBe(401); // staff only, even from the box itself

    // Keys that would fail every call as a "network error" are refused plainly, naming the field.
    for (const [apiKey, message] of [
      ['bak_the\nright_key', 'apiKey must be printable ASCII without spaces or control characters'],
      ['bak_the_right_key\u0000', 'apiKey must be printable ASCII without spaces or control characters'],
      ['sk_the_right_key', 'apiKey must start with "bak_"'],
    ]) {
      const bad = await fetch(`${gateway.url}/api/staff/cloud-key`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway.staffToken}` },
        body: JSON.stringify({ apiKey }),
      });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual({ error: { code: 'invalid_request', message } });
    }
    expect(gateway.status().uplink.state).toBe('auth_error');

    const replaced = await fetch(`${gateway.url}/api/staff/cloud-key`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway.staffToken}` },
      body: JSON.stringify({ apiKey: 'bak_the_right_key' }),
    });
    expect(replaced.status).toBe(200);
    await expect.poll(() => depth(gateway!), { timeout: 5_000, interval: 20 }).toBe(0);
    expect(cloud.counters.accepted).toBe(4);
    expect(gateway.status().alerts.map((a) => a.code)).not.toContain('cloud_auth');
  });

  it('slows wrong staff PINs for the whole box, but never the staff token', async () => {
    gateway = await start({ configure: (c) => (c.staff.pin = '482193') });
    const sync = (headers: Record<string, string>) => fetch(`${gateway!.url}/api/staff/sync`, { method: 'POST', headers });
    expect((await sync({ 'x-staff-pin': '482193' })).status).toBe(200);
    for (const guess of ['000000', '111111', '222222', '333333']) expect((await sync({ 'x-staff-pin': guess })).status).toBe(401);
    const slowed = await sync({ 'x-staff-pin': '482193' }); // the next PIN waits, right or wrong
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await slowed.json()) as { error: { code: string } }).error.code).toBe('too_many_attempts');
    expect((await sync({ authorization: `Bearer ${gateway.staffToken}` })).status).toBe(200);
    expect(gateway.status().alerts.map((a) => a.code)).toContain('staff_pin_guessing');
  });

  it('keeps the same eventIds through request timeouts', async () => {
    gateway = await start({ configure: (c) => (c.cloud.requestTimeoutMs = 300) });
    await gateway.uplink!.stop();
    const { body } = await postCheckIn(gateway.url, '1001');
    cloud.inject({ kind: 'hang' }, 2, 'batch');
    expect(await gateway.uplink!.drainOnce()).toMatchObject({ failed: true });
    expect(gateway.status().uplink.lastError).toMatch(/timeout/i);
    expect(await gateway.uplink!.drainOnce()).toMatchObject({ failed: true });
    gateway.uplink!.start();
    await expect.poll(() => depth(gateway!), { timeout: 5_000, interval: 20 }).toBe(0);
    expect(cloud.accepted.map((e) => e.eventId)).toEqual([body.eventId]);
  });

  it('dead-letters events the cloud rejects, with its reason, and re-sends them when staff ask', async () => {
    let refuse = true;
    await cloud.stop();
    cloud = new CloudDouble({
      rejectEvent: (e) => (refuse && (e.payload as { badgeId?: string }).badgeId === '999' ? { code: 'unknown_member', message: 'no such badge here' } : null),
    });
    await cloud.start();
    gateway = await start();
    await postCheckIn(gateway.url, '999');
    await postCheckIn(gateway.url, '1001');
    await expect.poll(() => gateway!.status().queue.deadLetters, { timeout: 5_000 }).toBe(1);
    await expect.poll(() => depth(gateway!), { timeout: 5_000 }).toBe(0);

    const staff = { authorization: `Bearer ${gateway.staffToken}`, 'content-type': 'application/json' };
    const list = (await (await fetch(`${gateway.url}/api/staff/dead-letters`, { headers: staff })).json()) as { deadLetters: Array<{ eventId: string; reason: string }> };
    expect(list.deadLetters).toHaveLength(1);
    expect(list.deadLetters[0]!.reason).toBe('unknown_member: no such badge here');

    refuse = false;
    const requeue = await fetch(`${gateway.url}/api/staff/dead-letters/requeue`, { method: 'POST', headers: staff, body: JSON.stringify({ eventIds: 'all' }) });
    expect(await requeue.json()).toEqual({ requeued: 1 });
    await expect.poll(() => cloud.seen.get(list.deadLetters[0]!.eventId), { timeout: 5_000 }).toBe(1);
    expect(gateway.status().queue.deadLetters).toBe(0);
  });

  it('personalizes the WOD when the cloud answers in time, and shows the cached one when it is slow', async () => {
    cloud.personalizedWod = { date: '2026-11-22', title: 'Anna’s recovery row', restDay: false, parts: ['20 min easy row'] };
    gateway = await start({ configure: (c) => (c.cloud.checkInTimeoutMs = 400) });
    await expect.poll(() => gateway!.status().uplink.state, { timeout: 5_000 }).toBe('online');
    const quick = await postCheckIn(gateway.url, '1001');
    expect(quick.body.wod).toMatchObject({ title: 'Anna’s recovery row', source: 'cloud' });
    expect(cloud.counters.checkInCalls).toBe(1);

    cloud.inject({ kind: 'slow', delayMs: 1_500 }, 1);
    await expect.poll(() => depth(gateway!), { timeout: 5_000 }).toBe(0); // the slow answer is for the check-in call
    const startedAt = Date.now();
    const slow = await postCheckIn(gateway.url, '1002');
    expect(Date.now() - startedAt).toBeLessThan(1_200);
    expect(slow.body).toMatchObject({ decision: 'accepted', wod: { source: 'local' } });
    // Both check-ins are counted once by the cloud, though they also went through the outbox.
    await expect.poll(() => depth(gateway!), { timeout: 5_000 }).toBe(0);
    expect(cloud.counters.accepted).toBe(2);
  });

  it('pulls the roster incrementally by cursor and updatedSince, and the day’s WOD, on "sync now"', async () => {
    const now = Date.now();
    cloud.athletes = Array.from({ length: 1_200 }, (_, i) => ({
      updatedAt: now - 3_600_000,
      member: {
        id: `c-${i}`,
        name: `Cloud Member${i}`,
        badgeIds: [(0xc000 + i).toString(16)],
        membership: { status: 'active' as const, validUntil: null },
        waiverSigned: true,
        privacy: { leaderboard: 'name' as const },
      },
    }));
    cloud.wod = { date: '2026-11-22', title: 'Cloud Sunday Grinder', restDay: false, parts: ['5 × 500 m row'] };
    gateway = await start({ configure: (c) => (c.simulator.enabled = false) });
    const staff = { authorization: `Bearer ${gateway.staffToken}` };
    const sync = async () => (await (await fetch(`${gateway!.url}/api/staff/sync`, { method: 'POST', headers: staff })).json()) as { pulls: Array<{ name: string; lastError: string | null }> };

    const first = await sync();
    expect(first.pulls.find((p) => p.name === 'roster')).toMatchObject({ lastError: null });
    expect(gateway.status().roster.members).toBe(1_200);
    expect((await postCheckIn(gateway.url, (0xc000 + 7).toString(16))).body).toMatchObject({ decision: 'accepted', member: { displayName: 'Cloud M.' } });

    // One member changes in the cloud: the next pull asks only for what changed since the last pass.
    cloud.athletes[5]!.member = { ...cloud.athletes[5]!.member, membership: { status: 'frozen', validUntil: null } };
    cloud.athletes[5]!.updatedAt = Date.now();
    const requestsBefore = cloud.counters.requests;
    await sync();
    const rosterRequests = cloud.counters.requests - requestsBefore;
    expect(rosterRequests).toBeLessThan(6); // not 3 pages of the whole roster again
    expect((await postCheckIn(gateway.url, (0xc000 + 5).toString(16))).body).toMatchObject({ reason: { code: 'membership_frozen' } });
    expect(gateway.status().pulls.map((p) => p.name).sort()).toEqual(['challenges', 'roster', 'wod']);
  });

  it('pulls active challenges and their cloud leaderboards onto the live leaderboard', async () => {
    const day = 86_400_000;
    cloud.challenges = [
      {
        id: 'cloud-100k',
        name: 'Cloud 100K Row',
        type: 'distance',
        metric: 'rowing_meters',
        target: 100_000,
        startDate: new Date(Date.now() - day).toISOString(),
        endDate: new Date(Date.now() + day).toISOString(),
      },
    ];
    cloud.leaderboards.set('cloud-100k', {
      leaderboard: [{ rank: 1, member: { id: 'm-erik', name: 'Erik Lindqvist' }, value: 42_000, progress: 42 }],
      totalParticipants: 1,
    });
    gateway = await start();
    await fetch(`${gateway.url}/api/staff/sync`, { method: 'POST', headers: { authorization: `Bearer ${gateway.staffToken}` } });
    const socket = liveClient(gateway.url);
    try {
      const room = rooms.leaderboard('cloud-100k');
      const snapshot = nextMessage(socket, 'snapshot', (m) => m.room === room);
      await join(socket, room);
      const view = ((await snapshot) as Extract<LiveMessage, { kind: 'leaderboard' }>).data;
      expect(view.challenge).toMatchObject({ name: 'Cloud 100K Row', target: 100_000 });
      expect(view.groups[0]!.rows[0]).toMatchObject({ rank: 1, displayName: 'Erik L.', value: 42_000, provisional: false });
      expect(JSON.stringify(view)).not.toContain('Lindqvist'); // the cloud's full name never reaches a screen
    } finally {
      socket.disconnect();
    }
  });

  it('keeps the last good cache and records the error when a pull fails', async () => {
    gateway = await start();
    cloud.inject({ kind: 'status', status: 500 }, 10);
    const staff = { authorization: `Bearer ${gateway.staffToken}` };
    await fetch(`${gateway.url}/api/staff/sync`, { method: 'POST', headers: staff });
    const roster = gateway.status().pulls.find((p) => p.name === 'roster');
    expect(roster?.lastError).toMatch(/HTTP 500/);
    expect(gateway.status().roster.members).toBe(29); // the demo roster is still there
  });

  it('shows staff the status live in the staff room, and only with the staff token', async () => {
    gateway = await start();
    const room = rooms.staff('main');
    const stranger = liveClient(gateway.url);
    const staff = io(gateway.url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token: gateway.staffToken } }) as LiveClient;
    try {
      await expect(join(stranger, room)).rejects.toThrow(/staff token/);
      const snapshot = nextMessage(staff, 'snapshot', (m) => m.room === room);
      await join(staff, room);
      const status = ((await snapshot) as Extract<LiveMessage, { kind: 'staff' }>).data;
      expect(status.uplink).toMatchObject({ cloudUrl: cloud.url, tier: 'unlimited' });
      // A change (here: the cloud refuses the key) reaches the room without asking.
      cloud.apiKey = 'bak_rotated';
      const alerted = nextMessage(staff, 'delta', (m) => m.kind === 'staff' && m.data.uplink.state === 'auth_error');
      await postCheckIn(gateway.url, '1001');
      expect(((await alerted) as Extract<LiveMessage, { kind: 'staff' }>).data.alerts.map((a) => a.code)).toContain('cloud_auth');
    } finally {
      stranger.disconnect();
      staff.disconnect();
    }
  });

  it('serves Prometheus metrics of the queue and uplink', async () => {
    gateway = await start();
    await gateway.uplink!.stop();
    await postCheckIn(gateway.url, '1001');
    const text = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(text).toMatch(/floorgate_outbox_pending\{type="check_in"\} 1/);
    expect(text).toMatch(/floorgate_events_produced_total\{type="check_in"\} 1/);
    expect(text).toMatch(/floorgate_uplink_state\{state="(online|offline)"\} 1/);
  });
});

describe('disk budget and integrity', () => {
  let gateway: Gateway | null = null;
  afterEach(async () => {
    await gateway?.close();
    gateway = null;
  });

  it('at the size cap sheds telemetry oldest-first with exact counts, and still accepts check-ins', async () => {
    gateway = await testGateway(
      {},
      {
        configure: (c) => {
          c.storage.maxDatabaseMB = 4;
          c.storage.telemetryQuotaMB = 0.25;
          c.checkin.antiPassbackMinutes = 0;
        },
      },
    );
    // Sessions come in waves, as from many machines at once; each wave is one group commit.
    for (let wave = 0; wave < 15; wave++) {
      const sessions = Array.from({ length: 100 }, (_, k) => wave * 100 + k).map((i) =>
        postSession(gateway!.url, { equipmentId: `row-${i}`, equipmentName: `Rower ${'x'.repeat(100)} ${i}`, summary: { distanceM: i, durationS: 480 } }),
      );
      for (const { status } of await Promise.all(sessions)) expect(status).toBe(202);
      expect((await postCheckIn(gateway.url, String(1010 + wave))).status).toBe(200);
    }
    gateway.store.enforceTelemetryQuota();
    const { queue, storage } = gateway.status();
    expect(storage.pendingTelemetryBytes).toBeLessThanOrEqual(storage.telemetryQuotaBytes);
    expect(queue.shed.equipment_session).toBeGreaterThan(0);
    for (const type of ['check_in', 'equipment_session']) {
      const produced = queue.produced[type] ?? 0;
      const delivered = queue.delivered[type] ?? 0;
      const pending = queue.byType[type]?.depth ?? 0;
      expect(queue.shed[type] ?? 0).toBe(produced - delivered - pending);
    }
    expect(queue.shed.check_in ?? 0).toBe(0);
    expect(queue.byType.check_in?.depth).toBe(15);
    // The oldest sessions went first.
    const left = gateway.db.prepare("SELECT json_extract(payload, '$.equipmentId') FROM journal WHERE type = 'equipment_session' ORDER BY seq").pluck().all() as string[];
    expect(left[left.length - 1]).toBe('row-1499');
    expect(left).not.toContain('row-0');
  }, 60_000); // 1,500 sessions over HTTP: ~20 s on a shared 2-core box

  it('refuses a check-in visibly when the disk budget is truly full, and alerts staff', async () => {
    gateway = await testGateway({}, { configure: (c) => ((c.storage.maxDatabaseMB = 0.5), (c.storage.telemetryQuotaMB = 0.1), (c.checkin.antiPassbackMinutes = 0)) });
    // Other rows take the budget first, then ~40 kB is freed: check-ins fill that in ~100 requests instead of
    // ~1000 fsynced ones, which outlast the test's time on a busy machine (and on Node 22, a little slower here).
    const fill = gateway.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    let fillers = 0;
    for (;;) {
      try {
        fill.run(`test-filler-${fillers}`, 'x'.repeat(2000));
        fillers++;
      } catch (error) {
        expect(isDiskFull(error), String(error)).toBe(true);
        break;
      }
    }
    const free = gateway.db.prepare('DELETE FROM settings WHERE key = ?');
    for (let i = fillers - 20; i < fillers; i++) free.run(`test-filler-${i}`);
    let status = 200;
    let body: Record<string, any> = {};
    let posted = 0;
    for (let i = 0; i < 20_000 && status === 200; i++, posted++) ({ status, body } = await postCheckIn(gateway.url, String(1010 + (i % 20))));
    expect(posted).toBeGreaterThan(10); // check-ins did fill the freed room, it was not full from the start
    expect(status).toBe(507);
    expect(body.error).toMatchObject({ code: 'storage_full', message: expect.stringMatching(/disk is full/) });
    expect(gateway.status().alerts.map((a) => a.code)).toContain('disk_full');
  }, 60_000); // thousands of check-ins over HTTP until the file is full: ~20 s on a shared 2-core box

  it('moves a corrupted database aside at start, starts fresh, alerts staff and serves', async () => {
    const dataDir = tempDataDir();
    writeFileSync(path.join(dataDir, 'floorgate.db'), Buffer.alloc(64 * 1024, 0x5a));
    gateway = await testGateway({}, { dataDir });
    const alert = gateway.status().alerts.find((a) => a.code === 'database_quarantined');
    expect(alert?.message).toMatch(/moved to .*floorgate\.db\.corrupt-/);
    expect(readdirSync(dataDir).some((f) => f.startsWith('floorgate.db.corrupt-'))).toBe(true);
    expect(existsSync(path.join(dataDir, 'floorgate.db'))).toBe(true);
    expect((await postCheckIn(gateway.url, '1001')).body).toMatchObject({ decision: 'accepted' });
  });
});

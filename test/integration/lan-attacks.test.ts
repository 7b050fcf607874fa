import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Gateway } from '../../gateway/app.js';
import { manualClock } from '../../gateway/time/clock.js';
import { rooms } from '../../shared/live.js';
import { io } from 'socket.io-client';
import { join, testGateway, type LiveClient } from '../support/gateway.js';

/**
 * Issue 10, written as the attacks: a real gateway on loopback, made to see LAN addresses through
 * fastify's inject (`remoteAddress`), and real sockets for what needs a wire (Socket.IO, raw HTTP).
 */
const BOX = '192.168.1.10:8080'; // the Host a LAN browser sends: the box's IP
const STRANGER = '192.168.1.66';

let gateway: Gateway | null = null;
const sockets: LiveClient[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await gateway?.close();
  gateway = null;
});

type Json = Record<string, any>;

async function fromLan(
  g: Gateway,
  options: { method?: 'GET' | 'POST' | 'PUT' | 'DELETE'; url: string; from?: string; headers?: Record<string, string>; body?: unknown },
) {
  const response = await g.http.inject({
    method: options.method ?? 'GET',
    url: options.url,
    remoteAddress: options.from ?? STRANGER,
    headers: { host: BOX, ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
    ...(options.body !== undefined ? { payload: JSON.stringify(options.body) } : {}),
  });
  let body: Json = {};
  try {
    body = response.json() as Json;
  } catch {
    // 204 and friends
  }
  return { status: response.statusCode, headers: response.headers, body };
}

describe('staff credentials on a shared LAN', () => {
  it('slows PIN guessing for the whole box: changing addresses does not help', async () => {
    const clock = manualClock(new Date());
    gateway = await testGateway({}, { clock, configure: (c) => (c.staff.pin = '4821') });
    const statuses: number[] = [];
    for (let i = 0; i < 121; i++) {
      const guess = String(i).padStart(4, '0');
      const from = i % 2 ? `2001:db8:${i.toString(16)}::${i.toString(16)}` : `10.0.${i >> 8}.${i & 255}`;
      statuses.push((await fromLan(gateway, { method: 'POST', url: '/api/staff/session', from, body: { pin: guess } })).status);
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(4); // three free tries and one that starts the wait
    expect(statuses.filter((s) => s === 429)).toHaveLength(117);
    const waiting = await fromLan(gateway, { method: 'POST', url: '/api/staff/session', from: '10.9.9.9', body: { pin: '4821' } });
    expect(waiting.status).toBe(429); // the right PIN is not even looked at while the box waits
    expect(Number(waiting.headers['retry-after'])).toBeGreaterThan(0);
    expect(gateway.status().alerts.map((a) => a.code)).toContain('staff_pin_guessing');

    clock.advance(Number(waiting.headers['retry-after']) * 1000);
    expect((await fromLan(gateway, { method: 'POST', url: '/api/staff/session', body: { pin: '4821' } })).status).toBe(201);
  });

  it('never counts requests without credentials, so strangers cannot lock staff out', async () => {
    gateway = await testGateway({}, { configure: (c) => (c.staff.pin = '482193') });
    for (let i = 0; i < 50; i++) {
      expect((await fromLan(gateway, { url: '/api/staff/dead-letters' })).status).toBe(401);
      expect((await fromLan(gateway, { url: '/api/staff/dead-letters', headers: { authorization: 'Bearer not-a-token' } })).status).toBe(401);
    }
    const signIn = await fromLan(gateway, { method: 'POST', url: '/api/staff/session', body: { pin: '482193' } });
    expect(signIn.status).toBe(201);
    expect(gateway.status().alerts.map((a) => a.code)).not.toContain('staff_pin_short');
  });

  it('never locks out the staff token or a staff session, even while PINs are being guessed', async () => {
    gateway = await testGateway({}, { configure: (c) => (c.staff.pin = '482193') });
    const session = await fromLan(gateway, { method: 'POST', url: '/api/staff/session', body: { pin: '482193' } });
    for (let i = 0; i < 10; i++) await fromLan(gateway, { method: 'POST', url: '/api/staff/session', from: `10.0.0.${i}`, body: { pin: '000000' } });
    // Past the staff check: a box without a cloud answers "standalone" (409), not 401/429.
    const byToken = await fromLan(gateway, { url: '/api/staff/dead-letters', headers: { authorization: `Bearer ${gateway.staffToken}` } });
    expect(byToken.body.error.code).toBe('standalone');
    const bySession = await fromLan(gateway, { url: '/api/staff/dead-letters', headers: { authorization: `Bearer ${session.body.token}` } });
    expect(bySession.body.error.code).toBe('standalone');
  });

  it('lets a browser that signed in before past a stranger who keeps the PIN wait going, on its own small budget', async () => {
    const clock = manualClock(new Date());
    gateway = await testGateway({}, { clock, configure: (c) => (c.staff.pin = '482193') });
    const signIn = (from: string, pin: string, cookie?: string) =>
      fromLan(gateway!, { method: 'POST', url: '/api/staff/session', from, body: { pin }, ...(cookie ? { headers: { cookie } } : {}) });

    // The front desk signs in once: it gets a signed device cookie next to the session.
    const first = await signIn('192.168.1.20', '482193');
    expect(first.status).toBe(201);
    const device = ([first.headers['set-cookie']].flat() as string[]).find((c) => c.startsWith('floorgate_device='))!;
    expect(device).toContain('HttpOnly');
    expect(device).toContain('SameSite=Strict');
    const deviceCookie = device.split(';')[0]!;

    // A stranger guesses now and then from changing LAN addresses: the box-wide wait never ends.
    for (let i = 0; i < 30; i++) {
      await signIn(i % 2 ? `2001:db8::${(i + 1).toString(16)}` : `192.168.1.${100 + i}`, String(100000 + i));
      clock.advance(500);
    }
    expect((await signIn('192.168.1.21', '482193')).status).toBe(429); // an unknown device still waits
    expect((await signIn('192.168.1.22', '482193', 'floorgate_device=made-up.c2lnbmF0dXJl')).status).toBe(429); // a forged cookie is unknown

    // The known device signs in with the right PIN all the same.
    expect((await signIn('192.168.1.20', '482193', deviceCookie)).status).toBe(201);

    // Its own wrong guesses are throttled: three free, then a wait that holds the right PIN too.
    const own = [];
    for (let i = 0; i < 5; i++) own.push((await signIn('192.168.1.20', '000000', deviceCookie)).status);
    expect(own).toEqual([401, 401, 401, 401, 429]);
    const waiting = await signIn('192.168.1.20', '482193', deviceCookie);
    expect(waiting.status).toBe(429);
    expect(waiting.body.error.message).toMatch(/from this device/);
    clock.advance(Number(waiting.headers['retry-after']) * 1000);
    expect((await signIn('192.168.1.20', '482193', deviceCookie)).status).toBe(201);
    expect((await signIn('192.168.1.21', '482193')).status).toBe(429); // and the stranger's wait is still on
  });

  it('signs staff in once: an HttpOnly SameSite=Strict cookie and a bearer token, expiring and revocable', async () => {
    const clock = manualClock(new Date());
    gateway = await testGateway({}, { clock, configure: (c) => (c.staff.pin = '4821') });
    expect(gateway.status().alerts.map((a) => a.code)).toContain('staff_pin_short'); // accepted, with a warning

    const signIn = await fromLan(gateway, { method: 'POST', url: '/api/staff/session', body: { pin: '4821' } });
    expect(signIn.status).toBe(201);
    const cookie = String(signIn.headers['set-cookie']);
    expect(cookie).toMatch(/^floorgate_staff=[\w-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const sessionCookie = cookie.split(';')[0]!;
    const byCookie = await fromLan(gateway, { url: '/api/staff/dead-letters', headers: { cookie: sessionCookie } });
    expect(byCookie.body.error.code).toBe('standalone');

    const revoked = await fromLan(gateway, { method: 'DELETE', url: '/api/staff/session', headers: { cookie: sessionCookie } });
    expect(revoked.status).toBe(204);
    expect((await fromLan(gateway, { url: '/api/staff/dead-letters', headers: { cookie: sessionCookie } })).status).toBe(401);

    const second = await fromLan(gateway, { method: 'POST', url: '/api/staff/session', body: { pin: '4821' } });
    const bearer = { authorization: `Bearer ${second.body.token}` };
    expect((await fromLan(gateway, { url: '/api/staff/dead-letters', headers: bearer })).body.error.code).toBe('standalone');
    clock.advance(8 * 3600_000 + 1);
    expect((await fromLan(gateway, { url: '/api/staff/dead-letters', headers: bearer })).status).toBe(401);
  });

  it('refuses a sign-in from a page on another site, and a bad body names the field', async () => {
    gateway = await testGateway({}, { configure: (c) => (c.staff.pin = '482193') });
    const crossSite = await fromLan(gateway, { method: 'POST', url: '/api/staff/session', headers: { origin: 'http://evil.example' }, body: { pin: '482193' } });
    expect(crossSite.status).toBe(403);
    const noPin = await fromLan(gateway, { method: 'POST', url: '/api/staff/session', body: { pin: 4821 } });
    expect(noPin).toMatchObject({ status: 400, body: { error: { code: 'invalid_request', message: expect.stringMatching(/^pin /) } } });
  });

  it('pairs straps for staff only: the kiosk token every LAN kiosk carries is not enough', async () => {
    gateway = await testGateway();
    const byKiosk = await fromLan(gateway, { method: 'PUT', url: '/api/straps/hr-1/pairing', headers: { authorization: `Bearer ${gateway.kioskToken}` }, body: { badge: '1001' } });
    expect(byKiosk).toMatchObject({ status: 401, body: { error: { code: 'staff_token_required' } } });
    const byStaff = await fromLan(gateway, { method: 'DELETE', url: '/api/straps/hr-1/pairing', headers: { authorization: `Bearer ${gateway.staffToken}` } });
    expect(byStaff.body.error.code).toBe('not_paired'); // past the staff check
  });
});

describe('live rooms from any website', () => {
  const handshake = (port: number, headers: Record<string, string>) =>
    new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/socket.io/?EIO=4&transport=polling', headers }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });

  it('refuses the polling handshake under a foreign Host (DNS rebinding) or from another origin', async () => {
    gateway = await testGateway();
    expect(await handshake(gateway.port, { host: `127.0.0.1:${gateway.port}` })).toBe(200);
    expect(await handshake(gateway.port, { host: `evil.example:${gateway.port}` })).toBe(403);
    expect(await handshake(gateway.port, { host: `127.0.0.1:${gateway.port}`, origin: 'http://evil.example' })).toBe(403);
    expect(await handshake(gateway.port, { host: `127.0.0.1:${gateway.port}`, origin: `http://127.0.0.1:${gateway.port}` })).toBe(200);
  });

  it('refuses a WebSocket from a page on another site', async () => {
    gateway = await testGateway();
    const socket = io(gateway.url, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { origin: 'http://evil.example' } }) as LiveClient;
    sockets.push(socket);
    const outcome = await new Promise<string>((resolve) => {
      socket.on('connect', () => resolve('connected'));
      socket.on('connect_error', () => resolve('refused'));
    });
    expect(outcome).toBe('refused');
  });

  it('refuses a WebSocket under a foreign Host (DNS rebinding)', async () => {
    gateway = await testGateway();
    const attempt = (host: string) => {
      const socket = io(gateway!.url, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { host } }) as LiveClient;
      sockets.push(socket);
      return new Promise<string>((resolve) => {
        socket.on('connect', () => resolve('connected'));
        socket.on('connect_error', () => resolve('refused'));
      });
    };
    expect(await attempt(`evil.example:${gateway.port}`)).toBe('refused');
    expect(await attempt(`127.0.0.1:${gateway.port}`)).toBe('connected');
  });

  it('lets one client join a bounded number of rooms', async () => {
    gateway = await testGateway();
    const socket = io(gateway.url, { transports: ['websocket'], reconnection: false, forceNew: true }) as LiveClient;
    sockets.push(socket);
    for (let i = 0; i < 16; i++) await join(socket, rooms.leaderboard(`made-up-${i}`));
    const refused = await socket.emitWithAck('join', rooms.leaderboard('made-up-16'));
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/too many rooms/) });
    socket.emit('leave', rooms.leaderboard('made-up-0'));
    await join(socket, rooms.leaderboard('made-up-16'));
  });
});

describe('forged sessions', () => {
  const session = (overrides: Json = {}) => ({
    equipmentId: 'row-1',
    equipmentType: 'rower',
    memberId: null,
    startedAt: new Date(Date.now() - 10 * 60_000).toISOString(),
    endedAt: new Date(Date.now() - 2 * 60_000).toISOString(),
    summary: { distanceM: 2000, durationS: 480, avgPowerW: 200 },
    ...overrides,
  });
  const stored = (g: Gateway) => (g.db.prepare("SELECT COUNT(*) AS n FROM journal WHERE type = 'equipment_session'").get() as { n: number }).n;

  it('wants the bridge token from the LAN, not the kiosk token', async () => {
    gateway = await testGateway();
    const withKioskToken = await fromLan(gateway, { method: 'POST', url: '/api/equipment/sessions', headers: { authorization: `Bearer ${gateway.kioskToken}` }, body: session() });
    expect(withKioskToken).toMatchObject({ status: 401, body: { error: { code: 'bridge_token_required' } } });
    const withBridgeToken = await fromLan(gateway, { method: 'POST', url: '/api/equipment/sessions', headers: { authorization: `Bearer ${gateway.bridgeToken}` }, body: session() });
    expect(withBridgeToken.status).toBe(202);
    expect(stored(gateway)).toBe(1);
  });

  it('refuses implausible sessions with a 4xx naming the field, and stores nothing', async () => {
    gateway = await testGateway();
    const bridge = { authorization: `Bearer ${gateway.bridgeToken}` };
    const attacks: Array<[Json, string]> = [
      [session({ summary: { distanceM: 1e300, durationS: 480 } }), 'summary.distanceM'],
      [session({ summary: { distanceM: 2000, durationS: 480, avgPowerW: -1000 } }), 'summary.avgPowerW'],
      [session({ summary: { distanceM: 2000, durationS: 480, avgPowerW: 9000 } }), 'summary.avgPowerW'],
      [session({ summary: { distanceM: 2000, durationS: 480, avgPaceSecPer500m: 10 } }), 'summary.avgPaceSecPer500m'],
      [session({ memberId: 'x'.repeat(60_000) }), 'memberId'],
      [session({ memberId: 'm-nobody' }), 'memberId'],
      [session({ startedAt: '0000-01-01T00:00:00Z' }), 'startedAt'],
      [session({ endedAt: '9999-12-31T23:59:59Z' }), 'endedAt'],
      [session({ summary: { distanceM: 0, durationS: 99_999 } }), 'summary.durationS'],
    ];
    for (const [body, field] of attacks) {
      const refused = await fromLan(gateway, { method: 'POST', url: '/api/equipment/sessions', headers: bridge, body });
      expect(refused.status, field).toBeGreaterThanOrEqual(400);
      expect(refused.status, field).toBeLessThan(500);
      expect(refused.body.error.message, field).toMatch(new RegExp(`^${field.replace('.', '\\.')} `));
    }
    expect(stored(gateway)).toBe(0);
    const real = await fromLan(gateway, { method: 'POST', url: '/api/equipment/sessions', headers: bridge, body: session({ memberId: 'm-anna' }) });
    expect(real.status).toBe(202);
  });

  it('holds every machine kind to its own bounds: bike power, treadmill speed, ski and cross-trainer 1,500 W, a strap covers no distance', async () => {
    gateway = await testGateway();
    const bridge = { authorization: `Bearer ${gateway.bridgeToken}` };
    const ofKind = (equipmentType: string, summary: Json) => session({ equipmentId: `${equipmentType}-1`, equipmentType, summary: { distanceM: 0, durationS: 480, ...summary } });
    const attacks: Array<[Json, string]> = [
      [ofKind('bike', { distanceM: 4000, avgPowerW: 2_600 }), 'summary.avgPowerW'],
      [ofKind('treadmill', { distanceM: 1000, avgSpeedMps: 9 }), 'summary.avgSpeedMps'],
      [ofKind('treadmill', { distanceM: 8000 }), 'summary.distanceM'], // 16.7 m/s for 8 minutes
      [ofKind('ski', { distanceM: 1500, avgPowerW: 1_600 }), 'summary.avgPowerW'],
      [ofKind('cross_trainer', { distanceM: 1500, maxPowerW: 1_600 }), 'summary.maxPowerW'],
      [ofKind('hr_strap', { distanceM: 100, avgHeartRateBpm: 140 }), 'summary.distanceM'],
      [ofKind('hr_strap', { avgPaceSecPer500m: 120, avgHeartRateBpm: 140 }), 'summary.avgPaceSecPer500m'],
    ];
    for (const [body, field] of attacks) {
      const refused = await fromLan(gateway, { method: 'POST', url: '/api/equipment/sessions', headers: bridge, body });
      expect(refused.status, `${body.equipmentType} ${field}`).toBeGreaterThanOrEqual(400);
      expect(refused.status, `${body.equipmentType} ${field}`).toBeLessThan(500);
      expect(refused.body.error.message, `${body.equipmentType} ${field}`).toMatch(new RegExp(`^${field.replace('.', '\\.')} `));
    }
    expect(stored(gateway)).toBe(0);
    // The same numbers inside each kind's own bounds are taken: 2,400 W is a bike sprint, not a rower's.
    for (const body of [ofKind('bike', { distanceM: 4000, avgPowerW: 2_400 }), ofKind('ski', { distanceM: 1500, avgPowerW: 1_400 }), ofKind('hr_strap', { avgHeartRateBpm: 140 })]) {
      expect((await fromLan(gateway, { method: 'POST', url: '/api/equipment/sessions', headers: bridge, body })).status, body.equipmentType).toBe(202);
    }
    expect(stored(gateway)).toBe(3);
  });
});

describe('check-in flooding and badge enumeration', () => {
  it('holds a LAN kiosk to a person a second with a small burst: 429 with Retry-After', async () => {
    gateway = await testGateway({}, { configure: (c) => (c.checkin.antiPassbackMinutes = 0) });
    const kiosk = { authorization: `Bearer ${gateway.kioskToken}` };
    const answers = [];
    for (let i = 0; i < 20; i++) answers.push(await fromLan(gateway, { method: 'POST', url: '/api/checkins', headers: kiosk, body: { badge: '1001' } }));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(5);
    const limited = answers.find((a) => a.status === 429)!;
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body.error).toMatchObject({ code: 'too_many_checkins', message: expect.stringMatching(/^One moment/) });
    // Another kiosk is its own source; hopping addresses inside one IPv6 /64 is not.
    expect((await fromLan(gateway, { method: 'POST', url: '/api/checkins', from: '192.168.1.41', headers: kiosk, body: { badge: '1002' } })).status).toBe(200);
    for (let i = 0; i < 5; i++) await fromLan(gateway, { method: 'POST', url: '/api/checkins', from: `2001:db8:1:2::${i + 1}`, headers: kiosk, body: { badge: '1003' } });
    expect((await fromLan(gateway, { method: 'POST', url: '/api/checkins', from: '2001:db8:1:2::99', headers: kiosk, body: { badge: '1003' } })).status).toBe(429);
  });

  it('slows a source that tries unknown badges further', async () => {
    const clock = manualClock(new Date());
    gateway = await testGateway({}, { clock });
    const kiosk = { authorization: `Bearer ${gateway.kioskToken}` };
    const tries = [];
    for (const badge of ['90001', '90002', '90003', '90004', '90005']) {
      tries.push(await fromLan(gateway, { method: 'POST', url: '/api/checkins', headers: kiosk, body: { badge } }));
    }
    expect(tries.slice(0, 4).map((t) => t.body.reason?.code)).toEqual(Array(4).fill('unknown_badge'));
    expect(tries[4]).toMatchObject({ status: 429, body: { error: { code: 'too_many_unknown_badges' } } });
    expect(Number(tries[4]!.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('small ones', () => {
  const rawGet = (port: number, target: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
      });
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });

  it('checks the Host named in an absolute-form request line', async () => {
    gateway = await testGateway();
    const answer = await rawGet(gateway.port, 'http://evil.example/api/status');
    expect(answer).toMatch(/^HTTP\/1\.1 403/);
    expect(answer).toContain('unknown_host');
  });

  it('checks the Host named in an absolute-form Socket.IO handshake', async () => {
    gateway = await testGateway();
    const rebound = await rawGet(gateway.port, `http://evil.example:${gateway.port}/socket.io/?EIO=4&transport=polling`);
    expect(rebound).toMatch(/^HTTP\/1\.1 403/);
    expect(rebound).not.toContain('"sid"');
  });

  it('sends security headers on every answer, and widgets keep their frame-ancestors', async () => {
    gateway = await testGateway();
    for (const url of ['/api/status', '/screen/entrance', '/no-such-page']) {
      const answer = await fromLan(gateway, { url });
      expect(answer.headers['content-security-policy'], url).toContain("default-src 'self'");
      expect(answer.headers['content-security-policy'], url).toContain("frame-ancestors 'self'");
      expect(answer.headers['x-content-type-options'], url).toBe('nosniff');
      expect(answer.headers['content-security-policy'], url).not.toContain('upgrade-insecure-requests');
    }
    const widget = await fromLan(gateway, { url: '/widgets/leaderboard' });
    expect(widget.headers['content-security-policy']).toContain('frame-ancestors *');
    expect(widget.headers['x-frame-options']).toBeUndefined();
  });

  it('strips bidi controls and NULs from badge ids at the edge', async () => {
    gateway = await testGateway();
    const answer = await fromLan(gateway, { method: 'POST', url: '/api/checkins', headers: { authorization: `Bearer ${gateway.kioskToken}` }, body: { badge: '\u202E10\u000001' } });
    expect(answer.body).toMatchObject({ decision: 'accepted', member: { displayName: 'Anna S.' } });
  });
});

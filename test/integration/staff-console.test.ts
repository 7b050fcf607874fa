import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GymSettingsAnswer } from '../../shared/gym.js';
import { rooms } from '../../shared/live.js';
import type { OccupancyState } from '../../shared/occupancy.js';
import type { FrontDeskToday, JobRunAnswer, JobsAnswer, MemberSearchAnswer, StaffCheckInAnswer } from '../../shared/staff.js';
import type { Gateway } from '../../gateway/app.js';
import { CloudDouble } from '../cloud-double/server.js';
import { FAST_UPLINK, join, liveClient, nextMessage, postCheckIn, postSession, tempDataDir, testGateway, type LiveClient } from '../support/gateway.js';

const PIN = '432198'; // 6 digits: a shorter PIN raises the staff_pin_short alert

async function signIn(url: string, pin = PIN) {
  const response = await fetch(`${url}/api/staff/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pin }) });
  return { status: response.status, cookie: response.headers.get('set-cookie'), body: (await response.json()) as Record<string, any> };
}

describe('staff console routes (sessions, front desk)', () => {
  let gateway: Gateway | null = null;
  let cloud: CloudDouble | null = null;
  let socket: LiveClient | null = null;
  afterEach(async () => {
    socket?.disconnect();
    await gateway?.close();
    await cloud?.stop();
    gateway = null;
    cloud = null;
    socket = null;
  });

  it('signs in with the PIN into an HttpOnly SameSite=Strict cookie, refuses a wrong PIN, and signs out', async () => {
    gateway = await testGateway({ FLOORGATE_STAFF_PIN: PIN });
    const wrong = await signIn(gateway.url, '0000');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('wrong_staff_pin');
    expect(wrong.cookie).toBeNull();

    const right = await signIn(gateway.url);
    expect(right.status).toBe(201);
    expect(right.cookie).toMatch(/^floorgate_staff=[^;]+;/);
    expect(right.cookie).toMatch(/; HttpOnly/);
    expect(right.cookie).toMatch(/; SameSite=Strict/);
    expect(right.cookie).toMatch(/; Path=\//);
    const cookie = right.cookie!.split(';')[0]!;
    const today = await fetch(`${gateway.url}/api/staff/front-desk/today`, { headers: { cookie } });
    expect(today.status).toBe(200);
    const asBearer = await fetch(`${gateway.url}/api/staff/front-desk/today`, { headers: { authorization: `Bearer ${right.body.token}` } });
    expect(asBearer.status).toBe(200);

    expect((await fetch(`${gateway.url}/api/staff/session`, { method: 'DELETE', headers: { cookie } })).status).toBe(204);
    expect((await fetch(`${gateway.url}/api/staff/front-desk/today`, { headers: { cookie } })).status).toBe(401);
  });

  it('slows PIN sign-in for the whole box after a few wrong PINs (the box-wide throttle)', async () => {
    gateway = await testGateway({ FLOORGATE_STAFF_PIN: PIN });
    for (let i = 0; i < 4; i++) expect((await signIn(gateway.url, '999999')).status).toBe(401);
    const fifth = await signIn(gateway.url);
    expect(fifth.status).toBe(429);
  });

  it('refuses every front-desk route without a staff sign-in, even from the box itself', async () => {
    gateway = await testGateway({ FLOORGATE_STAFF_PIN: PIN });
    const get = (p: string) => fetch(`${gateway!.url}${p}`);
    expect((await get('/api/staff/front-desk/today')).status).toBe(401);
    expect((await get('/api/staff/members?q=anna')).status).toBe(401);
    const post = await fetch(`${gateway.url}/api/staff/checkins`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ memberId: 'm-anna', reason: 'forgot card' }),
    });
    expect(post.status).toBe(401);
  });

  it('lists today’s check-ins and denials with full names, reasons and readers', async () => {
    gateway = await testGateway({ FLOORGATE_STAFF_PIN: PIN });
    const { cookie } = await signIn(gateway.url);
    await postCheckIn(gateway.url, '1001');
    await postCheckIn(gateway.url, '1004');
    const today = (await (await fetch(`${gateway.url}/api/staff/front-desk/today`, { headers: { cookie: cookie! } })).json()) as FrontDeskToday;
    expect(today.entries.map((e) => [e.name, e.decision, e.reason?.code ?? null])).toEqual([
      ['Johan Karlsson', 'denied', 'membership_expired'],
      ['Anna Svensson', 'accepted', null],
    ]);
    expect(today.entries[0]!.source).toMatch(/^http:/);
  });

  it('finds a member by name or badge with what the door would say, and changes nothing doing so', async () => {
    gateway = await testGateway({ FLOORGATE_STAFF_PIN: PIN });
    const { cookie } = await signIn(gateway.url);
    const search = async (q: string) =>
      (await (await fetch(`${gateway!.url}/api/staff/members?q=${encodeURIComponent(q)}`, { headers: { cookie: cookie! } })).json()) as MemberSearchAnswer;
    const lina = (await search('lina')).members;
    expect(lina).toHaveLength(1);
    expect(lina[0]).toMatchObject({ id: 'm-lina', waiverSigned: false, wouldBe: { decision: 'denied', reason: { code: 'waiver_missing' } } });
    expect((await search('1004')).members[0]).toMatchObject({ name: 'Johan Karlsson', wouldBe: { reason: { code: 'membership_expired' } } });
    expect((await search('anna sv')).members[0]).toMatchObject({ id: 'm-anna', wouldBe: { decision: 'accepted' }, lastVisits: [] });
    const empty = await fetch(`${gateway.url}/api/staff/members?q=`, { headers: { cookie: cookie! } });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as any).error.message).toBe('q is required');
    expect(gateway.db.prepare("SELECT COUNT(*) AS n FROM journal WHERE type = 'check_in'").get()).toEqual({ n: 0 });
  });

  it('journals an override as an accepted check-in with the reason, shows it at the entrance and delivers it to the cloud', async () => {
    cloud = new CloudDouble();
    await cloud.start();
    const dataDir = tempDataDir();
    gateway = await testGateway(
      { FLOORGATE_STAFF_PIN: PIN, FLOORGATE_CLOUD_URL: cloud.url, FLOORGATE_API_KEY: cloud.apiKey },
      { dataDir, configure: (c) => (c.cloud.checkInTimeoutMs = 0) },
    );
    await gateway.uplink!.stop();
    const { cookie } = await signIn(gateway.url);
    socket = liveClient(gateway.url);
    const shown = new Promise<any>((resolve) => socket!.on('delta', (m) => m.room === rooms.entrance('main') && resolve(m.data)));
    await socket.emitWithAck('join', rooms.entrance('main'));

    const post = (body: unknown) =>
      fetch(`${gateway!.url}/api/staff/checkins`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: cookie! }, body: JSON.stringify(body) });
    const noReason = await post({ memberId: 'm-lina', reason: '', override: true });
    expect(noReason.status).toBe(400);
    expect(((await noReason.json()) as any).error.message).toMatch(/^reason must say why/);

    const answer = (await (await post({ memberId: 'm-lina', reason: 'Signed the paper waiver at the desk', override: true, by: 'Kim' })).json()) as StaffCheckInAnswer;
    expect(answer.result).toMatchObject({ decision: 'accepted', member: { displayName: 'Lina E.' } });
    expect((await shown)[0]).toMatchObject({ eventId: answer.result.eventId, decision: 'accepted' });

    const db = new Database(path.join(dataDir, 'floorgate.db'), { readonly: true });
    const row = db.prepare('SELECT type, payload FROM journal WHERE event_id = ?').get(answer.result.eventId) as { type: string; payload: string };
    db.close();
    expect(row.type).toBe('check_in');
    expect(JSON.parse(row.payload)).toMatchObject({
      memberId: 'm-lina',
      method: 'staff',
      decision: 'accepted',
      override: { reason: 'Signed the paper waiver at the desk', by: 'Kim', overrode: 'waiver_missing' },
    });

    const today = (await (await fetch(`${gateway.url}/api/staff/front-desk/today`, { headers: { cookie: cookie! } })).json()) as FrontDeskToday;
    expect(today.entries[0]).toMatchObject({ name: 'Lina Ek', method: 'staff', override: { by: 'Kim', overrode: 'waiver_missing' } });

    await gateway.uplink!.drainAll();
    expect(cloud.accepted.find((e) => e.eventId === answer.result.eventId)).toMatchObject({
      type: 'check_in',
      payload: { override: { reason: 'Signed the paper waiver at the desk', by: 'Kim', overrode: 'waiver_missing' } },
    });
  });

  it('lets a signed-in console join the staff room with its cookie, and nobody without', async () => {
    gateway = await testGateway({ FLOORGATE_STAFF_PIN: PIN });
    const { cookie } = await signIn(gateway.url);
    const { io } = await import('socket.io-client');
    const anonymous = liveClient(gateway.url);
    expect(await anonymous.emitWithAck('join', rooms.staff('main'))).toMatchObject({ ok: false });
    anonymous.disconnect();
    socket = io(gateway.url, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie: cookie! } });
    const snapshot = new Promise<any>((resolve) => socket!.on('snapshot', (m) => m.room === rooms.staff('main') && resolve(m.data)));
    expect(await socket.emitWithAck('join', rooms.staff('main'))).toEqual({ ok: true });
    expect((await snapshot).uplink.state).toBe('standalone');
  });
});

describe('alert acknowledgement', () => {
  let gateway: Gateway | null = null;
  afterEach(async () => {
    await gateway?.close();
    gateway = null;
  });

  it('clears an open alert for a signed-in console only, and says so when there is none', async () => {
    gateway = await testGateway({ FLOORGATE_STAFF_PIN: PIN });
    gateway.store.alerts.raise('clock_skew', 'The box clock is 10 minutes off.');
    const [alert] = gateway.store.alerts.open();
    const ack = (headers: Record<string, string>) => fetch(`${gateway!.url}/api/staff/alerts/${alert!.id}/acknowledge`, { method: 'POST', headers });
    expect((await ack({})).status).toBe(401);
    expect(gateway.status().alerts).toHaveLength(1);
    const { cookie } = await signIn(gateway.url);
    expect((await ack({ cookie: cookie! })).status).toBe(200);
    expect(gateway.status().alerts).toEqual([]);
    const again = await ack({ cookie: cookie! });
    expect(again.status).toBe(404);
    expect(((await again.json()) as any).error.code).toBe('unknown_alert');
  });
});

describe('discarding a dead letter', () => {
  let gateway: Gateway | null = null;
  let cloud: CloudDouble | null = null;
  afterEach(async () => {
    await gateway?.close();
    await cloud?.stop();
    gateway = null;
    cloud = null;
  });

  it('drops it from the queue only with a reason, journals who and why with the event, and counts it', async () => {
    cloud = new CloudDouble({ rejectEvent: () => ({ code: 'unknown_athlete', message: 'Athlete is not in this gym' }) });
    await cloud.start();
    gateway = await testGateway(
      { FLOORGATE_STAFF_PIN: PIN, FLOORGATE_CLOUD_URL: cloud.url, FLOORGATE_API_KEY: cloud.apiKey },
      { configure: (c) => (c.cloud.checkInTimeoutMs = 0) },
    );
    await gateway.uplink!.stop();
    const { body } = await postCheckIn(gateway.url, '1002');
    await gateway.uplink!.drainAll();
    expect(gateway.status().queue.deadLetters).toBe(1);
    const { cookie } = await signIn(gateway.url);
    const discard = (headers: Record<string, string>, payload: unknown, eventId = body.eventId as string) =>
      fetch(`${gateway!.url}/api/staff/dead-letters/${eventId}/discard`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(payload) });

    expect((await discard({}, { reason: 'test member' })).status).toBe(401);
    const noReason = await discard({ cookie: cookie! }, {});
    expect(noReason.status).toBe(400);
    expect(((await noReason.json()) as any).error.message).toBe('reason is required');
    expect(gateway.status().queue.deadLetters).toBe(1);

    const done = await discard({ cookie: cookie! }, { reason: 'Erik left the gym; the cloud deleted him', by: 'Kim' });
    expect(done.status).toBe(200);
    expect(gateway.status().queue.deadLetters).toBe(0);
    const fact = gateway.db.prepare("SELECT payload FROM journal WHERE type = 'staff_action'").get() as { payload: string };
    expect(JSON.parse(fact.payload)).toMatchObject({
      action: 'discard_dead_letter',
      eventId: body.eventId,
      eventType: 'check_in',
      reason: 'Erik left the gym; the cloud deleted him',
      by: 'Kim',
      event: { memberId: 'm-erik', decision: 'accepted' },
    });
    expect(gateway.db.prepare("SELECT value FROM counters WHERE name = 'discarded:check_in'").get()).toEqual({ value: 1 });
    expect((await discard({ cookie: cookie! }, { reason: 'again please' })).status).toBe(404);
  });
});

describe('the WOD editor of a gym without the cloud', () => {
  let gateway: Gateway | null = null;
  afterEach(async () => {
    await gateway?.close();
    gateway = null;
  });

  const put = (g: Gateway, date: string, body: unknown, cookie?: string) =>
    fetch(`${g.url}/api/staff/wods/${date}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });

  it('stores today’s WOD as local, journals it, and the floor’s /api/wod serves it at once', async () => {
    gateway = await testGateway({ FLOORGATE_STAFF_PIN: PIN });
    const { cookie } = await signIn(gateway.url);
    const week = (await (await fetch(`${gateway.url}/api/staff/wods`, { headers: { cookie: cookie! } })).json()) as any;
    expect(week.readOnlyReason).toBeNull();
    expect(week.days).toHaveLength(7);
    const today = week.days[0].date as string;
    const wod = { title: 'Fran', parts: ['21-15-9 thrusters 43 kg', 'pull-ups'], notes: 'Scale to ring rows' };

    expect((await put(gateway, today, wod)).status).toBe(401);
    const bad = await put(gateway, today, { title: 'Fran', parts: ['ok', ''] }, cookie!);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.message).toBe('parts.1 must not be empty');
    const empty = await put(gateway, today, { title: 'Fran' }, cookie!);
    expect(((await empty.json()) as any).error.message).toMatch(/^parts must have at least one line/);
    expect((await put(gateway, '2001-01-01', wod, cookie!)).status).toBe(400);
    const restWithParts = await put(gateway, today, { ...wod, restDay: true }, cookie!);
    expect(((await restWithParts.json()) as any).error.message).toMatch(/^restDay: a rest day has no parts/);

    expect((await put(gateway, today, wod, cookie!)).status).toBe(200);
    const served = (await (await fetch(`${gateway.url}/api/wod?date=${today}`)).json()) as any;
    expect(served.wod).toEqual({ date: today, title: 'Fran', restDay: false, parts: wod.parts, notes: 'Scale to ring rows', source: 'local' });
    const fact = gateway.db.prepare("SELECT payload FROM journal WHERE type = 'staff_action'").get() as { payload: string };
    expect(JSON.parse(fact.payload)).toMatchObject({ action: 'write_wod', wod: { date: today, title: 'Fran' } });
  });

  it('refuses to edit WODs when a cloud is their source, and says why', async () => {
    const cloud = new CloudDouble();
    await cloud.start();
    try {
      gateway = await testGateway({ FLOORGATE_STAFF_PIN: PIN, FLOORGATE_CLOUD_URL: cloud.url, FLOORGATE_API_KEY: cloud.apiKey });
      const { cookie } = await signIn(gateway.url);
      const week = (await (await fetch(`${gateway.url}/api/staff/wods`, { headers: { cookie: cookie! } })).json()) as any;
      expect(week.readOnlyReason).toMatch(/come from the cloud/);
      const refused = await put(gateway, week.days[0].date, { title: 'Fran', parts: ['x'] }, cookie!);
      expect(refused.status).toBe(409);
      expect(((await refused.json()) as any).error).toMatchObject({ code: 'cloud_content', message: expect.stringMatching(/write them there/) });
    } finally {
      await gateway?.close();
      gateway = null;
      await cloud.stop();
    }
  });
});

describe('roster upload from the console', () => {
  let gateway: Gateway | null = null;
  afterEach(async () => {
    await gateway?.close();
    gateway = null;
  });

  it('loads a good file, and refuses a bad one whole, naming the row and the CSV column', async () => {
    gateway = await testGateway({ FLOORGATE_STAFF_PIN: PIN });
    const { cookie } = await signIn(gateway.url);
    const upload = (body: unknown, headers: Record<string, string> = { cookie: cookie! }) =>
      fetch(`${gateway!.url}/api/staff/roster`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const before = gateway.status().roster.members;
    expect((await upload({ fileName: 'm.csv', text: 'id,name\n' }, {})).status).toBe(401);

    const bad = await upload({
      fileName: 'members.csv',
      text: ['id,name,badge_ids,status,valid_until,Waiver,privacy,alias', 'n-1,Ok Person,5001,active,,yes,name,', 'n-2,Bad Person,5002,active,,maybe,alias,'].join('\n'),
    });
    expect(bad.status).toBe(422);
    const message = ((await bad.json()) as any).error.message as string;
    expect(message).toContain('members.csv: 1 invalid member(s), nothing imported');
    expect(message).toContain('row 3: column Waiver must be yes or no');
    expect(gateway.status().roster.members).toBe(before);

    const aliasMissing = await upload({ fileName: 'members.csv', text: 'id,name,badge_ids,status,waiver,privacy\nn-3,Shy Person,5003,active,yes,alias' });
    expect(((await aliasMissing.json()) as any).error.message).toContain('row 2: column alias is required when privacy is alias');

    const good = await upload({ fileName: 'members.csv', text: 'id,name,badge_ids,status,valid_until,waiver\nn-1,New Person,5001,active,,yes' });
    expect(good.status).toBe(200);
    expect(await good.json()).toEqual({ members: 1, badges: 1, warnings: [] });
    expect((await postCheckIn(gateway.url, '5001')).body).toMatchObject({ decision: 'accepted', member: { displayName: 'New P.' } });
    const fact = gateway.db.prepare("SELECT payload FROM journal WHERE type = 'staff_action'").get() as { payload: string };
    expect(JSON.parse(fact.payload)).toEqual({ action: 'import_roster', fileName: 'members.csv', members: 1 });
  });
});

describe('challenges created in the console', () => {
  let gateway: Gateway | null = null;
  afterEach(async () => {
    await gateway?.close();
    gateway = null;
  });

  it('creates a local distance challenge with multipliers that the boards count at once; bad input names the field', async () => {
    gateway = await testGateway({ FLOORGATE_STAFF_PIN: PIN });
    const { cookie } = await signIn(gateway.url);
    const create = (body: unknown, headers: Record<string, string> = { cookie: cookie! }) =>
      fetch(`${gateway!.url}/api/staff/challenges`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const now = Date.now();
    const body = {
      name: 'Desk Distance',
      type: 'distance',
      metric: 'meters',
      startDate: new Date(now - 86_400_000).toISOString(),
      endDate: new Date(now + 7 * 86_400_000).toISOString(),
      divisions: ['Rx', 'Scaled'],
      machineMultipliers: { bike: 0.5 },
      prizes: { '1': 'Free month' },
    };
    expect((await create(body, {})).status).toBe(401);
    const badType = await create({ ...body, type: 'laps' });
    expect(badType.status).toBe(400);
    expect(((await badType.json()) as any).error.message).toMatch(/^type /);
    const backwards = await create({ ...body, endDate: body.startDate, startDate: body.endDate });
    expect(((await backwards.json()) as any).error.message).toBe('endDate must be after startDate');

    const created = await create(body);
    expect(created.status).toBe(201);
    const { challenge } = (await created.json()) as any;
    expect(challenge).toMatchObject({ name: 'Desk Distance', locationIds: ['main'], machineMultipliers: { bike: 0.5 } });
    const list = (await (await fetch(`${gateway.url}/api/challenges`)).json()) as any;
    expect(list.challenges.map((c: any) => c.id)).toContain(challenge.id);

    const endedAt = new Date(now - 60_000);
    await postSession(gateway.url, { memberId: 'm-anna', equipmentType: 'bike', equipmentId: 'bike-1', startedAt: new Date(endedAt.getTime() - 600_000).toISOString(), endedAt: endedAt.toISOString(), summary: { distanceM: 4000, durationS: 600 } });
    await expect
      .poll(async () => {
        const board = (await (await fetch(`${gateway!.url}/api/challenges/${challenge.id}/leaderboard`)).json()) as any;
        return JSON.stringify(board);
      })
      .toMatch(/"value":2000/);
    const fact = gateway.db.prepare("SELECT payload FROM journal WHERE type = 'staff_action'").get() as { payload: string };
    expect(JSON.parse(fact.payload)).toMatchObject({ action: 'create_challenge', challenge: { id: challenge.id } });
  });
});

describe('the screens list', () => {
  let gateway: Gateway | null = null;
  afterEach(async () => {
    await gateway?.close();
    gateway = null;
  });

  it('gives staff the box’s base URLs with its port and the kiosk token, and nobody else', async () => {
    gateway = await testGateway({ FLOORGATE_STAFF_PIN: PIN });
    expect((await fetch(`${gateway.url}/api/staff/screens`)).status).toBe(401);
    const { cookie } = await signIn(gateway.url);
    const answer = (await (await fetch(`${gateway.url}/api/staff/screens`, { headers: { cookie: cookie! } })).json()) as any;
    expect(answer.kioskToken).toBe(gateway.kioskToken);
    expect(answer.baseUrls.at(-1)).toBe(`http://localhost:${gateway.port}`);
    for (const url of answer.baseUrls) expect(url).toMatch(new RegExp(`^http://.+:${gateway.port}$`));
  });
});

describe('playlists edited in the console', () => {
  let gateway: Gateway | null = null;
  let socket: LiveClient | null = null;
  afterEach(async () => {
    socket?.disconnect();
    await gateway?.close();
    gateway = null;
    socket = null;
  });

  const send = (method: string, url: string, cookie: string | null, body?: unknown) =>
    fetch(url, { method, headers: { ...(cookie ? { cookie } : {}), ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });

  it('stores a new playlist, journals it, tells open screens at once, keeps it across a restart, and removes it', async () => {
    const dataDir = tempDataDir();
    gateway = await testGateway({ FLOORGATE_STAFF_PIN: PIN, FLOORGATE_DATA_DIR: dataDir });
    const lobby = [{ screen: 'occupancy', seconds: 12 }, { screen: 'wod', params: { theme: 'light' }, seconds: 20 }];
    expect((await send('PUT', `${gateway.url}/api/staff/playlists/lobby`, null, { items: lobby })).status).toBe(401);
    const { cookie } = await signIn(gateway.url);

    socket = liveClient(gateway.url);
    const first = nextMessage(socket, 'snapshot', (m) => m.room === rooms.screens('main'));
    await join(socket, rooms.screens('main'));
    const before = ((await first).data as { playlistsRevision: number }).playlistsRevision;
    const told = nextMessage(socket, 'delta', (m) => m.room === rooms.screens('main'));

    const put = await send('PUT', `${gateway.url}/api/staff/playlists/lobby`, cookie, { items: lobby, by: 'Kim' });
    expect(put.status).toBe(200);
    const answer = (await put.json()) as any;
    expect(answer.playlist).toEqual({ name: 'lobby', origin: 'console', inFile: false, items: [{ screen: 'occupancy', params: {}, seconds: 12 }, lobby[1]] });
    expect(((await told).data as { playlistsRevision: number }).playlistsRevision).toBeGreaterThan(before);
    const served = (await (await fetch(`${gateway.url}/api/playlists/lobby`)).json()) as any;
    expect(served.items.map((i: any) => [i.screen, i.seconds])).toEqual([['occupancy', 12], ['wod', 20]]);

    const db = new Database(path.join(dataDir, 'floorgate.db'), { readonly: true });
    const fact = db.prepare('SELECT payload FROM journal WHERE event_id = ?').get(answer.journaled) as { payload: string };
    db.close();
    expect(JSON.parse(fact.payload)).toMatchObject({ action: 'edit_playlist', name: 'lobby', by: 'Kim' });

    await gateway.close();
    gateway = await testGateway({ FLOORGATE_STAFF_PIN: PIN, FLOORGATE_DATA_DIR: dataDir });
    expect(((await (await fetch(`${gateway.url}/api/playlists`)).json()) as any).playlists).toEqual(['default', 'lobby']);
    const again = (await signIn(gateway.url)).cookie!.split(';')[0]!;
    expect((await send('DELETE', `${gateway.url}/api/staff/playlists/lobby`, again)).status).toBe(200);
    expect((await fetch(`${gateway.url}/api/playlists/lobby`)).status).toBe(404);
  });

  it('replaces the file’s default with an edit and goes back to it on removal; refuses bad items naming the field', async () => {
    gateway = await testGateway({ FLOORGATE_STAFF_PIN: PIN });
    const cookie = (await signIn(gateway.url)).cookie!.split(';')[0]!;
    const bad = await send('PUT', `${gateway.url}/api/staff/playlists/default`, cookie, { items: [{ screen: 'occupancy', seconds: 1 }] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.message).toBe('items.0.seconds must be 3 or more');
    const unknown = await send('PUT', `${gateway.url}/api/staff/playlists/default`, cookie, { items: [{ screen: 'entrance', seconds: 10 }] });
    expect(((await unknown.json()) as any).error.message).toMatch(/^items\.0\.screen must be one of leaderboard/);
    expect((await send('PUT', `${gateway.url}/api/staff/playlists/${encodeURIComponent('tv 1')}`, cookie, { items: [{ screen: 'wod', seconds: 10 }] })).status).toBe(400);
    expect((await send('DELETE', `${gateway.url}/api/staff/playlists/default`, cookie)).status).toBe(409);

    const put = await send('PUT', `${gateway.url}/api/staff/playlists/default`, cookie, { items: [{ screen: 'occupancy', seconds: 30 }] });
    expect(((await put.json()) as any).playlist).toMatchObject({ origin: 'console', inFile: true });
    expect(((await (await fetch(`${gateway.url}/api/playlists/default`)).json()) as any).items).toEqual([{ screen: 'occupancy', params: {}, seconds: 30 }]);
    const removed = (await (await send('DELETE', `${gateway.url}/api/staff/playlists/default`, cookie)).json()) as any;
    expect(removed.playlist).toMatchObject({ origin: 'file', inFile: true });
    expect(removed.playlist.items.length).toBeGreaterThan(1);
  });
});

describe('the gym’s settings set in the console', () => {
  let gateway: Gateway | null = null;
  let socket: LiveClient | null = null;
  let feed: Server | null = null;
  afterEach(async () => {
    socket?.disconnect();
    await gateway?.close();
    await new Promise((resolve) => (feed ? feed.close(resolve) : resolve(undefined)));
    gateway = null;
    socket = null;
    feed = null;
  });

  const put = (url: string, cookie: string, body: unknown) =>
    fetch(`${url}/api/staff/gym`, { method: 'PUT', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  /** The class schedule as a real HTTP server on loopback, the way a gym's booking system publishes it. */
  async function icsFeed(): Promise<string> {
    const ics = readFileSync(path.join(import.meta.dirname, '../e2e/fixtures/classes.ics'), 'utf8');
    feed = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/calendar' }).end(ics));
    await new Promise<void>((resolve) => feed!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(feed.address() as AddressInfo).port}/classes.ics`;
  }

  it('applies name, capacity and a schedule feed at once: screen config, the occupancy room, the door’s rule, the schedule', async () => {
    gateway = await testGateway({ FLOORGATE_STAFF_PIN: PIN });
    const cookie = (await signIn(gateway.url)).cookie!.split(';')[0]!;
    const before = (await (await fetch(`${gateway.url}/api/staff/gym`, { headers: { cookie } })).json()) as GymSettingsAnswer;
    expect(before).toMatchObject({ source: 'file', values: { capacity: null, scheduleIcs: null }, cloud: { configured: false, owns: [] }, schedule: null });

    socket = liveClient(gateway.url);
    const snapshot = nextMessage(socket, 'snapshot', (m) => m.room === rooms.occupancy('main'));
    await join(socket, rooms.occupancy('main'));
    const inGym = ((await snapshot).data as OccupancyState).count;
    const capacityShown = nextMessage(socket, 'delta', (m) => m.room === rooms.occupancy('main') && (m.data as OccupancyState).capacity !== null);
    const url = await icsFeed();

    const response = await put(gateway.url, cookie, { name: 'Harbour Gym', capacity: inGym + 1, openingHours: [], scheduleIcs: url, by: 'Kim' });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as GymSettingsAnswer;
    expect(answer).toMatchObject({ source: 'console', values: { name: 'Harbour Gym', capacity: inGym + 1, scheduleIcs: url }, schedule: { error: null } });
    expect(answer.schedule!.classesToday).toBeGreaterThan(0); // the new feed was read before the answer
    expect(((await capacityShown).data as OccupancyState).capacity).toBe(inGym + 1);
    expect(((await (await fetch(`${gateway.url}/api/screen-config`)).json()) as any).locationName).toBe('Harbour Gym');
    expect(((await (await fetch(`${gateway.url}/api/schedule`)).json()) as any).classes.map((c: any) => c.title)).toContain('Row Club');

    expect((await postCheckIn(gateway.url, '1001')).body.decision).toBe('accepted');
    const full = await postCheckIn(gateway.url, '1002');
    expect(full.body).toMatchObject({ decision: 'denied', reason: { code: 'capacity_full' } });

    const db = new Database(path.join(gateway.config.dataDir, 'floorgate.db'), { readonly: true });
    const fact = db.prepare('SELECT payload FROM journal WHERE event_id = ?').get(answer.journaled) as { payload: string };
    db.close();
    expect(JSON.parse(fact.payload)).toMatchObject({ action: 'edit_gym_settings', by: 'Kim', values: { name: 'Harbour Gym', capacity: inGym + 1 } });
  });

  it('keeps opening hours across a restart and the door refuses outside them; bad values name the field', async () => {
    const dataDir = tempDataDir();
    gateway = await testGateway({ FLOORGATE_STAFF_PIN: PIN }, { dataDir });
    let cookie = (await signIn(gateway.url)).cookie!.split(';')[0]!;
    const bad = async (body: object, message: string) => {
      const response = await put(gateway!.url, cookie, { name: 'Gym', capacity: null, openingHours: [], scheduleIcs: null, ...body });
      expect(response.status).toBe(400);
      expect(((await response.json()) as any).error.message).toBe(message);
    };
    await bad({ capacity: 0 }, 'capacity must be 1 or more');
    await bad({ scheduleIcs: 'file:///etc/passwd' }, 'scheduleIcs must be an http:// or https:// address of an ICS feed');
    await bad({ openingHours: [{ days: [1], from: '25:00', to: '26:00' }] }, 'openingHours.0.from must be HH:MM (24 h)');
    await bad({ name: ' ' }, 'name is required');

    // Open for one hour, starting two hours from now (the gateway runs in UTC here).
    const hhmm = (offsetH: number) => new Date(Date.now() + offsetH * 3_600_000).toISOString().slice(11, 16);
    const hours = [{ days: [0, 1, 2, 3, 4, 5, 6], from: hhmm(2), to: hhmm(3) }];
    expect((await put(gateway.url, cookie, { name: 'Night Owl Gym', capacity: null, openingHours: hours, scheduleIcs: null })).status).toBe(200);
    expect((await postCheckIn(gateway.url, '1001')).body).toMatchObject({ decision: 'denied', reason: { code: 'outside_access_hours' } });

    await gateway.close();
    gateway = await testGateway({ FLOORGATE_STAFF_PIN: PIN }, { dataDir });
    cookie = (await signIn(gateway.url)).cookie!.split(';')[0]!;
    const after = (await (await fetch(`${gateway.url}/api/staff/gym`, { headers: { cookie } })).json()) as GymSettingsAnswer;
    expect(after).toMatchObject({ source: 'console', values: { name: 'Night Owl Gym', openingHours: hours } });
    expect((await postCheckIn(gateway.url, '1003')).body).toMatchObject({ decision: 'denied', reason: { code: 'outside_access_hours' } });
    expect((await put(gateway.url, cookie, { name: 'Night Owl Gym', capacity: null, openingHours: [], scheduleIcs: null })).status).toBe(200);
    expect((await postCheckIn(gateway.url, '1003')).body.decision).toBe('accepted');
  });
});

describe('a box with a cloud: the gym’s settings and the scheduled jobs card', () => {
  let gateway: Gateway | null = null;
  let cloud: CloudDouble | null = null;
  afterEach(async () => {
    await gateway?.close();
    await cloud?.stop();
    gateway = null;
    cloud = null;
  });
  /** A gateway with the cloud double, and a signed-in staff cookie. */
  async function withCloud(options: Parameters<typeof testGateway>[1] = {}): Promise<{ gateway: Gateway; cloud: CloudDouble; cookie: string }> {
    cloud = new CloudDouble();
    await cloud.start();
    gateway = await testGateway({ FLOORGATE_STAFF_PIN: PIN, FLOORGATE_CLOUD_URL: cloud.url, FLOORGATE_API_KEY: cloud.apiKey }, options);
    return { gateway, cloud, cookie: (await signIn(gateway.url)).cookie!.split(';')[0]! };
  }

  it('says the cloud owns none of the gym’s settings (its contract carries none) and takes the edit', async () => {
    const { gateway, cookie } = await withCloud();
    const answer = (await (await fetch(`${gateway.url}/api/staff/gym`, { headers: { cookie } })).json()) as GymSettingsAnswer;
    expect(answer.cloud).toEqual({ configured: true, owns: [], note: expect.stringMatching(/^The cloud’s contract carries no gym name, capacity, opening hours or class schedule/) });
    const put = await fetch(`${gateway.url}/api/staff/gym`, {
      method: 'PUT',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Cloud Gym', capacity: 80, openingHours: [], scheduleIcs: null }),
    });
    expect(put.status).toBe(200);
    expect(((await (await fetch(`${gateway.url}/api/screen-config`)).json()) as any).locationName).toBe('Cloud Gym');
  });

  it('lists each job with its schedule and next run, runs one now, and shows a failed pull as the job’s error', async () => {
    const { gateway, cloud, cookie } = await withCloud({ uplink: FAST_UPLINK });
    expect((await fetch(`${gateway.url}/api/staff/jobs`)).status).toBe(401);
    const listed = (await (await fetch(`${gateway.url}/api/staff/jobs`, { headers: { cookie } })).json()) as JobsAnswer;
    expect(listed.jobs.map((j) => j.name).sort()).toEqual(['pull-challenges', 'pull-roster', 'pull-wod', 'retention']);
    for (const job of listed.jobs) {
      expect(job.lastRun).toBeNull();
      expect(Date.parse(job.nextRunAt!)).toBeGreaterThan(Date.now());
    }
    const run = (name: string) => fetch(`${gateway.url}/api/staff/jobs/${name}/run`, { method: 'POST', headers: { cookie } });

    const ok = (await (await run('pull-wod')).json()) as JobRunAnswer;
    expect(ok.job).toMatchObject({ name: 'pull-wod', running: false, lastRun: { ok: true, error: null } });
    const requestsBefore = cloud.counters.requests;
    cloud.inject({ kind: 'status', status: 500 });
    const failed = (await (await run('pull-wod')).json()) as JobRunAnswer;
    expect(failed.job.lastRun).toMatchObject({ ok: false, error: expect.stringMatching(/500/) });
    expect(cloud.counters.requests).toBeGreaterThan(requestsBefore);
    expect((await run('no-such-job')).status).toBe(404);
  });
});

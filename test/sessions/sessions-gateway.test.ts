import { afterEach, describe, expect, it } from 'vitest';
import { rooms, type LiveMessage } from '../../shared/live.js';
import type { EquipmentSession } from '../../shared/sessions.js';
import type { Gateway } from '../../gateway/app.js';
import { manualClock } from '../../gateway/time/clock.js';
import type { EquipmentSessionPayload } from '../../gateway/sessions/service.js';
import { floorGateway, HandAdapter } from '../support/floor-gateway.js';
import { join, liveClient, nextMessage, postCheckIn, type LiveClient } from '../support/gateway.js';

const SESSIONS = { idleTimeoutS: 20, minDurationS: 5, claimWindowS: 60, straps: [{ strapId: 'hr-anna', badge: '1001' }] };

describe('equipment sessions on a real gateway (SQLite, HTTP, socket.io; injected clock)', () => {
  let gateway: Gateway | null = null;
  let socket: LiveClient | null = null;
  const clock = manualClock('2026-01-05T09:00:00.000Z');
  const hand = new HandAdapter();

  afterEach(async () => {
    socket?.disconnect();
    socket = null;
    await gateway?.close();
    gateway = null;
  });

  const start = async () => {
    clock.set('2026-01-05T09:00:00.000Z');
    gateway = await floorGateway({ sessions: SESSIONS }, { clock, adapters: [hand] });
    return gateway;
  };

  /** `seconds` of rowing at 4 Hz on a machine: 3 m per reading, 180 W. Returns the distance reached. */
  const row = (equipmentId: string, seconds: number, fromM = 0) => {
    let distanceM = fromM;
    for (let i = 0; i < seconds * 4; i++) {
      clock.advance(250);
      distanceM += 3;
      hand.sink.reading({
        equipmentId,
        name: equipmentId === 'rower-1' ? 'Rower 1' : equipmentId,
        kind: 'rower',
        at: clock.now(),
        metrics: { powerW: 180, strokeRateSpm: 24, distanceM, heartRateBpm: 130 },
      });
    }
    return distanceM;
  };
  const idle = (g: Gateway, seconds: number) => {
    clock.advance(seconds * 1000);
    g.sessions.tick();
  };
  const sessionsOf = (g: Gateway) =>
    (g.db.prepare("SELECT event_id, payload FROM journal WHERE type = 'equipment_session' ORDER BY seq").all() as Array<{ event_id: string; payload: string }>).map(
      (row) => ({ eventId: row.event_id, ...(JSON.parse(row.payload) as EquipmentSessionPayload) }),
    );
  const post = async (g: Gateway, path: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${g.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };

  it('an anonymous session is journaled to the outbox, listed as claimable, and claimed at the kiosk', async () => {
    const g = await start();
    const told: EquipmentSession[] = [];
    g.floor.on('session', (s) => told.push(s));
    row('rower-1', 60);
    idle(g, 19);
    expect(sessionsOf(g)).toEqual([]);
    idle(g, 1);

    const [ended] = sessionsOf(g);
    expect(ended).toMatchObject({
      equipmentId: 'rower-1',
      equipmentName: 'Rower 1',
      equipmentType: 'rower',
      memberId: null,
      locationId: 'main',
      startedAt: '2026-01-05T09:00:00.250Z',
      endedAt: '2026-01-05T09:01:00.000Z',
      summary: { distanceM: 717, durationS: 59.8, avgPowerW: 180, avgStrokeRateSpm: 24, avgPaceSecPer500m: 41.7, avgHeartRateBpm: 130 },
      data: { distance: 717, time: 59.8, avgPower: 180 },
    });
    expect(g.outbox.stats().byType).toMatchObject({ equipment_session: { depth: 1 } });
    expect(told).toEqual([expect.objectContaining({ eventId: ended!.eventId, memberId: null })]);
    // 1 Hz samples kept with the session.
    expect(g.sessions.store.samples(ended!.sessionId)).toHaveLength(60);

    const claimable = await (await fetch(`${g.url}/api/sessions/claimable`)).json();
    expect(claimable.sessions).toEqual([expect.objectContaining({ sessionId: ended!.sessionId, equipmentName: 'Rower 1' })]);

    const unknown = await post(g, `/api/sessions/${ended!.sessionId}/claim`, { badge: '999999' });
    expect(unknown).toEqual({ status: 404, body: { error: { code: 'unknown_badge', message: 'No member has this badge.' } } });
    const foreign = await post(g, `/api/sessions/${ended!.sessionId}/claim`, { badge: '1001' }, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);

    const claimed = await post(g, `/api/sessions/${ended!.sessionId}/claim`, { badge: '1001' });
    expect(claimed).toEqual({ status: 200, body: { ok: true, outcome: 'claimed', sessionId: ended!.sessionId } });
    const facts = sessionsOf(g);
    expect(facts).toHaveLength(2);
    expect(facts[1]).toMatchObject({ sessionId: ended!.sessionId, claimOf: ended!.sessionId, memberId: 'm-anna', claimedVia: 'kiosk' });
    expect(told[1]).toMatchObject({ eventId: facts[1]!.eventId, memberId: 'm-anna', summary: { distanceM: 717 } });
    expect(g.outbox.stats().byType).toMatchObject({ equipment_session: { depth: 2 } });

    const again = await post(g, `/api/sessions/${ended!.sessionId}/claim`, { badge: '1002' });
    expect(again.status).toBe(409);
    const openapi = (await (await fetch(`${g.url}/api/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/api/equipment/{id}/claim', '/api/sessions/{id}/claim', '/api/straps/{id}/pairing']));
    expect((await (await fetch(`${g.url}/api/sessions/claimable`)).json()).sessions).toEqual([]);
  });

  it('a badge tap at the machine’s reader before the start claims the session; the tile shows the member', async () => {
    const g = await start();
    socket = liveClient(g.url);
    const room = rooms.equipment('main');
    await join(socket, room);
    const tile = nextMessage(
      socket,
      'delta',
      (m) => m.kind === 'equipment' && (m as Extract<LiveMessage, { kind: 'equipment' }>).data.some((t) => t.memberDisplayName === 'Anna S.'),
    );

    row('rower-1', 1); // the machine is known to the floor
    idle(g, 30); // too short to be a session: discarded
    hand.sink.badge({ badge: '1001', method: 'badge', source: 'serial:rower-1-reader', equipmentId: 'rower-1' });
    clock.advance(30_000); // within the 60 s window
    row('rower-1', 30, 12);
    const shown = (await tile) as Extract<LiveMessage, { kind: 'equipment' }>;
    expect(shown.data.find((t) => t.equipmentId === 'rower-1')).toMatchObject({ state: 'in_use', memberDisplayName: 'Anna S.' });
    idle(g, 20);

    const facts = sessionsOf(g);
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({ memberId: 'm-anna', claimedVia: 'tap-before-start', summary: { distanceM: 360 } });
    // The tap was a claim, not a check-in.
    expect(g.db.prepare("SELECT count(*) AS n FROM journal WHERE type = 'check_in'").get()).toEqual({ n: 0 });
  });

  it('a tap after the window does not claim the finished session: it stays anonymous', async () => {
    const g = await start();
    row('rower-1', 20);
    idle(g, 20);
    clock.advance(61_000);
    const tap = await post(g, '/api/equipment/rower-1/claim', { badge: '1001' });
    expect(tap.body).toMatchObject({ ok: true, outcome: 'pending' });
    expect(sessionsOf(g).map((s) => s.memberId)).toEqual([null]);
  });

  it('a tap while rowing claims the running session; a second member cannot take it', async () => {
    const g = await start();
    row('rower-1', 10);
    expect((await post(g, '/api/equipment/rower-1/claim', { badge: '1002' })).body).toMatchObject({ outcome: 'claimed' });
    const taken = await post(g, '/api/equipment/rower-1/claim', { badge: '1001' });
    expect(taken).toEqual({ status: 409, body: { error: { code: 'taken', message: 'Someone else is on this machine.' } } });
    expect((await post(g, '/api/equipment/no-such-rower/claim', { badge: '1001' })).status).toBe(404);
    row('rower-1', 10, 120);
    idle(g, 20);
    expect(sessionsOf(g)).toEqual([expect.objectContaining({ memberId: 'm-erik', claimedVia: 'kiosk' })]);
  });

  it('a strap is paired at check-in: its heart rate lands in the member’s session and its tile shows the member', async () => {
    const g = await start();
    expect((await postCheckIn(g.url, '1001')).body).toMatchObject({ decision: 'accepted' });
    row('rower-1', 2);
    await post(g, '/api/equipment/rower-1/claim', { badge: '1001' });
    const readings: Array<string | null | undefined> = [];
    g.floor.on('reading', (r) => r.kind === 'hr_strap' && readings.push(r.memberId));
    for (let i = 0; i < 10; i++) {
      hand.sink.reading({ equipmentId: 'hr-anna', name: 'HR Anna', kind: 'hr_strap', at: clock.now(), metrics: { heartRateBpm: 170 } });
      row('rower-1', 1, 24 + i * 12);
    }
    idle(g, 20);
    expect(readings).toEqual(Array(10).fill('m-anna'));
    // 48 machine readings at 130 bpm and 10 strap readings at 170: (48 × 130 + 10 × 170) / 58 = 136.9.
    expect(sessionsOf(g)[0]).toMatchObject({ memberId: 'm-anna', summary: { maxHeartRateBpm: 170, avgHeartRateBpm: 137 } });

    // Staff re-pair the strap to another member; unknown badges are refused. The kiosk token is not enough.
    const staff = { 'content-type': 'application/json', authorization: `Bearer ${g.staffToken}` };
    const kiosk = { 'content-type': 'application/json', authorization: `Bearer ${g.kioskToken}` };
    const byKiosk = await fetch(`${g.url}/api/straps/hr-anna/pairing`, { method: 'PUT', headers: kiosk, body: '{"badge":"1002"}' });
    expect(byKiosk.status).toBe(401);
    const put = await fetch(`${g.url}/api/straps/hr-anna/pairing`, { method: 'PUT', headers: staff, body: '{"badge":"1002"}' });
    expect(put.status).toBe(200);
    const bad = await fetch(`${g.url}/api/straps/hr-anna/pairing`, { method: 'PUT', headers: staff, body: '{"badge":""}' });
    expect(await bad.json()).toEqual({ error: { code: 'invalid_request', message: 'badge is required' } });
    expect((await fetch(`${g.url}/api/straps/hr-anna/pairing`, { method: 'DELETE' })).status).toBe(401);
    expect((await fetch(`${g.url}/api/straps/hr-anna/pairing`, { method: 'DELETE', headers: { authorization: staff.authorization } })).status).toBe(200);
    expect((await fetch(`${g.url}/api/straps/hr-anna/pairing`, { method: 'DELETE', headers: { authorization: staff.authorization } })).status).toBe(404);
  });

  it('a session running at shutdown is ended and journaled, not lost', async () => {
    const g = await start();
    row('rower-1', 30);
    await g.close();
    gateway = null;
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(`${g.config.dataDir}/floorgate.db`, { readonly: true });
    const rows = db.prepare("SELECT payload FROM journal WHERE type = 'equipment_session'").all() as Array<{ payload: string }>;
    db.close();
    expect(rows.map((r) => JSON.parse(r.payload).summary.distanceM)).toEqual([357]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Gateway } from '../../gateway/app.js';
import { rooms, type LiveMessage } from '../../shared/live.js';
import { CloudDouble } from '../cloud-double/server.js';
import { HandAdapter } from '../support/floor-gateway.js';
import { FAST_UPLINK, join, liveClient, nextMessage, postCheckIn, postSession, testGateway, type LiveClient } from '../support/gateway.js';

const DAY = 86_400_000;

function cloudMember(privacy: 'name' | 'hidden') {
  return {
    id: 'c-anna',
    name: 'Anna Pullman',
    badgeIds: ['c0ffee'],
    membership: { status: 'active' as const, validUntil: null },
    waiverSigned: true,
    privacy: { leaderboard: privacy },
  };
}

describe('the two pipelines, seen from outside', () => {
  let cloud: CloudDouble;
  let gateway: Gateway | null = null;
  let socket: LiveClient | null = null;

  beforeEach(async () => {
    cloud = new CloudDouble();
    await cloud.start();
  });
  afterEach(async () => {
    socket?.disconnect();
    socket = null;
    await gateway?.close();
    gateway = null;
    await cloud.stop();
  });

  const start = (adapters: HandAdapter[] = []) =>
    testGateway(
      { FLOORGATE_CLOUD_URL: cloud.url, FLOORGATE_API_KEY: cloud.apiKey, FLOORGATE_CLOUD_TIER: 'unlimited' },
      { uplink: FAST_UPLINK, adapters, configure: (c) => ((c.simulator.enabled = false), (c.checkin.antiPassbackMinutes = 0)) },
    );
  const sync = (g: Gateway) => fetch(`${g.url}/api/staff/sync`, { method: 'POST', headers: { authorization: `Bearer ${g.staffToken}` } });

  it('a member who hides their name disappears from the equipment board and the leaderboard with the next roster pull, no restart', async () => {
    cloud.athletes = [{ updatedAt: Date.now() - 3_600_000, member: cloudMember('name') }];
    cloud.challenges = [
      {
        id: 'row-month',
        name: 'Row Month',
        type: 'distance',
        metric: 'rowing_meters',
        target: 100_000,
        startDate: new Date(Date.now() - DAY).toISOString(),
        endDate: new Date(Date.now() + DAY).toISOString(),
      },
    ];
    const hand = new HandAdapter();
    gateway = await start([hand]);
    await sync(gateway);
    const now = new Date();
    const session = await postSession(gateway.url, {
      memberId: 'c-anna',
      startedAt: new Date(now.getTime() - 600_000).toISOString(),
      endedAt: now.toISOString(),
      summary: { distanceM: 2_000, durationS: 480 },
    });
    expect(session.status).toBe(202);
    hand.sink.reading({ equipmentId: 'row-9', name: 'Rower 9', kind: 'rower', at: new Date(), metrics: { powerW: 180, strokeRateSpm: 24 }, memberId: 'c-anna' });

    socket = liveClient(gateway.url);
    const equipmentRoom = rooms.equipment('main');
    const boardRoom = rooms.leaderboard('row-month');
    const equipmentSnapshot = nextMessage(socket, 'snapshot', (m) => m.room === equipmentRoom);
    await join(socket, equipmentRoom);
    const tiles = ((await equipmentSnapshot) as Extract<LiveMessage, { kind: 'equipment' }>).data;
    expect(tiles.find((t) => t.equipmentId === 'row-9')?.memberDisplayName).toBe('Anna P.');
    const boardSnapshot = nextMessage(socket, 'snapshot', (m) => m.room === boardRoom);
    await join(socket, boardRoom);
    expect(JSON.stringify(((await boardSnapshot) as Extract<LiveMessage, { kind: 'leaderboard' }>).data)).toContain('Anna P.');

    // The member switches to hidden in the cloud; the next pull brings it.
    cloud.athletes = [{ updatedAt: Date.now(), member: cloudMember('hidden') }];
    const tileDelta = nextMessage(socket, 'delta', (m) => m.room === equipmentRoom);
    const boardDelta = nextMessage(socket, 'delta', (m) => m.room === boardRoom);
    await sync(gateway);
    const tile = ((await tileDelta) as Extract<LiveMessage, { kind: 'equipment' }>).data.find((t) => t.equipmentId === 'row-9');
    expect(tile?.memberDisplayName).toBeNull();
    expect(JSON.stringify((await boardDelta).data)).not.toContain('Anna');
    const equipmentApi = await (await fetch(`${gateway.url}/api/equipment`)).text();
    expect(equipmentApi).not.toContain('Anna');
  });

  it('journals a claim on a running session before it answers "claimed", and keeps it on the box', async () => {
    cloud.athletes = [{ updatedAt: Date.now() - 3_600_000, member: cloudMember('name') }];
    const hand = new HandAdapter();
    gateway = await start([hand]);
    await sync(gateway);
    for (let s = 0; s < 5; s++) {
      hand.sink.reading({ equipmentId: 'row-3', name: 'Rower 3', kind: 'rower', at: new Date(Date.now() + s * 1000), metrics: { powerW: 150, strokeRateSpm: 22 } });
    }
    const response = await fetch(`${gateway.url}/api/equipment/row-3/claim`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ badge: 'c0ffee' }),
    });
    expect(await response.json()).toMatchObject({ ok: true, outcome: 'claimed' });
    const claims = gateway.db.prepare("SELECT payload FROM journal WHERE type = 'machine_claim'").pluck().all() as string[];
    expect(claims.map((p) => JSON.parse(p))).toEqual([{ equipmentId: 'row-3', memberId: 'c-anna', via: 'kiosk', kind: 'running' }]);
    expect(Object.keys(gateway.status().queue.byType)).not.toContain('machine_claim'); // never sent upstream
  });

  it('a session handed over by a bridge is claimable like any other, and leaves the box in the one equipment_session shape', async () => {
    cloud.athletes = [{ updatedAt: Date.now() - 3_600_000, member: cloudMember('name') }];
    gateway = await start();
    await sync(gateway);
    const now = Date.now();
    const handed = await postSession(gateway.url, { startedAt: new Date(now - 600_000).toISOString(), endedAt: new Date(now - 60_000).toISOString() });
    expect(handed.status).toBe(202);
    const { sessions } = (await (await fetch(`${gateway.url}/api/sessions/claimable`)).json()) as { sessions: Array<{ sessionId: string; equipmentId: string }> };
    expect(sessions).toHaveLength(1);
    const claim = await fetch(`${gateway.url}/api/sessions/${sessions[0]!.sessionId}/claim`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ badge: 'c0ffee' }),
    });
    expect(await claim.json()).toMatchObject({ ok: true, outcome: 'claimed', sessionId: sessions[0]!.sessionId });

    const facts = (gateway.db.prepare("SELECT payload FROM journal WHERE type = 'equipment_session' ORDER BY seq").pluck().all() as string[]).map(
      (p) => JSON.parse(p) as Record<string, unknown>,
    );
    expect(facts).toHaveLength(2);
    const [ended, claimed] = facts;
    expect(Object.keys(claimed!).sort()).toEqual([...Object.keys(ended!), 'claimOf'].sort());
    expect(ended).toMatchObject({ sessionId: sessions[0]!.sessionId, memberId: null, data: { distance: 2000, time: 480 } });
    expect(claimed).toMatchObject({ claimOf: sessions[0]!.sessionId, memberId: 'c-anna' });
  });

  it('the entrance hears of a check-in once', async () => {
    gateway = await start();
    socket = liveClient(gateway.url);
    const entrance = rooms.entrance('main');
    await join(socket, entrance);
    const seen: string[] = [];
    socket.on('delta', (m) => {
      if (m.room === entrance && m.kind === 'entrance') for (const r of m.data) seen.push(r.eventId);
    });
    const first = await postCheckIn(gateway.url, 'nobody-1');
    const secondDelta = nextMessage(socket, 'delta', (m) => m.room === entrance && m.kind === 'entrance' && m.data.some((r) => r.eventId !== first.body.eventId));
    await postCheckIn(gateway.url, 'nobody-2');
    await secondDelta;
    expect(seen.filter((id) => id === first.body.eventId)).toHaveLength(1);
  });
});

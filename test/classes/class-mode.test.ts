/**
 * Class mode on a real gateway (real SQLite, real socket.io-client) on an injected clock: the ICS schedule starts the
 * class, members checked in with paired straps get tiles, the end journals a local `class_summary` fact and puts it
 * on the achievements screen; staff start and stop a class by hand.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../../gateway/app.js';
import { manualClock } from '../../gateway/time/clock.js';
import type { ClassRoomState } from '../../shared/classes.js';
import { rooms, type LiveMessage } from '../../shared/live.js';
import { HandAdapter } from '../support/floor-gateway.js';
import { join, liveClient, nextMessage, postCheckIn, testGateway, type LiveClient } from '../support/gateway.js';

const ICS = fileURLToPath(new URL('../e2e/fixtures/class-mode.ics', import.meta.url));
const classState = (m: LiveMessage) => (m.kind === 'class' ? m.data : null);
const when = (socket: LiveClient, match: (s: ClassRoomState) => boolean) =>
  nextMessage(socket, 'delta', (m) => {
    const s = classState(m);
    return s !== null && match(s);
  }).then((m) => m.data as ClassRoomState);

describe('class mode on a gateway', () => {
  const clock = manualClock('2026-03-02T08:50:00Z');
  const hand = new HandAdapter();
  let gateway: Gateway;
  let socket: LiveClient;
  const frames: string[] = [];
  const strap = (equipmentId: string, bpm: number) =>
    hand.sink.reading({ equipmentId, name: equipmentId, kind: 'hr_strap', at: clock.now(), metrics: { heartRateBpm: bpm } });

  beforeAll(async () => {
    gateway = await testGateway({}, {
      clock,
      adapters: [hand],
      configure: (config) => {
        config.screens.schedule.ics = ICS;
        config.sessions.straps = [
          { strapId: 'hr-anna', badge: '1001' },
          { strapId: 'hr-karin', badge: '1009' }, // Karin hides her name
        ];
      },
    });
    socket = liveClient(gateway.url);
    socket.onAny((_event, message) => frames.push(JSON.stringify(message)));
  });
  afterAll(async () => {
    socket?.close();
    await gateway?.close();
  });

  it('starts from the schedule, shows members with straps by zone, and ends with a summary fact on the achievements screen', async () => {
    for (const badge of ['1001', '1009', '1002']) expect((await postCheckIn(gateway.url, badge)).body.decision).toBe('accepted');
    const snapshot = nextMessage(socket, 'snapshot', (m) => m.kind === 'class');
    await join(socket, rooms.class(gateway.config.location.id));
    const first = (await snapshot).data as ClassRoomState;
    expect(first.current).toBeNull();
    expect(first.next).toEqual({ title: 'Row Club', startsAt: '2026-03-02T09:00:00.000Z' });

    const started = when(socket, (s) => s.current !== null);
    clock.set('2026-03-02T09:00:00Z');
    expect((await started).current).toMatchObject({ title: 'Row Club', coach: 'Erik', source: 'schedule', minutesLeft: 45, tiles: [] });

    // Ten minutes: Anna in zone 4 (160 bpm of 190), Karin in zone 3 (140); Erik checked in without a strap.
    for (let s = 0; s <= 600; s += 5) {
      strap('hr-anna', 160);
      strap('hr-karin', 140);
      if (s < 600) clock.advance(5_000);
    }
    const live = await when(socket, (s) => s.current?.tiles.length === 2 && s.current.tiles[0]!.zoneMinutes[3] === 10);
    expect(live.current!.tiles).toEqual([
      { key: 't1', displayName: 'Anna S.', bpm: 160, zone: 4, zoneMinutes: [0, 0, 0, 10, 0], points: 20 },
      { key: 't2', displayName: null, bpm: 140, zone: 3, zoneMinutes: [0, 0, 10, 0, 0], points: 10 },
    ]);
    expect(live.current!).toMatchObject({ totalPoints: 30, minutesLeft: 35 });

    const ended = when(socket, (s) => s.current === null && s.lastSummary !== null);
    clock.set('2026-03-02T09:45:00Z');
    expect((await ended).lastSummary).toEqual({
      classId: 'row-club@floorgate.test@2026-03-02T09:00:00.000Z',
      title: 'Row Club',
      endedAt: '2026-03-02T09:45:00.000Z',
      members: 2,
      totalPoints: 30,
      top: { displayName: 'Anna S.', points: 20 },
    });

    const facts = gateway.db.prepare("SELECT seq, payload FROM journal WHERE type = 'class_summary'").all() as Array<{ seq: number; payload: string }>;
    expect(facts).toHaveLength(1);
    expect(JSON.parse(facts[0]!.payload)).toMatchObject({
      title: 'Row Club',
      totalPoints: 30,
      topMemberId: 'm-anna',
      members: [
        { memberId: 'm-anna', zoneSeconds: [0, 0, 0, 600, 0], points: 20 },
        { memberId: 'm-karin', zoneSeconds: [0, 0, 600, 0, 0], points: 10 },
      ],
    });
    // A local fact: the cloud contract has no class type, so nothing is queued for the cloud.
    expect(gateway.db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE seq = ?').get(facts[0]!.seq)).toEqual({ n: 0 });

    const achievements = (await (await fetch(`${gateway.url}/api/achievements`)).json()) as { items: Array<Record<string, unknown>> };
    expect(achievements.items).toContainEqual(
      expect.objectContaining({ kind: 'class_summary', displayName: 'Anna S.', title: 'Row Club: top effort', detail: '20 points · class total 30 points, 2 members' }),
    );
    // Public screens see display names only: never a member id, never a hidden member's name.
    const seen = frames.join('\n');
    expect(seen).not.toMatch(/m-anna|m-karin|Karin|Ström/);
  });

  it('lets staff start a class by hand and stop it; each is a staff action, bad input names the field', async () => {
    const staff = { authorization: `Bearer ${gateway.staffToken}` };
    const post = (path: string, body?: unknown, headers: Record<string, string> = staff) =>
      fetch(`${gateway.url}/api/staff/class/${path}`, {
        method: 'POST',
        headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    clock.set('2026-03-02T10:30:00Z'); // between classes
    expect((await post('start', { title: 'Open spin', minutes: 30 }, { origin: 'http://evil.example' })).status).toBe(403);
    const bad = await post('start', { title: 'Open spin', minutes: 2 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toBe('minutes must be at least 5');

    const started = await post('start', { title: 'Open spin', minutes: 30 });
    expect(started.status).toBe(200);
    expect(((await started.json()) as ClassRoomState).current).toMatchObject({ title: 'Open spin', source: 'staff', minutesLeft: 30 });
    expect((await post('start', { title: 'Another', minutes: 30 })).status).toBe(409);

    const stopped = await post('stop');
    expect(stopped.status).toBe(200);
    expect(((await stopped.json()) as ClassRoomState).current).toBeNull();
    const stopAgain = await post('stop');
    expect(stopAgain.status).toBe(409);
    expect(((await stopAgain.json()) as { error: { code: string } }).error.code).toBe('no_class');

    const actions = (gateway.db.prepare("SELECT payload FROM journal WHERE type = 'staff_action'").all() as Array<{ payload: string }>).map(
      (r) => JSON.parse(r.payload).action,
    );
    expect(actions).toEqual(['start_class', 'stop_class']);
    // Nobody had a strap in it: no summary fact for an empty class.
    expect(gateway.db.prepare("SELECT COUNT(*) AS n FROM journal WHERE type = 'class_summary'").get()).toEqual({ n: 1 });
  });
});

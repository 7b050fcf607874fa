/**
 * One floor, three boxes: three `floorgate start` processes joined through Debian's real Mosquitto (password file and
 * ACL as in deploy/mosquitto/), asserted through their HTTP API and socket.io-client only.
 */
import { connectAsync } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { displayName } from '../../gateway/members/member.js';
import { demoMembers } from '../../gateway/devices/simulator/demo.js';
import { Mosquitto } from '../support/mosquitto.js';
import { FloorBox } from './floor-boxes.js';

const A = new FloorBox({ id: 'entrance', name: 'Entrance' });
const B = new FloorBox({ id: 'side-door', name: 'Side door' });
const C = new FloorBox({ id: 'upstairs', name: 'Upstairs', rowers: 2, passwordAsFile: true });
const boxes = [A, B, C];
const reader = { user: 'homeassistant@reader', password: 'reader-secret-1', role: 'reader' as const };
const broker = new Mosquitto([...boxes.map((b) => b.account), reader]);
const soon = { timeout: 10_000, interval: 100 };

beforeAll(async () => {
  await broker.start();
  await Promise.all(boxes.map((b) => b.start(broker.url)));
  await vi.waitFor(async () => {
    for (const box of boxes) expect((await box.floorView()).boxes.filter((b) => b.reachable)).toHaveLength(3);
  }, { timeout: 20_000, interval: 200 });
}, 60_000);

afterAll(async () => {
  await Promise.all(boxes.map((b) => b.kill()));
  await broker.stop();
});

describe('one floor over Mosquitto: three gateway processes', () => {
  it('says which boxes make the floor, in words', async () => {
    const view = await A.floorView();
    expect(view).toMatchObject({ enabled: true, boxId: 'entrance', broker: 'connected', pending: 0 });
    expect(view.boxes.map((b) => [b.name, b.self, b.reachable])).toEqual([
      ['Entrance', true, true],
      ['Side door', false, true],
      ['Upstairs', false, true],
    ]);
    expect(view.summary).toBe('3 boxes, all reachable');
  });

  it("a check-in at A counts in B's occupancy, and B's door refuses the same member (anti-passback)", { timeout: 30_000 }, async () => {
    const before = await B.occupancy();
    const entered = await A.checkIn('1001');
    expect(entered.body.decision).toBe('accepted');
    await vi.waitFor(async () => expect(await B.occupancy()).toBe(before + 1), soon);
    expect(await C.occupancy()).toBe(before + 1);

    const again = await B.checkIn('1001');
    expect(again.body.decision).toBe('denied');
    expect(again.body.reason?.code).toBe('anti_passback');
    expect(await A.occupancy()).toBe(before + 1); // a denial changes nobody's count
  });

  it("a reading at C shows on A's equipment board, saying C reads it", { timeout: 30_000 }, async () => {
    await vi.waitFor(async () => {
      const remote = (await A.tiles()).filter((t) => t.boxId === 'upstairs');
      expect(remote.length).toBe(2);
      expect(remote.every((t) => t.boxName === 'Upstairs' && t.state !== 'offline')).toBe(true);
    }, soon);
    // The tiles keep moving: a later reading replaces the first.
    const first = (await A.tiles()).find((t) => t.boxId === 'upstairs')!;
    await vi.waitFor(async () => {
      const now = (await A.tiles()).find((t) => t.boxId === 'upstairs' && t.equipmentId === first.equipmentId)!;
      expect(Date.parse(now.updatedAt)).toBeGreaterThan(Date.parse(first.updatedAt));
    }, soon);
    expect((await A.floorView()).boxes.find((b) => b.boxId === 'upstairs')?.machines).toBe(2);
  });

  it("a session at C moves A's leaderboard exactly once", { timeout: 30_000 }, async () => {
    const boardOfA = await A.board();
    const name = await nameOnBoard(C, 'm-erik', 1234);
    const before = boardOfA.get(name) ?? 0;
    await vi.waitFor(async () => expect((await A.board()).get(name)).toBe(before + 1234), soon);
    await vi.waitFor(async () => expect((await B.board()).get(name)).toBe(before + 1234), soon);
    // C's own board counted it once as well; nobody counted it twice after the floor settled.
    expect((await C.board()).get(name)).toBe(before + 1234);
    await vi.waitFor(async () => expect((await C.floorView()).pending).toBe(0), soon);
    expect((await A.board()).get(name)).toBe(before + 1234);
  });

  it('a read-only account sees presence and public topics with display names, never facts', { timeout: 30_000 }, async () => {
    const client = await connectAsync(broker.url, { username: reader.user, password: reader.password, reconnectPeriod: 0 });
    const seen: Array<{ topic: string; body: string }> = [];
    client.on('message', (topic, payload) => seen.push({ topic, body: payload.toString() }));
    await client.subscribeAsync('floorgate/#', { qos: 1 });
    const entered = await A.checkIn('1002');
    await vi.waitFor(() => expect(seen.some((m) => m.topic === 'floorgate/main/entrance/public/admissions' && m.body.includes(entered.body.eventId!))).toBe(true), soon);
    expect(seen.some((m) => m.topic.endsWith('/presence'))).toBe(true);
    expect(seen.some((m) => m.topic === 'floorgate/main/entrance/public/occupancy')).toBe(true);
    expect(seen.filter((m) => m.topic.endsWith('/facts'))).toEqual([]);
    expect(seen.map((m) => m.body).join('\n')).not.toMatch(/m-erik|m-anna|"memberId"|"badgeId"/);
    const admission = JSON.parse(seen.find((m) => m.body.includes(entered.body.eventId!))!.body) as { displayName: string };
    expect(admission.displayName).toBe('Erik L.');

    // It may not write as a box. A box account listening on Side door's facts hears Side door's next real fact,
    // never the forgery the broker took before it.
    const box = await connectAsync(broker.url, { username: A.account.user, password: A.account.password, clientId: 'acl-probe', reconnectPeriod: 0 });
    const heard: string[] = [];
    box.on('message', (_topic, payload) => heard.push(payload.toString()));
    await box.subscribeAsync('floorgate/main/side-door/facts', { qos: 1 });
    await client.publishAsync('floorgate/main/side-door/facts', JSON.stringify({ forged: true }), { qos: 1 });
    const real = await B.checkIn('1003');
    await vi.waitFor(() => expect(heard.some((h) => h.includes(real.body.eventId!))).toBe(true), soon);
    expect(heard.filter((h) => h.includes('forged'))).toEqual([]);
    // A box account may write under its own id, but what it writes must be a fact: a malformed one is counted and dropped.
    const malformedBefore = (await B.floorView()).malformed;
    await box.publishAsync('floorgate/main/entrance/facts', JSON.stringify({ type: 'check_in', eventId: 'x' }), { qos: 1 });
    await vi.waitFor(async () => expect((await B.floorView()).malformed).toBe(malformedBefore + 1), soon);
    expect(await (await fetch(`${B.url}/metrics`)).text()).toContain(`floorgate_floor_malformed_messages ${malformedBefore + 1}`);
    expect(await B.checkIn('1004').then((r) => r.status)).toBe(200); // still deciding
    await box.endAsync();
    await client.endAsync();
  });

  it('broker killed (kill -9) during a burst on all boxes: after it returns every box counts every fact, none twice', { timeout: 60_000 }, async () => {
    const occupancyBefore = await A.occupancy();
    for (const box of [B, C]) expect(await box.occupancy()).toBe(occupancyBefore);
    const boardBefore = await A.board();
    // Distinct members per box (so anti-passback never interferes) and one rower per box.
    const crowd = Array.from({ length: 20 }, (_, i) => String(1010 + i)); // the crowd: active, waivers signed
    const plan = boxes.map((box, i) => ({
      box,
      badges: crowd.filter((_, j) => j % 3 === i),
      member: ['m-anna', 'm-lina', 'm-maja'][i]!,
      distances: [501, 702, 903, 1104].map((d) => d + i * 10),
    }));
    const admitted: string[] = [];
    const posted = new Map<string, number>();
    const run = async (step: number) => {
      await Promise.all(
        plan.map(async ({ box, badges, member, distances }) => {
          for (const badge of badges.slice(step * 2, step * 2 + 2)) {
            const answer = await box.checkIn(badge);
            expect(answer.status).toBe(200);
            if (answer.body.decision === 'accepted') admitted.push(badge);
          }
          const distance = distances[step];
          if (distance === undefined) return;
          await box.session(member, distance);
          posted.set(member, (posted.get(member) ?? 0) + distance);
        }),
      );
    };
    await run(0);
    await broker.kill(); // mid-burst: no goodbye, nothing saved
    await run(1);
    // Every box keeps deciding and recording alone, and says so.
    await vi.waitFor(async () => {
      for (const box of boxes) {
        const view = await box.floorView();
        expect(view.broker).toBe('unreachable');
        expect(view.summary).toMatch(/floor broker unreachable since \d\d:\d\d — each door decides alone/);
        expect(view.boxes.filter((b) => !b.self).every((b) => !b.reachable)).toBe(true);
      }
    }, soon);
    await run(2);
    await vi.waitFor(async () => expect((await A.floorView()).pending).toBeGreaterThan(0), soon);
    await broker.start(); // same port
    await run(3);

    expect(admitted).toHaveLength(crowd.length);
    const expectedCount = occupancyBefore + crowd.length;
    const expectedBoard = new Map(boardBefore);
    for (const [memberId, metres] of posted) {
      const name = displayName(demoMembers.find((m) => m.id === memberId)!)!;
      expectedBoard.set(name, (expectedBoard.get(name) ?? 0) + metres);
    }
    await vi.waitFor(async () => {
      for (const box of boxes) {
        expect(await box.occupancy()).toBe(expectedCount);
        expect(await box.board()).toEqual(expectedBoard);
        const view = await box.floorView();
        expect(view.pending).toBe(0);
        expect(view.boxes.every((b) => b.reachable)).toBe(true);
      }
    }, { timeout: 30_000, interval: 250 });
  });

  it("a box restarted while the broker is down still counts the floor's check-ins and refuses passback", { timeout: 60_000 }, async () => {
    const expected = await A.occupancy();
    expect(await B.occupancy()).toBe(expected);
    await broker.stop(); // nothing can be told again: what B knows after its restart, it kept on disk
    await B.kill('SIGTERM');
    await B.start(broker.url);
    expect(await B.occupancy()).toBe(expected);
    const passback = await B.checkIn('1010'); // admitted at the Entrance during the burst
    expect(passback.body.decision).toBe('denied');
    expect(passback.body.reason?.code).toBe('anti_passback');
    await broker.start();
    await vi.waitFor(async () => {
      for (const box of boxes) expect((await box.floorView()).boxes.every((b) => b.reachable)).toBe(true);
    }, { timeout: 20_000, interval: 200 });
  });

  it("a box killed: its machines go offline on the others' boards by its last will", { timeout: 30_000 }, async () => {
    expect((await A.tiles()).filter((t) => t.boxId === 'upstairs' && t.state !== 'offline')).toHaveLength(2);
    await C.kill('SIGKILL');
    // Well before the board's own 15 s offline timeout: the broker publishes Upstairs' last will at once.
    await vi.waitFor(async () => {
      for (const box of [A, B]) {
        const tiles = (await box.tiles()).filter((t) => t.boxId === 'upstairs');
        expect(tiles.map((t) => t.state)).toEqual(['offline', 'offline']);
        const view = await box.floorView();
        expect(view.boxes.find((b) => b.boxId === 'upstairs')?.reachable).toBe(false);
        expect(view.summary).toMatch(/^3 boxes; Upstairs unreachable since \d\d:\d\d — each door decides alone$/);
      }
    }, { timeout: 5_000, interval: 100 });
  });
});

/** Posts a session for `memberId` at `box` and returns the display name it has on the boards. */
async function nameOnBoard(box: FloorBox, memberId: string, distanceM: number): Promise<string> {
  const before = await box.board();
  await box.session(memberId, distanceM);
  let name = '';
  await vi.waitFor(async () => {
    const after = await box.board();
    const moved = [...after].find(([n, v]) => v !== (before.get(n) ?? 0));
    expect(moved).toBeDefined();
    name = moved![0];
  }, soon);
  return name;
}

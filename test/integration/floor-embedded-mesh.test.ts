/**
 * One floor through the embedded broker instead of Mosquitto: two `floorgate start` processes with box accounts in
 * the broker's accounts file, asserted through their HTTP API and live rooms only. The entrance box runs the broker
 * (`floor.listen`); Upstairs points `floor.broker` at it.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashPassword } from '../../gateway/floor/broker-accounts.js';
import { FloorBox, LOCATION } from '../floor/floor-boxes.js';
import { freePort } from '../support/child-gateway.js';
import { tempDataDir } from '../support/gateway.js';

const A = new FloorBox({ id: 'entrance', name: 'Entrance' });
const C = new FloorBox({ id: 'upstairs', name: 'Upstairs', rowers: 2 });
const soon = { timeout: 15_000, interval: 100 };

beforeAll(async () => {
  const accountsFile = path.join(tempDataDir(), 'floor-accounts.json');
  const accounts = await Promise.all(
    [A, C].map(async (box) => ({ user: box.account.user, role: 'box', passwordHash: await hashPassword(box.account.password, { N: 1024, r: 8, p: 1 }) })),
  );
  writeFileSync(accountsFile, JSON.stringify({ accounts }), { mode: 0o600 });
  const listen = await freePort();
  await A.start({ listen, accountsFile });
  await C.start(`mqtt://127.0.0.1:${listen}`);
  await vi.waitFor(async () => {
    for (const box of [A, C]) expect((await box.floorView()).boxes.filter((b) => b.reachable)).toHaveLength(2);
  }, { timeout: 30_000, interval: 200 });
}, 90_000);

afterAll(async () => {
  await Promise.all([A, C].map((box) => box.kill()));
});

describe('one floor through the embedded broker: two gateway processes', () => {
  it("a check-in at the entrance counts in Upstairs' occupancy, and Upstairs refuses the same member (anti-passback)", { timeout: 30_000 }, async () => {
    expect((await A.checkIn('1001')).body.decision).toBe('accepted');
    await vi.waitFor(async () => expect(await C.occupancy()).toBe(1), soon);
    const again = await C.checkIn('1001');
    expect(again.body).toMatchObject({ decision: 'denied', reason: { code: 'anti_passback' } });
  });

  it("Upstairs' machines show on the entrance's board, and go offline there by Upstairs' last will when it is killed", { timeout: 40_000 }, async () => {
    await vi.waitFor(async () => {
      const remote = (await A.tiles()).filter((t) => t.boxId === 'upstairs');
      expect(remote.map((t) => [t.boxName, t.state !== 'offline'])).toEqual([
        ['Upstairs', true],
        ['Upstairs', true],
      ]);
    }, soon);
    await C.kill('SIGKILL');
    await vi.waitFor(async () => {
      expect((await A.tiles()).filter((t) => t.boxId === 'upstairs').map((t) => t.state)).toEqual(['offline', 'offline']);
      expect((await A.floorView()).boxes.find((b) => b.boxId === 'upstairs')?.reachable).toBe(false);
    }, soon);
  });
});

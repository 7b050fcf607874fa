import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Gateway } from '../../gateway/app.js';
import type { DoorOpening } from '../../gateway/doors/doors.js';
import type { GatewayStatus } from '../../shared/status.js';
import { FakeDoor, json, shellyGen2WithPassword } from '../support/fake-door.js';
import { floorGateway } from '../support/floor-gateway.js';
import { tempDataDir } from '../support/gateway.js';

const WAIT = { timeout: 5_000, interval: 20 };
const SHELLY_PASSWORD = 'shelly-pass-7f3a';
const KISI_KEY = 'kisi-key-91bd';
const HTTP_TOKEN = 'Bearer door-token-55c1';

/**
 * Doors against door systems as real HTTP servers on loopback: a Shelly Plus (Gen2, digest auth), a Shelly 1
 * (Gen1), Kisi, a generic HTTP door system, and one whose relay is gone. Badges come in as a reader's would.
 */
describe('doors open on accepted check-ins from their own readers', () => {
  const front = new FakeDoor();
  const side = new FakeDoor();
  const kisi = new FakeDoor();
  const generic = new FakeDoor();
  let frontLogins: ReturnType<typeof shellyGen2WithPassword>;
  let downUrl: string;
  let gateway: Gateway;
  const everyDoor = [front, side, kisi, generic];

  const checkIn = (badge: string, reader: string) => gateway.checkIn({ badge, method: 'badge', source: `serial:${reader}` });
  const openings = (): DoorOpening[] =>
    (gateway.db.prepare("SELECT payload FROM journal WHERE type = 'door_opened' ORDER BY seq").pluck().all() as string[]).map((p) => JSON.parse(p));
  const openingsOf = async (eventId: string, doors: number) => {
    await vi.waitFor(() => expect(openings().filter((o) => o.checkInEventId === eventId)).toHaveLength(doors), WAIT);
    return openings().filter((o) => o.checkInEventId === eventId);
  };
  const status = async () => (await (await fetch(`${gateway.url}/api/status`)).json()) as GatewayStatus;
  const requestCounts = () => everyDoor.map((door) => door.seen.length);

  beforeAll(async () => {
    await Promise.all(everyDoor.map((door) => door.start()));
    frontLogins = shellyGen2WithPassword(front, SHELLY_PASSWORD);
    const gone = await new FakeDoor().start();
    downUrl = gone.url;
    await gone.stop();
    const dataDir = tempDataDir();
    const passwordFile = path.join(dataDir, 'shelly-password');
    writeFileSync(passwordFile, SHELLY_PASSWORD);
    chmodSync(passwordFile, 0o600);
    vi.stubEnv('FLOORGATE_TEST_KISI_KEY', KISI_KEY);
    vi.stubEnv('FLOORGATE_TEST_DOOR_TOKEN', HTTP_TOKEN);
    gateway = await floorGateway(
      {
        checkin: { antiPassbackMinutes: 0 },
        doors: [
          { id: 'front', name: 'Front door', openOn: ['entrance-rfid'], openSeconds: 4, output: { kind: 'shelly', url: front.url, password: { file: passwordFile } } },
          { id: 'side', openOn: ['side-rfid'], openSeconds: 3, output: { kind: 'shelly', generation: 1, url: side.url } },
          { id: 'garage', openOn: ['garage-rfid'], output: { kind: 'kisi', lockId: 4711, apiKey: { env: 'FLOORGATE_TEST_KISI_KEY' }, baseUrl: kisi.url } },
          {
            id: 'studio',
            openOn: ['studio-rfid'],
            output: {
              kind: 'http',
              url: `${generic.url}/api/doors/studio/open`,
              headers: { 'content-type': 'application/json' },
              secretHeaders: { authorization: { env: 'FLOORGATE_TEST_DOOR_TOKEN' } },
              body: '{"door":"{{doorId}}","checkIn":"{{eventId}}","seconds":{{openSeconds}}}',
            },
          },
          { id: 'back', name: 'Back door', openOn: ['back-rfid'], timeoutMs: 1000, output: { kind: 'shelly', url: downUrl } },
        ],
      },
      { dataDir },
    );
  });

  afterAll(async () => {
    await gateway?.close();
    vi.unstubAllEnvs();
    await Promise.all(everyDoor.map((door) => door.stop()));
  });

  it('the Shelly Plus opens with Switch.Set and toggle_after, logging in with digest auth; no other door moves', async () => {
    const result = await checkIn('1001', 'entrance-rfid');
    expect(result.decision).toBe('accepted');
    const [opening] = await openingsOf(result.eventId, 1);
    expect(opening).toMatchObject({ doorId: 'front', checkInEventId: result.eventId, outcome: 'opened', latencyMs: expect.any(Number) });
    expect(opening!.error).toBeUndefined();
    expect(frontLogins.accepted()).toBe(1);
    expect(front.seen.at(-1)!.url).toBe('/rpc/Switch.Set?id=0&on=true&toggle_after=4');
    expect([side, kisi, generic].map((door) => door.seen.length)).toEqual([0, 0, 0]);

    // The next opening reuses the challenge: one request, signed, with the nonce count up.
    const before = front.seen.length;
    const again = await checkIn('1002', 'entrance-rfid');
    await openingsOf(again.eventId, 1);
    expect(front.seen.length - before).toBe(1);
    expect(front.seen.at(-1)!.headers.authorization).toMatch(/nc=00000002/);
    expect(frontLogins.accepted()).toBe(2);

    const door = (await status()).doors.find((d) => d.id === 'front')!;
    expect(door).toMatchObject({ name: 'Front door', state: 'ok', openings: 2, failures: 0, openOn: ['entrance-rfid'] });
    expect(door.output).toBe(`Shelly Gen2 at ${front.url}, switch 0`);
  });

  it('a Shelly 1 (Gen1) gets /relay/0 with the timer', async () => {
    const result = await checkIn('1003', 'side-rfid');
    await openingsOf(result.eventId, 1);
    expect(side.seen.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /relay/0?turn=on&timer=3']);
  });

  it('Kisi gets POST /locks/{id}/unlock with the API key', async () => {
    const result = await checkIn('1013', 'garage-rfid');
    expect(result.decision).toBe('accepted');
    expect((await openingsOf(result.eventId, 1))[0]!.outcome).toBe('opened');
    expect(kisi.seen).toHaveLength(1);
    expect(kisi.seen[0]).toMatchObject({ method: 'POST', url: '/locks/4711/unlock' });
    expect(kisi.seen[0]!.headers.authorization).toBe(`KISI-LOGIN ${KISI_KEY}`);
  });

  it('a generic HTTP door gets its template filled; an error answer is a failure staff see, and the next success clears it', async () => {
    generic.respond = (_request, response) => json(response, 503, { error: 'controller busy' });
    const failed = await checkIn('1009', 'studio-rfid');
    expect(failed.decision).toBe('accepted');
    expect((await openingsOf(failed.eventId, 1))[0]).toMatchObject({ outcome: 'failed', error: 'the door system answered HTTP 503: {"error":"controller busy"}' });
    expect(generic.seen[0]!.headers.authorization).toBe(HTTP_TOKEN);
    expect(JSON.parse(generic.seen[0]!.body)).toEqual({ door: 'studio', checkIn: failed.eventId, seconds: 5 });
    expect((await status()).alerts.map((a) => a.code)).toContain('door_unreachable:studio');

    generic.respond = (_request, response) => json(response, 200, { ok: true });
    const opened = await checkIn('1010', 'studio-rfid');
    expect((await openingsOf(opened.eventId, 1))[0]!.outcome).toBe('opened');
    expect((await status()).alerts.map((a) => a.code)).not.toContain('door_unreachable:studio');
    expect((await status()).doors.find((d) => d.id === 'studio')).toMatchObject({ state: 'ok', openings: 1, failures: 1 });
  });

  it('a door that is down: the member is checked in, the failure is journaled and staff get "Door relay unreachable"', async () => {
    const result = await checkIn('1011', 'back-rfid');
    expect(result).toMatchObject({ decision: 'accepted', member: { displayName: expect.any(String) } });
    expect((await openingsOf(result.eventId, 1))[0]).toMatchObject({ doorId: 'back', outcome: 'failed', error: 'connection refused' });
    const now = await status();
    expect(now.alerts.find((a) => a.code === 'door_unreachable:back')!.message).toMatch(/^Door relay unreachable: Back door did not open \(Shelly Gen2 at .*: connection refused\)/);
    expect(now.doors.find((d) => d.id === 'back')).toMatchObject({ state: 'error', failures: 1, problem: 'Door relay unreachable: connection refused' });
    // The check-in itself stands: it is on disk and counted.
    expect(gateway.db.prepare('SELECT type FROM journal WHERE event_id = ?').get(result.eventId)).toEqual({ type: 'check_in' });
  });

  it('a denied check-in never opens a door, nor does a reader that belongs to no door', async () => {
    const counts = requestCounts();
    const denied = await checkIn('1004', 'entrance-rfid'); // expired membership
    expect(denied.decision).toBe('denied');
    const elsewhere = await checkIn('1012', 'treadmill-rfid');
    expect(elsewhere.decision).toBe('accepted');
    // Both check-ins are committed before their follow-ups run; a later opening on another door proves the
    // follow-ups have run for the two above (they run in order).
    const marker = await checkIn('1003', 'side-rfid');
    await openingsOf(marker.eventId, 1);
    expect(openings().filter((o) => o.checkInEventId === denied.eventId || o.checkInEventId === elsewhere.eventId)).toEqual([]);
    expect(requestCounts()).toEqual([counts[0], counts[1]! + 1, counts[2], counts[3]]);
  });

  it('no secret reaches the status, the alerts or the journal', async () => {
    const everything = JSON.stringify(await status()) + JSON.stringify(openings());
    for (const secret of [SHELLY_PASSWORD, KISI_KEY, HTTP_TOKEN]) expect(everything).not.toContain(secret);
  });
});

describe('a CH340 relay named from the doors section', () => {
  it('opens through the serial device; unplugged, the failure is a fact and an alert, and the check-in stands', async () => {
    const gateway = await floorGateway({
      devices: [{ kind: 'serial', id: 'usb-relay', role: 'relay', path: '/dev/floorgate-test-no-such-relay', reopenMinMs: 1000, reopenMaxMs: 1000 }],
      doors: [{ id: 'back', name: 'Back door', openOn: ['back-rfid'], output: { kind: 'ch340', device: 'usb-relay' } }],
    });
    try {
      const result = await gateway.checkIn({ badge: '1001', method: 'badge', source: 'serial:back-rfid' });
      expect(result.decision).toBe('accepted');
      await vi.waitFor(() => expect(gateway.doors.status()[0]).toMatchObject({ id: 'back', state: 'error', failures: 1 }), WAIT);
      expect(gateway.doors.status()[0]!.problem).toBe('Door relay unreachable: relay usb-relay is not connected');
      expect(gateway.status().alerts.find((a) => a.code === 'door_unreachable:back')!.message).toMatch(/^Door relay unreachable: Back door did not open \(CH340 relay usb-relay/);
      const fact = JSON.parse(gateway.db.prepare("SELECT payload FROM journal WHERE type = 'door_opened'").pluck().get() as string) as DoorOpening;
      expect(fact).toMatchObject({ doorId: 'back', checkInEventId: result.eventId, outcome: 'failed' });
    } finally {
      await gateway.close();
    }
  });
});

import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import type { CheckInResult } from '../../shared/checkin.js';
import { rooms, type LiveMessage } from '../../shared/live.js';
import { LiveHub } from '../../gateway/live/hub.js';
import { handshakeRefusal, joinDecision, publicView } from '../../gateway/live/room-policy.js';
import { StaffAuth } from '../../gateway/staff/sessions.js';
import { manualClock } from '../../gateway/time/clock.js';
import { nextMessage, type LiveClient } from '../support/gateway.js';

/**
 * Issue 10: "a page open in any browser on the LAN streams the entrance room: 'Johan K. – Your
 * membership expired…'". A real hub and real sockets on loopback; the policy is shown the LAN
 * address a phone on the gym's Wi-Fi would have.
 */
const KIOSK_TOKEN = 'k'.repeat(32);
const STAFF_TOKEN = 's'.repeat(32);
const entrance = rooms.entrance('gym-1');
const denied: CheckInResult = {
  eventId: 'e-1',
  decision: 'denied',
  reason: { code: 'membership_expired', message: 'Your membership expired on 2026-10-31.', action: 'Renew at the front desk.' },
  member: { displayName: 'Johan K.' },
  decidedAt: '2026-11-29T10:00:00Z',
};
const welcome: CheckInResult = { eventId: 'e-2', decision: 'accepted', member: { displayName: 'Anna S.' }, decidedAt: '2026-11-29T10:00:05Z' };

let server: Server | null = null;
let hub: LiveHub | null = null;
const clients: LiveClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  hub?.close();
  await new Promise((resolve) => server?.close(resolve));
  server = hub = null;
});

async function lanHub(): Promise<string> {
  server = createServer();
  const staffAuth = new StaffAuth(STAFF_TOKEN, null, manualClock('2026-11-29T10:00:00Z'));
  const deps = { kioskToken: KIOSK_TOKEN, staffAuth, allowedHosts: new Set<string>() };
  hub = new LiveHub();
  hub.serve(server, {
    snapshot: (kind) => (kind === 'entrance' ? [denied] : null) as never,
    authorizeJoin: (socket, room) => joinDecision({ ...socket.handshake, address: '192.168.1.66' }, room.kind, deps),
    refuseHandshake: (request) => handshakeRefusal(request, deps.allowedHosts),
    publicView,
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

function client(url: string, token?: string): LiveClient {
  const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, ...(token ? { auth: { token } } : {}) }) as LiveClient;
  clients.push(socket);
  return socket;
}

async function joinAndSnapshot(socket: LiveClient, room: string): Promise<CheckInResult[]> {
  const snapshot = nextMessage(socket, 'snapshot', (m) => m.room === room);
  const ack = await socket.emitWithAck('join', room);
  expect(ack).toEqual({ ok: true });
  return (await snapshot).data as CheckInResult[];
}

describe('what a live room shows to whom', () => {
  it('shows a phone on the LAN the entrance without denial reasons or denied names', async () => {
    const url = await lanHub();
    const phone = client(url);
    expect(await joinAndSnapshot(phone, entrance)).toEqual([{ eventId: 'e-1', decision: 'denied', member: null, decidedAt: denied.decidedAt }]);

    const deltas: LiveMessage[] = [];
    phone.on('delta', (m) => deltas.push(m));
    const next = nextMessage(phone, 'delta', (m) => (m.data as CheckInResult[])[0]?.decision === 'accepted');
    hub!.publish(entrance, 'entrance', [denied]);
    hub!.publish(entrance, 'entrance', [welcome]);
    await next;
    expect(JSON.stringify(deltas)).not.toMatch(/Johan|expired|Renew/);
    expect(deltas.at(-1)!.data).toEqual([{ eventId: 'e-2', decision: 'accepted', member: { displayName: 'Anna S.' }, decidedAt: welcome.decidedAt }]);
  });

  it('shows a kiosk with the token the whole entrance, so the member reads why and what to do', async () => {
    const url = await lanHub();
    const kiosk = client(url, KIOSK_TOKEN);
    expect(await joinAndSnapshot(kiosk, entrance)).toEqual([denied]);
    const next = nextMessage(kiosk, 'delta', () => true);
    hub!.publish(entrance, 'entrance', [denied]);
    expect((await next).data).toEqual([denied]);
  });

  it('keeps member and staff rooms to those who hold their credential', async () => {
    const url = await lanHub();
    const phone = client(url);
    expect(await phone.emitWithAck('join', rooms.notifications('m-johan'))).toMatchObject({ ok: false });
    expect(await phone.emitWithAck('join', rooms.staff('gym-1'))).toMatchObject({ ok: false });
    const kiosk = client(url, KIOSK_TOKEN);
    expect(await kiosk.emitWithAck('join', rooms.notifications('m-johan'))).toEqual({ ok: true });
    expect(await kiosk.emitWithAck('join', rooms.staff('gym-1'))).toMatchObject({ ok: false, error: expect.stringMatching(/staff/) });
    const staff = client(url, STAFF_TOKEN);
    expect(await staff.emitWithAck('join', rooms.staff('gym-1'))).toEqual({ ok: true });
  });
});

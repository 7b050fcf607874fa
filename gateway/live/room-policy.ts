import type { IncomingMessage } from 'node:http';
import type { CheckInResult } from '../../shared/checkin.js';
import type { RoomKind, RoomPayloads } from '../../shared/live.js';
import type { JoinDecision, LiveHubOptions } from './hub.js';
import { bearer, crossOriginRefusal, isLoopback, tokenMatches } from '../http/access.js';
import { foreignHost } from '../http/allowed-hosts.js';
import { cookieValue, STAFF_COOKIE, type StaffAuth } from '../staff/sessions.js';

/** What the policy needs to know of a socket: its handshake. */
export interface HandshakeFacts {
  address: string;
  headers: Record<string, string | string[] | undefined>;
  auth: unknown;
}

export interface RoomPolicyDeps {
  kioskToken: string;
  staffAuth: StaffAuth;
  allowedHosts: ReadonlySet<string>;
}

/**
 * The Socket.IO handshake answers by the HTTP API's rules, for polling and WebSocket alike:
 * only under the box's own names (DNS rebinding) and never to a page from another origin.
 */
export function handshakeRefusal(request: Pick<IncomingMessage, 'headers' | 'url'>, allowedHosts: ReadonlySet<string>): string | null {
  const foreign = foreignHost(request.headers.host, request.url ?? '/', allowedHosts);
  if (foreign !== undefined) return `this box does not answer as ${foreign}`;
  const { origin, host } = request.headers;
  return crossOriginRefusal({ origin, host })?.message ?? null;
}

/**
 * Which rooms a socket may join and how much it sees:
 * - staff room: staff token or a staff session;
 * - member notifications: the box itself or a kiosk with the kiosk token;
 * - entrance: everyone, but denial reasons only to the box, kiosks with the token and staff;
 * - the other floor rooms: public (they carry display names and counts only).
 */
export function joinDecision(handshake: HandshakeFacts, kind: RoomKind, deps: RoomPolicyDeps): JoinDecision {
  const token = presentedToken(handshake);
  const staff = deps.staffAuth.tokenIsStaff(token) || deps.staffAuth.tokenIsStaff(cookieOf(handshake));
  const kiosk = isLoopback(handshake.address) || tokenMatches(token, deps.kioskToken) || staff;
  switch (kind) {
    case 'staff':
      return staff ? { ok: true, audience: 'full' } : { ok: false, reason: 'the staff room needs the staff token or a staff session' };
    case 'notifications':
      return kiosk ? { ok: true, audience: 'full' } : { ok: false, reason: 'member rooms need the kiosk token' };
    case 'entrance':
      return { ok: true, audience: kiosk ? 'full' : 'public' };
    default:
      return { ok: true, audience: 'public' };
  }
}

/** The public face of a room's payload, or the payload itself where it is public already. */
export function publicView<K extends RoomKind>(kind: K, data: RoomPayloads[K]): RoomPayloads[K] {
  if (kind !== 'entrance') return data;
  return (data as CheckInResult[]).map(publicCheckIn) as RoomPayloads[K];
}

/**
 * A check-in as any screen on the LAN may see it: a welcome by display name; a denial without
 * name or reason. The eventId (a random UUID) stays: screens tell check-ins apart by it.
 */
export function publicCheckIn(result: CheckInResult): CheckInResult {
  const { eventId, decidedAt } = result;
  if (result.decision === 'accepted') {
    return { eventId, decision: 'accepted', member: result.member, decidedAt, ...(result.wod ? { wod: result.wod } : {}) };
  }
  return { eventId, decision: 'denied', member: null, decidedAt };
}

function presentedToken(handshake: HandshakeFacts): string | undefined {
  const auth = handshake.auth as { token?: unknown } | undefined;
  if (typeof auth?.token === 'string') return auth.token;
  const authorization = handshake.headers.authorization;
  return bearer(Array.isArray(authorization) ? authorization[0] : authorization);
}

function cookieOf(handshake: HandshakeFacts): string | undefined {
  const cookie = handshake.headers.cookie;
  return cookieValue(Array.isArray(cookie) ? cookie[0] : cookie, STAFF_COOKIE);
}

/** What each room of this location shows when a client joins it. */
export type RoomSnapshots = { [K in RoomKind]: (id: string) => RoomPayloads[K] | null };

/** Where each room of one location gets its first message from. */
export function roomSnapshots(parts: {
  locationId: string;
  occupancy: { state(): RoomPayloads['occupancy'] };
  equipment: { snapshot(): RoomPayloads['equipment'] };
  entrance: { recent(): RoomPayloads['entrance'] };
  screens: {
    leaderboards: { view(id: string): RoomPayloads['leaderboard'] | null };
    achievements: { state(): RoomPayloads['achievements'] };
    classes: { state(): RoomPayloads['class'] };
    screensLive(): RoomPayloads['screens'];
  };
  status: () => RoomPayloads['staff'];
  floor: () => RoomPayloads['floor'];
}): RoomSnapshots {
  const here = (id: string) => id === parts.locationId;
  return {
    occupancy: (id) => (here(id) ? parts.occupancy.state() : null),
    equipment: (id) => (here(id) ? parts.equipment.snapshot() : null),
    entrance: (id) => (here(id) ? parts.entrance.recent() : null),
    leaderboard: (id) => parts.screens.leaderboards.view(id),
    achievements: (id) => (here(id) ? parts.screens.achievements.state() : null),
    notifications: () => [],
    floor: (id) => (here(id) ? parts.floor() : null),
    class: (id) => (here(id) ? parts.screens.classes.state() : null),
    screens: (id) => (here(id) ? parts.screens.screensLive() : null),
    staff: (id) => (here(id) ? parts.status() : null),
  };
}

/** The hub's options from the policy above: handshake rules, who joins what, and each room's first message. */
export function roomPolicy(deps: RoomPolicyDeps & { snapshots: RoomSnapshots }): LiveHubOptions {
  return {
    snapshot: (kind, id) => deps.snapshots[kind](id) as RoomPayloads[typeof kind] | null,
    authorizeJoin: (socket, room) => joinDecision(socket.handshake, room.kind, deps),
    refuseHandshake: (request) => handshakeRefusal(request, deps.allowedHosts),
    publicView,
  };
}

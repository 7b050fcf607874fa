import type { Socket } from 'socket.io';
import type { RoomKind, RoomPayloads } from '../../shared/live.js';
import { bearer, isLoopback, tokenMatches } from '../http/access.js';
import type { LiveHubOptions } from './hub.js';
import { sessionTokenOf } from '../staff/session.js';

/** What each room of this location shows when a client joins it. */
export type RoomSnapshots = { [K in RoomKind]: (id: string) => RoomPayloads[K] | null };

/**
 * Who may join which room, and what they get first. Floor rooms are public and read-only; a member's room needs the
 * kiosk token off the box; the staff room needs the staff token.
 */
export function roomPolicy(deps: { kioskToken: string; staffToken: string; isStaffSession?: (token: string | undefined) => boolean; snapshots: RoomSnapshots }): LiveHubOptions {
  const tokenOf = (socket: Socket) =>
    (socket.handshake.auth as { token?: string } | undefined)?.token ?? bearer(socket.handshake.headers.authorization);
  return {
    snapshot: (kind, id) => deps.snapshots[kind](id) as RoomPayloads[typeof kind] | null,
    authorizeJoin: (socket, room) => {
      if (room.kind === 'staff') {
        const staff = tokenMatches(tokenOf(socket), deps.staffToken) || deps.isStaffSession?.(sessionTokenOf(socket.handshake.headers)) === true;
        return staff ? null : 'the staff room needs the staff token or a staff sign-in';
      }
      if (room.kind !== 'notifications') return null;
      return isLoopback(socket.handshake.address) || tokenMatches(tokenOf(socket), deps.kioskToken) ? null : 'member rooms need the kiosk token';
    },
  };
}

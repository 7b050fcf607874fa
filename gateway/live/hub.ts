import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import {
  parseRoom,
  type ClientToServerEvents,
  type LiveMessage,
  type RoomKind,
  type RoomPayloads,
  type ServerToClientEvents,
} from '../../shared/live.js';

/** Who sees a room in full, and who sees its public face (display names and counts only). */
export type Audience = 'full' | 'public';
export type JoinDecision = { ok: true; audience: Audience } | { ok: false; reason: string };

export type SnapshotSource = <K extends RoomKind>(kind: K, id: string) => RoomPayloads[K] | null;

export interface LiveHubOptions {
  snapshot: SnapshotSource;
  /** Refuses the join, or says whether the socket sees the room in full or its public face. */
  authorizeJoin: (socket: Socket, room: { kind: RoomKind; id: string }) => JoinDecision;
  /** Refuses a handshake (either transport) with a reason, or null to let it through. */
  refuseHandshake?: (request: IncomingMessage) => string | null;
  /** What the public audience of a room is sent (default: the same as everyone). */
  publicView?: <K extends RoomKind>(kind: K, data: RoomPayloads[K]) => RoomPayloads[K];
}

/** A screen joins a handful of rooms; a client joining thousands is up to no good (memory). */
export const MAX_ROOMS_PER_CLIENT = 16;

/** The Socket.IO room that carries a room's public face; not a name a client can ask for. */
const publicRoom = (room: string) => `${room}#public`;

type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/**
 * Socket.IO rooms of seed 001 §4.3. A client joins a room and gets its snapshot at once,
 * then every delta published to it. Screens only listen: there is nothing to send but `join`.
 */
export class LiveHub {
  readonly io = new Server<ClientToServerEvents, ServerToClientEvents>({
    serveClient: false,
    // Same-origin screens only; socket.io refuses other origins for browsers.
    cors: { origin: false },
  });
  private publicViewOf: NonNullable<LiveHubOptions['publicView']> = (_, data) => data;

  /** Starts serving rooms on the HTTP server; publishing before this reaches nobody. */
  serve(httpServer: HttpServer, options: LiveHubOptions): void {
    this.io.attach(httpServer, {
      // Checked on the handshake of both transports (engine.io calls it for polling and WebSocket alike).
      allowRequest: (request, callback) => {
        const refusal = options.refuseHandshake?.(request) ?? null;
        callback(refusal, refusal === null);
      },
    });
    if (options.publicView) this.publicViewOf = options.publicView;
    this.io.on('connection', (socket: LiveSocket) => {
      socket.on('join', (roomName, ack) => {
        const reply = typeof ack === 'function' ? ack : () => undefined;
        const room = typeof roomName === 'string' ? parseRoom(roomName) : null;
        if (!room) return reply({ ok: false, error: `unknown room: ${String(roomName).slice(0, 80)}` });
        const decision = options.authorizeJoin(socket, room);
        if (!decision.ok) return reply({ ok: false, error: decision.reason });
        const joined = socket.rooms.size - 1; // every socket is in its own room too
        if (joined >= MAX_ROOMS_PER_CLIENT && !socket.rooms.has(roomName) && !socket.rooms.has(publicRoom(roomName))) {
          return reply({ ok: false, error: `too many rooms: leave one first (at most ${MAX_ROOMS_PER_CLIENT})` });
        }
        const full = decision.audience === 'full';
        void socket.join(full ? roomName : publicRoom(roomName));
        const data = options.snapshot(room.kind, room.id);
        const shown = data === null || full ? data : this.publicViewOf(room.kind, data);
        if (shown !== null) socket.emit('snapshot', { room: roomName, kind: room.kind, data: shown } as LiveMessage);
        reply({ ok: true });
      });
      socket.on('leave', (roomName) => {
        if (typeof roomName !== 'string') return;
        void socket.leave(roomName);
        void socket.leave(publicRoom(roomName));
      });
    });
  }

  publish<K extends RoomKind>(room: string, kind: K, data: RoomPayloads[K]): void {
    this.io.to(room).emit('delta', { room, kind, data } as LiveMessage);
    if (this.hasMembers(publicRoom(room))) this.io.to(publicRoom(room)).emit('delta', { room, kind, data: this.publicViewOf(kind, data) } as LiveMessage);
  }

  private hasMembers(room: string): boolean {
    return (this.io.sockets.adapter.rooms.get(room)?.size ?? 0) > 0;
  }

  /** Whether anyone is in the room: builds nobody watches need not be built. */
  hasListeners(room: string): boolean {
    return this.hasMembers(room) || this.hasMembers(publicRoom(room));
  }

  clientCount(): number {
    return this.io.engine.clientsCount;
  }

  /** Disconnects every client; the HTTP server is closed by its owner. */
  close(): void {
    this.io.local.disconnectSockets(true);
    this.io.engine.close();
  }
}

import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import {
  parseRoom,
  type ClientToServerEvents,
  type LiveMessage,
  type RoomKind,
  type RoomPayloads,
  type ServerToClientEvents,
} from '../../shared/live.js';

export type SnapshotSource = <K extends RoomKind>(kind: K, id: string) => RoomPayloads[K] | null;

export interface LiveHubOptions {
  snapshot: SnapshotSource;
  /** Returns a reason to refuse the join, or null to allow it. */
  authorizeJoin: (socket: Socket, room: { kind: RoomKind; id: string }) => string | null;
}

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

  /** Starts serving rooms on the HTTP server; publishing before this reaches nobody. */
  serve(httpServer: HttpServer, options: LiveHubOptions): void {
    this.io.attach(httpServer);
    this.io.on('connection', (socket: LiveSocket) => {
      socket.on('join', (roomName, ack) => {
        const reply = typeof ack === 'function' ? ack : () => undefined;
        const room = typeof roomName === 'string' ? parseRoom(roomName) : null;
        if (!room) return reply({ ok: false, error: `unknown room: ${String(roomName).slice(0, 80)}` });
        const refusal = options.authorizeJoin(socket, room);
        if (refusal) return reply({ ok: false, error: refusal });
        void socket.join(roomName);
        const data = options.snapshot(room.kind, room.id);
        if (data !== null) socket.emit('snapshot', { room: roomName, kind: room.kind, data } as LiveMessage);
        reply({ ok: true });
      });
      socket.on('leave', (roomName) => {
        if (typeof roomName === 'string') void socket.leave(roomName);
      });
    });
  }

  publish<K extends RoomKind>(room: string, kind: K, data: RoomPayloads[K]): void {
    this.io.to(room).emit('delta', { room, kind, data } as LiveMessage);
  }

  /** Whether anyone is in the room: builds nobody watches need not be built. */
  hasListeners(room: string): boolean {
    return (this.io.sockets.adapter.rooms.get(room)?.size ?? 0) > 0;
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

import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/live.js';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let shared: LiveSocket | null = null;

/**
 * The page's one connection to the gateway's live hub (same origin, default path). Every room a
 * screen shows is multiplexed over it. socket.io reconnects by itself after transport failures (with
 * randomized exponential backoff); when the *server* refuses or ends the session it does not, so we
 * retry ourselves, backing off the same way.
 */
export function getLiveSocket(token: string | null): LiveSocket {
  if (shared) return shared;
  const socket: LiveSocket = io({
    ...(token ? { auth: { token } } : {}),
    reconnection: true,
    reconnectionDelay: 1000,
    reconnectionDelayMax: 10_000,
    randomizationFactor: 0.5,
    timeout: 10_000,
  });

  let manualDelayMs = 1000;
  let manualTimer: ReturnType<typeof setTimeout> | undefined;
  const retryLater = () => {
    clearTimeout(manualTimer);
    manualTimer = setTimeout(() => {
      if (!socket.connected) socket.connect();
    }, manualDelayMs);
    manualDelayMs = Math.min(manualDelayMs * 2, 30_000);
  };

  socket.on('connect', () => {
    manualDelayMs = 1000;
    clearTimeout(manualTimer);
  });
  // `active` is false when the server's middleware refused us or the server called disconnect():
  // socket.io then leaves reconnecting to us.
  socket.on('connect_error', () => {
    if (!socket.active) retryLater();
  });
  socket.on('disconnect', () => {
    if (!socket.active) retryLater();
  });

  shared = socket;
  return socket;
}

import { useEffect, useRef, useState } from 'react';
import type { JoinAck, LiveMessage, RoomKind, RoomPayloads } from '../../../shared/live.js';
import { getLiveSocket } from './socket.js';

export type RoomMessage<K extends RoomKind> = Extract<LiveMessage, { kind: K }>;
export type MessageType = 'snapshot' | 'delta';

export interface RoomState<K extends RoomKind> {
  /** The room's state: the snapshot, with the deltas since merged in. Null until the first snapshot. */
  data: RoomPayloads[K] | null;
  /** True while connected AND (re)joined since the latest (re)connect (the snapshot, if any, has arrived). */
  connected: boolean;
  /** `Date.now()` of the last snapshot or delta for this room. */
  lastMessageAt: number | null;
  /** Why joining failed (the server refused, or did not answer), if it did. */
  error: string | null;
}

export interface UseRoomOptions<K extends RoomKind> {
  token: string | null;
  /** How a delta changes the state. Default: the delta replaces it (right for `occupancy`). */
  merge?: (previous: RoomPayloads[K] | null, delta: RoomPayloads[K]) => RoomPayloads[K];
  /** Called for every message of this room, after its state is merged. */
  onMessage?: (type: MessageType, message: RoomMessage<K>) => void;
  /**
   * Apply deltas at most once per this many ms, all that arrived meanwhile in one render. A board of 60 machines
   * streaming at 4 Hz gets ~240 deltas a second, each its own frame otherwise: on a small CPU the per-frame work, not
   * the tiles, is what costs. Default 0: every delta renders at once (the entrance's welcome must not wait).
   */
  coalesceMs?: number;
}

const JOIN_TIMEOUT_MS = 5000;
const JOIN_RETRY_MS = 3000;

function isRoomMessage<K extends RoomKind>(message: LiveMessage, kind: K, room: string): message is RoomMessage<K> {
  return message.room === room && message.kind === kind;
}

/**
 * Subscribes to one live room. Joins after connecting and after every reconnect (the server then
 * sends a snapshot, and deltas after it); keeps the last data while disconnected so a screen can go
 * on showing it under a "Reconnecting…" banner. `room` null = not yet known (no subscription).
 */
export function useRoom<K extends RoomKind>(kind: K, room: string | null, options: UseRoomOptions<K>): RoomState<K> {
  const { token } = options;
  const [state, setState] = useState<RoomState<K>>({ data: null, connected: false, lastMessageAt: null, error: null });
  const callbacks = useRef(options);
  callbacks.current = options;

  useEffect(() => {
    if (room === null) return;
    const socket = getLiveSocket(token);
    let disposed = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let flushTimer: ReturnType<typeof setTimeout> | undefined;
    let queued: Array<RoomPayloads[K]> = [];

    const flush = () => {
      flushTimer = undefined;
      const deltas = queued;
      queued = [];
      if (disposed || deltas.length === 0) return;
      const { merge } = callbacks.current;
      setState((s) => ({ ...s, data: deltas.reduce<RoomPayloads[K] | null>((d, x) => (merge ? merge(d, x) : x), s.data), lastMessageAt: Date.now(), error: null }));
    };

    let snapshots = 0;
    const join = () => {
      clearTimeout(retryTimer);
      const snapshotsBefore = snapshots;
      socket.timeout(JOIN_TIMEOUT_MS).emit('join', room, (err: Error | null, result?: JoinAck) => {
        if (disposed) return;
        // The room's snapshot came after this join: the gateway took it, even if its answer was late or lost.
        if ((err || !result) && snapshots > snapshotsBefore) return;
        if (err || !result) {
          setState((s) => ({ ...s, error: 'the gateway did not answer the subscription' }));
        } else if (!result.ok) {
          setState((s) => ({ ...s, error: result.error }));
        } else {
          // The snapshot (if the room has one) came before this ack: the room is live now.
          setState((s) => ({ ...s, connected: socket.connected, error: null }));
          return;
        }
        retryTimer = setTimeout(() => {
          if (!disposed && socket.connected) join();
        }, JOIN_RETRY_MS);
      });
    };

    const receive = (type: MessageType) => (message: LiveMessage) => {
      if (disposed || !isRoomMessage(message, kind, room)) return;
      const { merge } = callbacks.current;
      // The guard narrowed the message to kind K; TypeScript cannot relate that to RoomPayloads[K].
      const data = message.data as RoomPayloads[K];
      const coalesceMs = callbacks.current.coalesceMs ?? 0;
      if (type === 'snapshot') {
        queued = []; // the snapshot already holds them
        snapshots++;
      }
      if (type === 'delta' && coalesceMs > 0) {
        queued.push(data);
        flushTimer ??= setTimeout(flush, coalesceMs);
        callbacks.current.onMessage?.(type, message);
        return;
      }
      setState((s) => ({
        data: type === 'snapshot' || !merge ? data : merge(s.data, data),
        connected: type === 'snapshot' ? socket.connected : s.connected,
        lastMessageAt: Date.now(),
        error: null,
      }));
      callbacks.current.onMessage?.(type, message);
    };
    const onSnapshot = receive('snapshot');
    const onDelta = receive('delta');
    const onConnect = () => join();
    const onDisconnect = () => {
      clearTimeout(retryTimer);
      setState((s) => ({ ...s, connected: false }));
    };

    socket.on('snapshot', onSnapshot);
    socket.on('delta', onDelta);
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    if (socket.connected) join();

    return () => {
      disposed = true;
      clearTimeout(retryTimer);
      clearTimeout(flushTimer);
      socket.off('snapshot', onSnapshot);
      socket.off('delta', onDelta);
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      if (socket.connected) socket.emit('leave', room);
      setState((s) => ({ ...s, connected: false }));
    };
  }, [kind, room, token]);

  return state;
}

import { rooms } from '../../../shared/live.js';
import { useRoom, type RoomState } from '../live/useRoom.js';

/**
 * The floor's view, live (room `location:<id>:floor`: its boxes, which are reachable, the broker). Public: box names
 * only. `locationId` null = not yet known, or not wanted (no subscription). Each message holds the whole view.
 */
export function useFloor(locationId: string | null, token: string | null): RoomState<'floor'> {
  return useRoom('floor', locationId === null ? null : rooms.floor(locationId), { token });
}

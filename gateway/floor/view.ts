import type { FloorView } from '../../shared/floor.js';

/** The floor of a box on its own (no broker configured): itself, always reachable. */
export function standaloneFloorView(boxId: string, boxName: string, machines: number): FloorView {
  return {
    enabled: false,
    boxId,
    broker: 'none',
    brokerSince: null,
    boxes: [{ boxId, name: boxName, self: true, reachable: true, since: null, machines }],
    pending: 0,
    summary: 'one box — no floor broker configured',
  };
}

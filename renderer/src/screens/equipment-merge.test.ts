import { describe, expect, it } from 'vitest';
import type { EquipmentTile } from '../../../shared/equipment.js';
import { mergeTiles } from './Equipment.js';

const tile = (equipmentId: string, boxId: string | undefined, powerW: number): EquipmentTile => ({
  equipmentId,
  name: 'Bike 1',
  kind: 'bike',
  state: 'in_use',
  memberDisplayName: null,
  metrics: { powerW },
  updatedAt: '2026-11-29T12:00:00.000Z',
  ...(boxId ? { boxId, boxName: boxId } : {}),
});

describe('the equipment board merges deltas by box and machine', () => {
  it('a delta for one box’s bike-1 leaves the other box’s bike-1 as it was', () => {
    const front = tile('bike-1', 'front', 100);
    const upstairs = tile('bike-1', 'upstairs', 200);
    const next = mergeTiles([front, upstairs], [tile('bike-1', 'upstairs', 250)]);
    expect(next.map((t) => [t.boxId, t.metrics.powerW])).toEqual([
      ['front', 100],
      ['upstairs', 250],
    ]);
    expect(next[0]).toBe(front); // unchanged tiles keep their object (memoized tiles skip rendering)
  });

  it('a new box’s machine with a known id is added, not merged into the first', () => {
    const next = mergeTiles([tile('bike-1', 'front', 100)], [tile('bike-1', 'cardio', 90)]);
    expect(next).toHaveLength(2);
  });

  it('a box on its own (no box ids) merges by machine id as before', () => {
    const next = mergeTiles([tile('bike-1', undefined, 100), tile('bike-2', undefined, 100)], [tile('bike-2', undefined, 120)]);
    expect(next.map((t) => t.metrics.powerW)).toEqual([100, 120]);
  });
});

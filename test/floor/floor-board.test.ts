/** Other boxes' machines on this box's equipment board (pure, hand-fired timers). */
import { describe, expect, it } from 'vitest';
import type { EquipmentTile } from '../../shared/equipment.js';
import type { FloorTile } from '../../shared/floor.js';
import { EquipmentBoard, type BoardTimers } from '../../gateway/equipment/board.js';
import { manualClock } from '../../gateway/time/clock.js';

function setup() {
  const clock = manualClock('2026-11-29T11:00:00Z');
  let pending: Array<{ at: number; fn: () => void }> = [];
  const timers: BoardTimers = {
    set: (fn, ms) => {
      const t = { at: clock.now().getTime() + Math.max(0, ms), fn };
      pending.push(t);
      return t;
    },
    clear: (h) => void (pending = pending.filter((t) => t !== h)),
  };
  const due = () => {
    const ready = pending.filter((t) => t.at <= clock.now().getTime());
    pending = pending.filter((t) => !ready.includes(t));
    for (const t of ready) t.fn();
  };
  const published: EquipmentTile[][] = [];
  const listened: EquipmentTile[][] = [];
  const board = new EquipmentBoard({
    clock,
    offlineAfterMs: 15_000,
    minIntervalMs: 250,
    resolveDisplayName: () => 'Anna S.',
    onChange: (tiles) => published.push(tiles),
    timers,
    box: { boxId: 'entrance', boxName: 'Entrance' },
  });
  board.listen((tiles) => listened.push(tiles));
  return { clock, due, board, published, listened };
}

const remoteTile = (equipmentId: string, at: Date, over: Partial<FloorTile> = {}): FloorTile => ({
  equipmentId,
  name: 'Rower 1',
  kind: 'rower',
  state: 'in_use',
  memberDisplayName: 'Erik L.',
  metrics: { powerW: 200 },
  updatedAt: at.toISOString(),
  boxId: 'upstairs',
  boxName: 'Upstairs',
  ...over,
});

describe('the board on a floor of several boxes', () => {
  it("stamps this box on its own tiles, keeps another box's machine of the same id apart, and tells listeners", () => {
    const { clock, due, board, published, listened } = setup();
    board.ingest({ equipmentId: 'rower-1', name: 'Rower 1', kind: 'rower', at: clock.now(), metrics: { powerW: 150 }, memberId: 'm-anna' });
    board.ingestRemote(remoteTile('rower-1', clock.now()));
    due();
    expect(board.snapshot().map((t) => [t.equipmentId, t.boxId, t.boxName, t.memberDisplayName])).toEqual([
      ['rower-1', 'entrance', 'Entrance', 'Anna S.'],
      ['rower-1', 'upstairs', 'Upstairs', 'Erik L.'],
    ]);
    expect(listened).toEqual(published);
  });

  it("a box's last will turns its machines offline at once, and only its machines", () => {
    const { clock, due, board, published } = setup();
    board.ingest({ equipmentId: 'bike-1', name: 'Bike 1', kind: 'bike', at: clock.now(), metrics: { powerW: 150 }, memberId: null });
    board.ingestRemote(remoteTile('rower-1', clock.now()));
    board.ingestRemote(remoteTile('rower-9', clock.now(), { boxId: 'cardio', boxName: 'Cardio' }));
    due();
    published.length = 0;
    board.boxOffline('upstairs');
    expect(published).toEqual([[expect.objectContaining({ equipmentId: 'rower-1', boxId: 'upstairs', state: 'offline', memberDisplayName: null })]]);
    expect(board.snapshot().filter((t) => t.state === 'offline').map((t) => t.equipmentId)).toEqual(['rower-1']);
    board.boxOffline('upstairs'); // already offline: nothing new to publish
    expect(published).toHaveLength(1);
  });

  it("a remote tile that stops coming goes stale, then offline, by this box's sweep", () => {
    const { clock, due, board } = setup();
    board.ingestRemote(remoteTile('rower-1', clock.now()));
    due();
    clock.advance(16_000);
    board.sweep();
    expect(board.snapshot()[0]).toMatchObject({ state: 'offline', boxId: 'upstairs' });
  });

  it("this box's device faults never land on another box's machine of the same id", () => {
    const { clock, due, board } = setup();
    board.ingestRemote(remoteTile('rower-1', clock.now()));
    due();
    board.reportProblems(new Map([['rower-1', { code: 'not_responding', detail: 'monitor not answering' }]]));
    expect(board.snapshot()[0]).toMatchObject({ state: 'in_use', boxId: 'upstairs' });
    expect(board.snapshot()[0]!.problem).toBeUndefined();
  });
});

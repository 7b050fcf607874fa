import { describe, expect, it } from 'vitest';
import type { EquipmentTile } from '../../shared/equipment.js';
import type { DeviceStatus } from '../../shared/status.js';
import type { EquipmentReading } from '../../gateway/devices/types.js';
import { manualClock } from '../../gateway/time/clock.js';
import { EquipmentBoard, type BoardTimers } from '../../gateway/equipment/board.js';
import { problemsByEquipment } from '../../gateway/equipment/problems.js';

/** Timers fired by hand: `due()` runs every timer whose time has come on the manual clock. */
function handTimers(clock: { now(): Date }) {
  let pending: Array<{ at: number; fn: () => void }> = [];
  const timers: BoardTimers = {
    set: (fn, ms) => {
      const timer = { at: clock.now().getTime() + Math.max(0, ms), fn };
      pending.push(timer);
      return timer;
    },
    clear: (handle) => {
      pending = pending.filter((t) => t !== handle);
    },
  };
  const due = () => {
    const now = clock.now().getTime();
    const ready = pending.filter((t) => t.at <= now);
    pending = pending.filter((t) => t.at > now);
    for (const t of ready) t.fn();
  };
  return { timers, due };
}

function reading(id: string, at: Date, powerW: number, memberId: string | null = 'm-anna'): EquipmentReading {
  return { equipmentId: id, name: id, kind: 'rower', at, metrics: { powerW }, memberId };
}

function setup() {
  const clock = manualClock('2026-11-10T10:00:00Z');
  const { timers, due } = handTimers(clock);
  const deltas: EquipmentTile[][] = [];
  const board = new EquipmentBoard({
    clock,
    offlineAfterMs: 15_000,
    staleAfterMs: 5_000,
    minIntervalMs: 250,
    resolveDisplayName: (id) => (id === 'm-karin' ? null : 'Anna S.'),
    onChange: (tiles) => deltas.push(tiles),
    timers,
  });
  return { clock, due, deltas, board };
}

describe('equipment board', () => {
  it('sends a tile at most 4 times a second, the latest reading winning', () => {
    const { clock, due, deltas, board } = setup();
    // 10 Hz for one second.
    for (let i = 0; i < 10; i++) {
      board.ingest(reading('rower-1', clock.now(), 100 + i));
      due();
      clock.advance(100);
      due();
    }
    clock.advance(1000);
    due();
    const sent = deltas.flat().map((t) => t.metrics.powerW);
    expect(sent.length).toBeLessThanOrEqual(5); // 4 a second, plus the last reading's own window
    expect(sent[0]).toBe(100);
    expect(sent.at(-1)).toBe(109);
  });

  it('tiles due together go out in one delta', () => {
    const { clock, due, deltas, board } = setup();
    for (let i = 1; i <= 60; i++) board.ingest(reading(`m-${i}`, clock.now(), 150));
    due();
    expect(deltas).toHaveLength(1);
    expect(deltas[0]).toHaveLength(60);
  });

  it('says a quiet tile is stale, then offline without a name; the next reading clears it', () => {
    const { clock, due, deltas, board } = setup();
    board.ingest(reading('rower-1', clock.now(), 150));
    due();
    clock.advance(6_000);
    board.sweep();
    expect(deltas.at(-1)).toEqual([expect.objectContaining({ stale: true, state: 'in_use', memberDisplayName: 'Anna S.' })]);
    clock.advance(10_000);
    board.sweep();
    expect(deltas.at(-1)).toEqual([expect.objectContaining({ stale: true, state: 'offline', memberDisplayName: null })]);
    board.ingest(reading('rower-1', clock.now(), 150));
    clock.advance(250); // the sweep's update counts toward the tile's 4 a second
    due();
    expect(deltas.at(-1)![0]!.stale).toBeUndefined();
    expect(deltas.at(-1)![0]!.state).toBe('in_use');
  });

  it('never puts a hidden member’s name on a tile', () => {
    const { due, deltas, board, clock } = setup();
    board.ingest(reading('rower-1', clock.now(), 150, 'm-karin'));
    due();
    expect(deltas[0]![0]!.memberDisplayName).toBeNull();
    expect(JSON.stringify(board.snapshot())).not.toContain('karin');
  });
});

describe('equipment board faults', () => {
  const pmSilent = (missed: number): DeviceStatus => ({
    id: 'pm-rower-1',
    kind: 'serial',
    name: 'PM rower 1',
    state: 'error',
    equipmentId: 'rower-1',
    detail: `monitor not answering (${missed} polls missed); CSAFE rower rower-1 on /dev/ttyUSB1; 20 answers`,
    problem: { code: 'not_responding', detail: `monitor not answering (${missed} polls missed)` },
  });

  it('shows a machine in error while its device reports a fault, then what its readings say again', () => {
    const { clock, due, deltas, board } = setup();
    board.ingest(reading('rower-1', clock.now(), 150));
    due();
    board.reportProblems(problemsByEquipment([pmSilent(5)]));
    expect(deltas.at(-1)).toEqual([
      expect.objectContaining({
        equipmentId: 'rower-1',
        state: 'error',
        problem: { code: 'not_responding', detail: 'monitor not answering (5 polls missed)' },
        memberDisplayName: null,
      }),
    ]);

    // The same problem again is no news; new words are.
    const sent = deltas.length;
    board.reportProblems(problemsByEquipment([pmSilent(5)]));
    expect(deltas).toHaveLength(sent);
    board.reportProblems(problemsByEquipment([pmSilent(9)]));
    expect(deltas.at(-1)![0]!.problem).toEqual({ code: 'not_responding', detail: 'monitor not answering (9 polls missed)' });

    // Readings that still trickle in do not hide the fault.
    clock.advance(1000);
    board.ingest(reading('rower-1', clock.now(), 140));
    clock.advance(1000);
    due();
    expect(board.snapshot()[0]).toMatchObject({ state: 'error' });

    board.reportProblems(problemsByEquipment([{ ...pmSilent(0), state: 'ok', problem: undefined }]));
    expect(deltas.at(-1)).toEqual([expect.objectContaining({ equipmentId: 'rower-1', state: 'idle' })]);
    expect(deltas.at(-1)![0]).not.toHaveProperty('problem');
  });
});

describe('problems by equipment (from device statuses, as data)', () => {
  const status = (over: Partial<DeviceStatus>): DeviceStatus => ({ id: 'd', kind: 'serial', name: 'D', state: 'ok', ...over });
  const portMissing = { code: 'port_missing', detail: '/dev/ttyUSB1 is not there (unplugged?)' } as const;

  it('takes the problem of each device in error that reads a machine, never its prose', () => {
    const problems = problemsByEquipment([
      status({ id: 'pm-1', state: 'error', equipmentId: 'rower-1', detail: 'anything; at all', problem: portMissing }),
      // Not in error (reconnecting, out of reach): the tile's staleness tells that story.
      status({ id: 'bike-7', kind: 'ble', state: 'connecting', equipmentId: 'bike-7', problem: { code: 'connect_failed', detail: 'connect timed out after 15000 ms' } }),
      // In error but reads no machine (a check-in reader): staff status only.
      status({ id: 'entrance', state: 'error', problem: { code: 'port_failed', detail: 'Permission denied' } }),
    ]);
    expect([...problems]).toEqual([['rower-1', portMissing]]);
  });

  it('shows the first of two faulty devices on one machine', () => {
    const second = { code: 'device_error', detail: 'monitor reports an error state' } as const;
    const problems = problemsByEquipment([
      status({ id: 'a', state: 'error', equipmentId: 'rower-1', problem: portMissing }),
      status({ id: 'b', state: 'error', equipmentId: 'rower-1', problem: second }),
    ]);
    expect(problems.get('rower-1')).toEqual(portMissing);
  });
});

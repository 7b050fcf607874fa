import { describe, expect, it } from 'vitest';
import type { EquipmentTile } from '../../../shared/equipment.js';
import type { FloorBox, FloorView } from '../../../shared/floor.js';
import { standaloneFloorView } from '../../../gateway/floor/view.js';
import {
  boxLabel,
  boxStateWords,
  brokerWords,
  countNote,
  floorBanner,
  floorCardState,
  isPartitioned,
  leaderboardNote,
  PARTITION_SENTENCE,
  pendingWords,
  showBoxNames,
  tileKey,
  tileUnreachable,
  unreachableBoxes,
  unreachableWords,
} from './floor-words.js';

/** An instant at this local clock time: screens show local time, so the words must say "12:03" in any time zone. */
const at = (h: number, m: number) => new Date(2026, 10, 29, h, m).toISOString();

const box = (boxId: string, name: string, extra: Partial<FloorBox> = {}): FloorBox => ({
  boxId,
  name,
  self: false,
  reachable: true,
  since: at(9, 0),
  machines: 10,
  ...extra,
});

const floor = (boxes: FloorBox[], extra: Partial<FloorView> = {}): FloorView => ({
  enabled: true,
  boxId: 'front',
  broker: 'connected',
  brokerSince: at(9, 0),
  boxes,
  pending: 0,
  malformed: 0,
  summary: `${boxes.length} boxes`,
  ...extra,
});

const front = box('front', 'Front desk', { self: true });
const upstairs = box('upstairs', 'Upstairs');
const cardio = box('cardio', 'Cardio');

const tile = (equipmentId: string, boxId?: string, boxName?: string): EquipmentTile => ({
  equipmentId,
  name: equipmentId,
  kind: 'rower',
  state: 'in_use',
  memberDisplayName: 'Anna S.',
  metrics: { paceSecPer500m: 120 },
  updatedAt: at(12, 2),
  ...(boxId ? { boxId } : {}),
  ...(boxName ? { boxName } : {}),
});

describe('floor words for screens', () => {
  it('a box on its own has nothing unreachable, no banner, no notes, no box names on tiles', () => {
    const view = standaloneFloorView('front', 'Front desk', 24);
    expect(unreachableBoxes(view)).toEqual([]);
    expect(floorBanner(view)).toBeNull();
    expect(countNote(view)).toBeNull();
    expect(leaderboardNote(view)).toBeNull();
    expect(showBoxNames(view, [tile('rower-1')])).toBe(false);
    expect(isPartitioned(view)).toBe(false);
  });

  it('a whole floor, every box heard: no banner', () => {
    const view = floor([front, upstairs, cardio]);
    expect(floorBanner(view)).toBeNull();
    expect(isPartitioned(view)).toBe(false);
  });

  it('says "Upstairs box unreachable since 12:03" in the screen’s local time', () => {
    const view = floor([front, { ...upstairs, reachable: false, since: at(12, 3) }, cardio]);
    expect(floorBanner(view)).toBe('Upstairs box unreachable since 12:03');
    expect(countNote(view)).toBe('Upstairs box unreachable since 12:03 — the count may be low');
    expect(leaderboardNote(view)).toBe('Upstairs box unreachable since 12:03 — its sessions will count when it is back');
  });

  it('names every unreachable box, each with its own time', () => {
    const view = floor([front, { ...upstairs, reachable: false, since: at(12, 3) }, { ...cardio, reachable: false, since: at(12, 5) }]);
    expect(floorBanner(view)).toBe('Upstairs box unreachable since 12:03 · Cardio box unreachable since 12:05');
    expect(leaderboardNote(view)).toMatch(/their sessions will count when they are back$/);
  });

  it('boxes lost at the same minute are named together', () => {
    const bikes = box('bikes', 'Bikes', { reachable: false, since: at(11, 40) });
    const view = floor([front, bikes, { ...cardio, reachable: false, since: at(12, 3) }, { ...upstairs, reachable: false, since: at(12, 3) }]);
    expect(floorBanner(view)).toBe('Bikes box unreachable since 11:40 · Cardio and Upstairs boxes unreachable since 12:03');
    const three = floor([front, bikes, { ...cardio, reachable: false }, { ...upstairs, reachable: false }], { broker: 'unreachable', brokerSince: at(12, 3) });
    expect(unreachableBoxes(three).map((b) => b.since)).toEqual([at(11, 40), at(9, 0), at(9, 0)]);
    const sameMinute = floor([front, { ...bikes, since: at(12, 3) }, { ...cardio, reachable: false, since: at(12, 3) }, box('b2', 'Box 2', { reachable: false, since: at(12, 3) })]);
    expect(floorBanner(sameMinute)).toBe('Bikes box, Cardio box and Box 2 unreachable since 12:03');
  });

  it('this box lost the broker: every other box is unreachable since then, whatever its last presence said', () => {
    const view = floor([front, upstairs, cardio], { broker: 'unreachable', brokerSince: at(12, 3) });
    expect(unreachableBoxes(view).map((b) => [b.boxId, b.since])).toEqual([
      ['upstairs', at(12, 3)],
      ['cardio', at(12, 3)],
    ]);
    expect(floorBanner(view)).toBe('Upstairs and Cardio boxes unreachable since 12:03');
  });

  it('this box is never unreachable to itself', () => {
    const view = floor([{ ...front, reachable: false }, upstairs], { broker: 'unreachable', brokerSince: at(12, 3) });
    expect(unreachableBoxes(view).map((b) => b.boxId)).toEqual(['upstairs']);
  });

  it('does not double "box" in a name that already says it; leaves the time out when unknown', () => {
    expect(boxLabel('Box 2')).toBe('Box 2');
    expect(boxLabel('Upstairs box')).toBe('Upstairs box');
    expect(boxLabel('Boxing ring')).toBe('Boxing ring box');
    expect(unreachableWords({ boxId: 'b2', name: 'Box 2', since: null })).toBe('Box 2 unreachable');
  });
});

describe('tiles on a floor', () => {
  const view = floor([front, { ...upstairs, reachable: false, since: at(12, 3) }, cardio]);
  const lost = unreachableBoxes(view);

  it('a tile read by an unreachable box belongs to it; this box’s and reachable boxes’ tiles do not', () => {
    expect(tileUnreachable(tile('rower-1', 'upstairs', 'Upstairs'), lost)).toMatchObject({ boxId: 'upstairs', since: at(12, 3) });
    expect(tileUnreachable(tile('rower-2', 'cardio', 'Cardio'), lost)).toBeNull();
    expect(tileUnreachable(tile('rower-3', 'front', 'Front desk'), lost)).toBeNull();
    expect(tileUnreachable(tile('rower-4'), lost)).toBeNull();
  });

  it('two boxes may each read a rower-1: the box is part of a tile’s identity', () => {
    expect(tileKey(tile('rower-1', 'front'))).not.toBe(tileKey(tile('rower-1', 'upstairs')));
    expect(tileKey(tile('rower-1'))).toBe('rower-1');
  });

  it('box names show only when the floor has more than one box', () => {
    expect(showBoxNames(view, [])).toBe(true);
    expect(showBoxNames(floor([front]), [tile('a', 'front')])).toBe(false);
  });

  it('before the floor’s view arrives, the tiles tell: several boxes among them', () => {
    expect(showBoxNames(null, [tile('a', 'front'), tile('b', 'upstairs')])).toBe(true);
    expect(showBoxNames(null, [tile('a', 'front'), tile('b', 'front')])).toBe(false);
    expect(showBoxNames(null, [tile('a'), tile('b')])).toBe(false);
    expect(showBoxNames(null, null)).toBe(false);
  });
});

describe('the console’s Floor card', () => {
  it('a box on its own: configure, in the summary’s words', () => {
    const view = standaloneFloorView('front', 'Front desk', 3);
    expect(floorCardState(view)).toBe('Configure');
    expect(brokerWords(view)).toBe('one box — no floor broker configured');
  });

  it('connected, every box heard: connected, no partition', () => {
    const view = floor([front, upstairs]);
    expect(floorCardState(view)).toBe('Connected');
    expect(brokerWords(view)).toBe('Connected to the floor broker since 09:00.');
    expect(boxStateWords(front, view)).toBe('this box');
    expect(boxStateWords(upstairs, view)).toBe('reachable since 09:00');
  });

  it('broker lost: an error, each other box unreachable since the broker was lost, and the door sentence', () => {
    const view = floor([front, upstairs], { broker: 'unreachable', brokerSince: at(12, 3) });
    expect(floorCardState(view)).toBe('Error');
    expect(brokerWords(view)).toBe('The floor broker cannot be reached since 12:03.');
    expect(boxStateWords(upstairs, view)).toBe('unreachable since 12:03');
    expect(isPartitioned(view)).toBe(true);
    expect(PARTITION_SENTENCE).toBe(
      "Each door decides alone until the boxes reach each other again: anti-passback and occupancy cover this box's doors only.",
    );
  });

  it('one box gone while the broker is up: still a partition', () => {
    const view = floor([front, { ...upstairs, reachable: false, since: at(12, 3) }]);
    expect(isPartitioned(view)).toBe(true);
    expect(floorCardState(view)).toBe('Error');
  });

  it('connecting: not yet an error', () => {
    expect(floorCardState(floor([front], { broker: 'connecting', brokerSince: null }))).toBe('Connecting');
    expect(brokerWords(floor([front], { broker: 'connecting' }))).toBe('Connecting to the floor broker…');
  });

  it('counts facts not yet told to the floor', () => {
    expect(pendingWords(0)).toMatch(/^Nothing waiting/);
    expect(pendingWords(1)).toMatch(/^1 fact not yet told to the floor/);
    expect(pendingWords(12)).toMatch(/^12 facts not yet told to the floor/);
  });
});

/**
 * The floor (several boxes joined over MQTT) in words and decisions for screens and the staff console. Pure: the
 * floor's view and tiles in, words out. Times are the screen's local clock ("12:03"), as every other screen shows.
 */
import type { EquipmentTile } from '../../../shared/equipment.js';
import type { FloorBox, FloorView } from '../../../shared/floor.js';
import { formatClock } from '../api.js';

/** A box whose data this screen cannot refresh, and since when (null: not known). */
export interface UnreachableBox {
  boxId: string;
  name: string;
  since: string | null;
}

/**
 * The other boxes this box cannot hear: those the floor marks unreachable, and — while this box has lost the broker —
 * every other box, since the broker was lost (what they do now cannot reach us, whatever their last presence said).
 */
export function unreachableBoxes(view: FloorView | null): UnreachableBox[] {
  if (!view || !view.enabled) return [];
  const brokerLost = view.broker !== 'connected';
  const out: UnreachableBox[] = [];
  for (const box of view.boxes) {
    if (box.self) continue;
    if (!box.reachable) out.push({ boxId: box.boxId, name: box.name, since: box.since ?? view.brokerSince });
    else if (brokerLost) out.push({ boxId: box.boxId, name: box.name, since: view.brokerSince });
  }
  return out;
}

/** "Upstairs box"; a name that already says "box" is not doubled ("Box 2", "Upstairs box"). */
export function boxLabel(name: string): string {
  return /\bbox\b/i.test(name) ? name : `${name} box`;
}

/** " since 12:03", or nothing when the time is not known. */
function sinceWords(since: string | null): string {
  const at = since === null ? '--:--' : formatClock(since);
  return at === '--:--' ? '' : ` since ${at}`;
}

/** "Upstairs box unreachable since 12:03" (or without the time when it is not known). */
export function unreachableWords(box: UnreachableBox): string {
  return `${boxLabel(box.name)} unreachable${sinceWords(box.since)}`;
}

/** "Cardio and Upstairs", "Bikes, Cardio and Upstairs". */
function listWords(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * Every unreachable box in words, boxes lost at the same minute together (the broker went, so every box went with
 * it): "Cardio and Upstairs boxes unreachable since 12:03 · Bikes box unreachable since 11:40".
 */
function unreachableSentence(boxes: UnreachableBox[]): string {
  const groups = new Map<string, UnreachableBox[]>();
  for (const box of boxes) {
    const key = sinceWords(box.since);
    groups.set(key, [...(groups.get(key) ?? []), box]);
  }
  return [...groups.entries()]
    .map(([since, group]) => {
      if (group.length === 1) return unreachableWords(group[0]!);
      // "Box 2" already says what it is: "Box 2 and Upstairs box", else "Cardio and Upstairs boxes".
      const saysBox = group.some((b) => boxLabel(b.name) === b.name);
      const names = saysBox ? listWords(group.map((b) => boxLabel(b.name))) : `${listWords(group.map((b) => b.name))} boxes`;
      return `${names} unreachable${since}`;
    })
    .join(' · ');
}

/** The banner over a screen whose floor is partitioned: every unreachable box in words, or null when none is. */
export function floorBanner(view: FloorView | null): string | null {
  const boxes = unreachableBoxes(view);
  return boxes.length === 0 ? null : unreachableSentence(boxes);
}

/** Occupancy and entrance: the count covers only the doors this box still hears. */
export function countNote(view: FloorView | null): string | null {
  const banner = floorBanner(view);
  return banner === null ? null : `${banner} — the count may be low`;
}

/** Leaderboards: sessions finished on an unreachable box are told to the floor when it is back (its outbox keeps them). */
export function leaderboardNote(view: FloorView | null): string | null {
  const boxes = unreachableBoxes(view);
  if (boxes.length === 0) return null;
  const tail = boxes.length === 1 ? 'its sessions will count when it is back' : 'their sessions will count when they are back';
  return `${unreachableSentence(boxes)} — ${tail}`;
}

/** Which box a tile belongs to when that box is unreachable; null for this box's tiles and reachable boxes' tiles. */
export function tileUnreachable(tile: EquipmentTile, unreachable: readonly UnreachableBox[]): UnreachableBox | null {
  if (tile.boxId === undefined) return null;
  return unreachable.find((b) => b.boxId === tile.boxId) ?? null;
}

/**
 * Whether tiles name their box: only on a floor of several boxes. Before the floor's view arrives, the tiles
 * themselves tell (more than one box among them).
 */
export function showBoxNames(view: FloorView | null, tiles: readonly EquipmentTile[] | null): boolean {
  if (view) return view.boxes.length > 1;
  const ids = new Set<string>();
  for (const t of tiles ?? []) if (t.boxId !== undefined) ids.add(t.boxId);
  return ids.size > 1;
}

// ---------- The staff console's Floor card ----------

export const PARTITION_SENTENCE =
  "Each door decides alone until the boxes reach each other again: anti-passback and occupancy cover this box's doors only.";

/** True while this box decides alone although it belongs to a floor: the broker is lost, or a box cannot be heard. */
export function isPartitioned(view: FloorView | null): boolean {
  if (!view || !view.enabled) return false;
  return view.broker !== 'connected' || unreachableBoxes(view).length > 0;
}

export type FloorCardState = 'Configure' | 'Connecting' | 'Connected' | 'Error';

export function floorCardState(view: FloorView): FloorCardState {
  if (!view.enabled || view.broker === 'none') return 'Configure';
  if (view.broker === 'connecting') return 'Connecting';
  return isPartitioned(view) ? 'Error' : 'Connected';
}

/** The broker's state in a sentence. */
export function brokerWords(view: FloorView): string {
  const since = view.brokerSince === null ? '' : ` since ${formatClock(view.brokerSince)}`;
  switch (view.broker) {
    case 'none':
      return view.summary;
    case 'connected':
      return `Connected to the floor broker${since}.`;
    case 'connecting':
      return 'Connecting to the floor broker…';
    case 'unreachable':
      return `The floor broker cannot be reached${since}.`;
  }
}

/** One box's line: "this box", "reachable since 12:00", "unreachable since 12:03". */
export function boxStateWords(box: FloorBox, view: FloorView): string {
  if (box.self) return 'this box';
  const lost = unreachableBoxes(view).find((b) => b.boxId === box.boxId);
  const since = lost ? lost.since : box.since;
  const at = since === null ? '' : ` since ${formatClock(since)}`;
  return lost ? `unreachable${at}` : `reachable${at}`;
}

/** Facts this box has not yet told the floor (its outbox lane `floor`). */
export function pendingWords(pending: number): string {
  if (pending === 0) return 'Nothing waiting: the floor has every fact this box captured.';
  const facts = pending === 1 ? '1 fact' : `${pending} facts`;
  return `${facts} not yet told to the floor: they go as soon as the broker is reachable.`;
}

/** `data-floor` on a screen (for tests and kiosk tooling): the floor's view not yet here, a box on its own, or a floor. */
export function floorAttribute(view: FloorView | null): { 'data-floor': 'waiting' | 'one-box' | 'floor' } {
  return { 'data-floor': view === null ? 'waiting' : view.enabled ? 'floor' : 'one-box' };
}

/**
 * A tile's identity on the board: two boxes may each read a `rower-1`, so the box is part of it (a box on its own
 * sends no box id, and its ids are unique).
 */
export function tileKey(tile: EquipmentTile): string {
  return tile.boxId === undefined ? tile.equipmentId : `${tile.boxId}/${tile.equipmentId}`;
}

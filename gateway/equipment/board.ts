import type { EquipmentTile } from '../../shared/equipment.js';
import type { FloorTile } from '../../shared/floor.js';
import type { DeviceProblem } from '../../shared/status.js';
import type { Clock } from '../time/clock.js';
import type { EquipmentReading } from '../devices/types.js';
import { sameProblem } from './problems.js';

/** Timer seam: real timers by default; tests pass their own to fire flushes by hand. */
export interface BoardTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: BoardTimers = {
  set: (fn, ms) => (ms <= 0 ? { immediate: setImmediate(fn) } : { timeout: setTimeout(fn, ms).unref() }),
  clear: (handle) => {
    const h = handle as { immediate?: NodeJS.Immediate; timeout?: NodeJS.Timeout };
    if (h.immediate) clearImmediate(h.immediate);
    if (h.timeout) clearTimeout(h.timeout);
  },
};

export interface EquipmentBoardOptions {
  clock: Clock;
  /** A machine with no reading for this long is shown offline. */
  offlineAfterMs: number;
  /** A machine with no reading for this long is marked stale (the tile says so). Default 5 s. */
  staleAfterMs?: number;
  /** Least time between two updates of one tile: 250 ms = at most 4 a second. */
  minIntervalMs?: number;
  resolveDisplayName: (memberId: string) => string | null;
  onChange: (changed: EquipmentTile[]) => void;
  timers?: BoardTimers;
  /** On a floor of several boxes: this box, stamped on the tiles of the machines it reads. */
  box?: { boxId: string; boxName: string } | null;
}

function isMoving(reading: EquipmentReading): boolean {
  const m = reading.metrics;
  return (m.powerW ?? 0) > 0 || (m.cadenceRpm ?? 0) > 0 || (m.strokeRateSpm ?? 0) > 0 || (m.speedMps ?? 0) > 0;
}

interface Slot {
  tile: EquipmentTile;
  /** Who the last reading said is on the machine: names are looked up again when the roster changes. */
  memberId: string | null;
  /** clock ms of the tile's last publish. */
  sentAt: number;
  /** Read by another box of the floor (its tile came over MQTT): this box's device faults never apply to it. */
  remote: boolean;
}

/** Another box's machine has its own slot: two boxes may both have a `rower-1`. */
const remoteKey = (tile: FloorTile) => `${tile.boxId}/${tile.equipmentId}`;

/**
 * The live state of every machine and strap on the floor, as tiles for the equipment screen. Screens on a
 * Raspberry Pi cannot redraw 50 machines at 10 Hz: each tile is published at most once per `minIntervalMs`,
 * coalescing readings in between (the latest wins), and tiles due together go out in one delta.
 */
export class EquipmentBoard {
  private readonly slots = new Map<string, Slot>();
  /** Faults reported by the devices that read a machine: equipmentId → what is wrong. */
  private problems: ReadonlyMap<string, DeviceProblem> = new Map();
  private readonly dirty = new Set<string>();
  private readonly timers: BoardTimers;
  private readonly minIntervalMs: number;
  private timer: unknown = null;
  private timerAt = Number.POSITIVE_INFINITY;
  private readonly listeners: Array<(changed: EquipmentTile[]) => void> = [];

  constructor(private readonly options: EquipmentBoardOptions) {
    this.timers = options.timers ?? realTimers;
    this.minIntervalMs = options.minIntervalMs ?? 250;
  }

  ingest(reading: EquipmentReading): void {
    const moving = reading.kind === 'hr_strap' ? (reading.metrics.heartRateBpm ?? 0) > 0 : isMoving(reading);
    const tile: EquipmentTile = {
      equipmentId: reading.equipmentId,
      name: reading.name,
      kind: reading.kind,
      state: moving ? 'in_use' : 'idle',
      memberDisplayName: reading.memberId ? this.options.resolveDisplayName(reading.memberId) : null,
      metrics: reading.metrics,
      updatedAt: reading.at.toISOString(),
      ...(this.options.box ?? {}),
    };
    const problem = this.problems.get(tile.equipmentId);
    if (problem) Object.assign(tile, { state: 'error', problem });
    const slot = this.slots.get(tile.equipmentId);
    const memberId = reading.memberId ?? null;
    if (slot) Object.assign(slot, { tile, memberId });
    else this.slots.set(tile.equipmentId, { tile, memberId, sentAt: Number.NEGATIVE_INFINITY, remote: false });
    this.dirty.add(tile.equipmentId);
    this.scheduleFlush(Math.max(this.now(), (slot?.sentAt ?? Number.NEGATIVE_INFINITY) + this.minIntervalMs));
  }

  /** A machine another box reads, as that box published its tile (display name already applied there). */
  ingestRemote(tile: FloorTile): void {
    const key = remoteKey(tile);
    const slot = this.slots.get(key);
    if (slot) slot.tile = tile;
    else this.slots.set(key, { tile, memberId: null, sentAt: Number.NEGATIVE_INFINITY, remote: true });
    this.dirty.add(key);
    this.scheduleFlush(Math.max(this.now(), (slot?.sentAt ?? Number.NEGATIVE_INFINITY) + this.minIntervalMs));
  }

  /** A box of the floor vanished (its last will): its machines show offline here at once. */
  boxOffline(boxId: string): void {
    const changed: EquipmentTile[] = [];
    for (const [key, slot] of this.slots) {
      if (!slot.remote || slot.tile.boxId !== boxId || slot.tile.state === 'offline') continue;
      slot.tile = { ...slot.tile, state: 'offline', memberDisplayName: null, stale: true };
      this.dirty.delete(key);
      slot.sentAt = this.now();
      changed.push(slot.tile);
    }
    this.emit(changed);
  }

  /** Also tells `listener` of every published change (the floor mesh passes this box's tiles on). Returns a remover. */
  listen(listener: (changed: EquipmentTile[]) => void): () => void {
    this.listeners.push(listener);
    return () => this.listeners.splice(this.listeners.indexOf(listener) >>> 0, 1);
  }

  /**
   * The faults devices report now (equipmentId → problem; see problemsByEquipment). A machine with a fault
   * shows `error` with the problem until its device stops reporting it; then it shows what its readings say again.
   */
  reportProblems(problems: ReadonlyMap<string, DeviceProblem>): void {
    const previous = this.problems;
    this.problems = problems;
    const changed: EquipmentTile[] = [];
    for (const slot of this.slots.values()) {
      if (slot.remote) continue;
      const id = slot.tile.equipmentId;
      const problem = problems.get(id);
      if (problem && (slot.tile.state !== 'error' || !sameProblem(slot.tile.problem, problem))) {
        slot.tile = { ...slot.tile, state: 'error', problem, memberDisplayName: null };
      } else if (!problem && previous.has(id) && slot.tile.state === 'error') {
        const { problem: _, ...rest } = slot.tile;
        slot.tile = { ...rest, state: slot.tile.stale ? 'offline' : 'idle' };
      } else {
        continue;
      }
      this.dirty.delete(id);
      slot.sentAt = this.now();
      changed.push(slot.tile);
    }
    this.emit(changed);
  }

  /** The roster changed (a member now hides their name, or took an alias): every tile shows the name as it is now. */
  refreshNames(): void {
    const changed: EquipmentTile[] = [];
    for (const slot of this.slots.values()) {
      if (!slot.memberId || slot.tile.memberDisplayName === null) continue;
      const name = this.options.resolveDisplayName(slot.memberId);
      if (name === slot.tile.memberDisplayName) continue;
      slot.tile = { ...slot.tile, memberDisplayName: name };
      this.dirty.delete(slot.tile.equipmentId);
      slot.sentAt = this.now();
      changed.push(slot.tile);
    }
    this.emit(changed);
  }

  /** Marks machines that went quiet stale, then offline; call about once a second. */
  sweep(): void {
    const now = this.now();
    const staleCutoff = now - (this.options.staleAfterMs ?? 5_000);
    const offlineCutoff = now - this.options.offlineAfterMs;
    const changed: EquipmentTile[] = [];
    for (const [key, slot] of this.slots) {
      const tile = slot.tile;
      const at = Date.parse(tile.updatedAt);
      if (tile.state !== 'offline' && at < offlineCutoff) {
        slot.tile = { ...tile, state: 'offline', memberDisplayName: null, stale: true };
      } else if (!tile.stale && at < staleCutoff) {
        slot.tile = { ...tile, stale: true };
      } else {
        continue;
      }
      this.dirty.delete(key);
      slot.sentAt = now;
      changed.push(slot.tile);
    }
    this.emit(changed);
  }

  snapshot(): EquipmentTile[] {
    return [...this.slots.values()].map((s) => s.tile).sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  }

  /** Drops a pending flush (the gateway is closing). */
  stop(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    this.timerAt = Number.POSITIVE_INFINITY;
  }

  private emit(changed: EquipmentTile[]): void {
    if (changed.length === 0) return;
    this.options.onChange(changed);
    for (const listener of this.listeners) listener(changed);
  }

  private now(): number {
    return this.options.clock.now().getTime();
  }

  private scheduleFlush(at: number): void {
    if (at >= this.timerAt) return;
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timerAt = at;
    this.timer = this.timers.set(() => this.flush(), at - this.now());
  }

  private flush(): void {
    this.timer = null;
    this.timerAt = Number.POSITIVE_INFINITY;
    const now = this.now();
    const changed: EquipmentTile[] = [];
    let next = Number.POSITIVE_INFINITY;
    for (const id of this.dirty) {
      const slot = this.slots.get(id)!;
      const due = slot.sentAt + this.minIntervalMs;
      // Timers may fire a millisecond early; a tile within 1 ms of its window goes now.
      if (now >= due - 1) {
        slot.sentAt = now;
        changed.push(slot.tile);
        this.dirty.delete(id);
      } else {
        next = Math.min(next, due);
      }
    }
    this.emit(changed);
    if (next !== Number.POSITIVE_INFINITY) this.scheduleFlush(next);
  }
}

import type { BoxPresence, FloorBox, FloorView } from '../../shared/floor.js';
import { localTime } from '../time/local-time.js';

/** The floor of a box on its own (no broker configured): itself, always reachable. */
export function standaloneFloorView(boxId: string, boxName: string, machines: number): FloorView {
  return {
    enabled: false,
    boxId,
    broker: 'none',
    brokerSince: null,
    boxes: [{ boxId, name: boxName, self: true, reachable: true, since: null, machines }],
    pending: 0,
    malformed: 0,
    summary: 'one box — no floor broker configured',
  };
}

export type BrokerState = 'connecting' | 'connected' | 'unreachable';

interface KnownBox {
  name: string;
  /** What the box's own presence says (its last will says false). */
  online: boolean;
  /** When it came online (its presence), or when this box saw it go. */
  since: string;
  /** When this box lost sight of it (its last will, or this box's own broker link dropping); null while in sight. */
  lostAt: Date | null;
  /** When its presence was last heard (retained presence arrives right after every subscribe). */
  heardAt: Date;
}

/** A presence message's consequences: whether the box went on- or offline, and whether it needs this box's facts again. */
export interface PresenceChange {
  went: 'online' | 'offline' | null;
  /**
   * Set when the box (re)joined with a new session: it may have missed facts this box told the floor since this time
   * (null: this box never saw it before; the caller picks a window). Undefined: nothing to tell again.
   */
  replaySince?: Date | null;
}

/**
 * Which boxes this box hears (pure, clocked by the caller): each box's presence, and this box's own link to the
 * broker. While the broker is unreachable every other box is unreachable too — from the moment the link dropped,
 * unless it had already gone earlier.
 */
export class FloorPeers {
  private broker: { state: BrokerState; since: Date };
  private readonly boxes = new Map<string, KnownBox>();

  constructor(private readonly self: { boxId: string; boxName: string; timezone: string }, now: Date) {
    this.broker = { state: 'connecting', since: now };
  }

  /** Returns true when the broker's state changed. */
  brokerIs(state: BrokerState, now: Date): boolean {
    if (this.broker.state === state) return false;
    // A reconnect attempt after a loss is still "unreachable" for staff: the partition lasts until connected.
    if (state === 'connecting' && this.broker.state === 'unreachable') return false;
    if (state === 'unreachable') for (const box of this.boxes.values()) box.lostAt ??= now;
    // Retained presence arrives with the subscription, just before the broker acknowledges it: nothing else can be
    // heard while not connected, so a presence heard since the last change of state was heard on this connection.
    if (state === 'connected') for (const box of this.boxes.values()) if (box.heardAt >= this.broker.since) box.heardAt = now;
    this.broker = { state, since: now };
    return true;
  }

  get brokerState(): BrokerState {
    return this.broker.state;
  }

  /** A box's presence arrived (retained on subscribe, or live). */
  presence(p: BoxPresence, now: Date): PresenceChange {
    const known = this.boxes.get(p.boxId);
    if (!p.online) {
      this.boxes.set(p.boxId, { name: p.name, online: false, since: known && !known.online ? known.since : now.toISOString(), lostAt: known?.lostAt ?? now, heardAt: now });
      return { went: known?.online === false ? null : 'offline' };
    }
    const rejoined = !known || known.since !== p.since;
    this.boxes.set(p.boxId, { name: p.name, online: true, since: p.since, lostAt: null, heardAt: now });
    const went = known?.online ? null : 'online';
    if (!rejoined) return { went };
    return { went, replaySince: known ? (known.lostAt ?? new Date(known.since)) : null };
  }

  /**
   * Boxes known as online whose presence was not heard again within `graceMs` of this box's last (re)connect: the
   * broker restarted without them (their retained presence and last will died with it). They are marked offline
   * and returned.
   */
  expireUnheard(now: Date, graceMs: number): string[] {
    if (this.broker.state !== 'connected' || now.getTime() - this.broker.since.getTime() < graceMs) return [];
    const gone: string[] = [];
    for (const [boxId, box] of this.boxes) {
      if (!box.online || box.heardAt >= this.broker.since) continue;
      this.boxes.set(boxId, { ...box, online: false, since: (box.lostAt ?? this.broker.since).toISOString(), lostAt: box.lostAt ?? this.broker.since });
      gone.push(boxId);
    }
    return gone;
  }

  nameOf(boxId: string): string {
    return boxId === this.self.boxId ? this.self.boxName : (this.boxes.get(boxId)?.name ?? boxId);
  }

  /** True while some box this box knows of cannot be heard: its own doors' count is all it has of them. */
  partitioned(): boolean {
    return [...this.boxes.keys()].some((id) => !this.reachable(id).reachable);
  }

  view(machinesByBox: ReadonlyMap<string, number>, pending: number, malformed = 0): FloorView {
    const boxes: FloorBox[] = [
      {
        boxId: this.self.boxId,
        name: this.self.boxName,
        self: true,
        reachable: true,
        since: null,
        machines: machinesByBox.get(this.self.boxId) ?? 0,
      },
      ...[...this.boxes.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([boxId, box]) => ({ boxId, name: box.name, self: false, ...this.reachable(boxId), machines: machinesByBox.get(boxId) ?? 0 })),
    ];
    const view: Omit<FloorView, 'summary'> = {
      enabled: true,
      boxId: this.self.boxId,
      broker: this.broker.state,
      brokerSince: this.broker.since.toISOString(),
      boxes,
      pending,
      malformed,
    };
    return { ...view, summary: floorSummary(view, this.self.timezone) };
  }

  private reachable(boxId: string): { reachable: boolean; since: string | null } {
    const box = this.boxes.get(boxId)!;
    if (!box.online) return { reachable: false, since: box.since };
    if (this.broker.state !== 'connected') {
      const lost = this.broker.since.toISOString();
      return { reachable: false, since: lost };
    }
    return { reachable: true, since: box.since };
  }
}

/** The floor in words for staff and screens: "3 boxes; Upstairs unreachable since 12:03 — each door decides alone". */
export function floorSummary(view: Omit<FloorView, 'summary'>, timezone: string): string {
  const hhmm = (iso: string | null) => (iso ? localTime(new Date(iso), timezone).hhmm : '?');
  const count = `${view.boxes.length} ${view.boxes.length === 1 ? 'box' : 'boxes'}`;
  const others = view.boxes.filter((b) => !b.self);
  const pending = view.pending > 0 ? ` (${view.pending} to tell the floor)` : '';
  if (view.broker !== 'connected') {
    const since = view.broker === 'unreachable' ? ` since ${hhmm(view.brokerSince)}` : '';
    const what = view.broker === 'connecting' ? 'connecting to the floor broker' : `floor broker unreachable${since}`;
    return `${count}; ${what} — each door decides alone${pending}`;
  }
  const away = others.filter((b) => !b.reachable);
  if (away.length === 0) return `${count}, all reachable${pending}`;
  const words = away.map((b) => `${b.name} unreachable since ${hhmm(b.since)}`).join(', ');
  return `${count}; ${words} — each door decides alone${pending}`;
}

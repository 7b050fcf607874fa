import type { FloorFact } from '../../shared/floor.js';
import type { LastAdmissions } from '../checkin/admissions.js';
import type { EquipmentBoard } from '../equipment/board.js';
import type { FloorEvents } from '../floor-events.js';
import type { Logger } from '../log.js';
import type { OccupancyTracker } from '../occupancy/tracker.js';
import type { Clock } from '../time/clock.js';
import { parseFloorMessage } from './incoming.js';
import { visitOf, type RemoteFacts } from './remote-facts.js';
import type { FloorPeers } from './view.js';

export interface HearFloorDeps {
  here: { locationId: string; boxId: string };
  peers: FloorPeers;
  remote: RemoteFacts;
  occupancy: OccupancyTracker;
  admissions: LastAdmissions;
  board: EquipmentBoard;
  floor: FloorEvents;
  clock: Clock;
  log: Logger;
  /** A box rejoined with a new session: tell it again what it may have missed since `since`. */
  rejoined: (boxId: string, since: Date | null) => void;
  /** Who is in or which boxes are heard changed: the view and the retained occupancy follow. */
  changed: () => void;
}

/**
 * What this box does with what it hears from the floor: presence moves the view (and a last will takes the box's
 * machines offline), a new fact counts once (occupancy, anti-passback, boards and records — never journaled), a tile
 * joins the board. Malformed messages are counted and dropped.
 */
export class FloorHearing {
  private malformedCount = 0;

  constructor(private readonly deps: HearFloorDeps) {}

  get malformed(): number {
    return this.malformedCount;
  }

  message(topic: string, payload: Buffer): void {
    const { peers, board, clock, log } = this.deps;
    const message = parseFloorMessage(topic, payload, this.deps.here);
    switch (message.kind) {
      case 'ignored':
        return;
      case 'malformed':
        this.malformedCount++;
        if (this.malformedCount <= 10 || this.malformedCount % 1000 === 0) {
          log.warn({ malformed: this.malformedCount, error: message.error }, 'malformed floor message dropped');
        }
        return;
      case 'presence': {
        const change = peers.presence(message.presence, clock.now());
        if (change.went === 'offline') board.boxOffline(message.boxId);
        if (change.replaySince !== undefined) this.deps.rejoined(message.boxId, change.replaySince);
        this.deps.changed();
        return;
      }
      case 'fact':
        this.fact(message.fact);
        return;
      case 'tile':
        board.ingestRemote(message.tile);
        return;
    }
  }

  private fact(fact: FloorFact): void {
    if (!this.deps.remote.remember(fact)) return; // heard before (a replay after a partition)
    if (fact.type === 'check_in') {
      const visit = visitOf(fact);
      if (!visit) return;
      this.deps.admissions.admit(visit);
      this.deps.occupancy.admit(visit);
      this.deps.changed();
      return;
    }
    const { memberDisplayName: _, ...session } = fact.session;
    this.deps.floor.emit('session', session, 'floor');
  }
}

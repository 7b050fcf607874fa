import { EventEmitter } from 'node:events';
import type { CheckInResult } from '../shared/checkin.js';
import type { EquipmentSession } from '../shared/sessions.js';
import type { CheckInPayload } from './checkin/payload.js';
import type { EquipmentReading } from './devices/types.js';

/**
 * What happens on the floor, after it is committed: the seam between the parts that capture facts
 * (check-in desk, sessions) and the parts that react to them (screens, leaderboards, achievements).
 */
export interface FloorEventMap {
  checkin: [result: CheckInResult, payload: CheckInPayload];
  reading: [reading: EquipmentReading];
  /**
   * A session was journaled (ended, or claimed by a member later) — or, with origin `floor`, another box of the floor
   * told us of one (not journaled here): boards and records count it; reactions meant for the capturing box do not run.
   */
  session: [session: EquipmentSession, origin?: SessionOrigin];
  /** A personal record or a goal was stored for a member. */
  achievement: [achievement: { achievementId: string; kind: 'personal_record' | 'goal_reached'; memberId: string; title: string; detail: string; equipmentType: string | null; at: string }];
}

/** `local`: captured and journaled by this box. `floor`: heard from another box over the floor mesh. */
export type SessionOrigin = 'local' | 'floor';

export class FloorEvents extends EventEmitter<FloorEventMap> {}

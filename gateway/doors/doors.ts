import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { CheckInResult } from '../../shared/checkin.js';
import type { DoorStatus } from '../../shared/status.js';
import type { CheckInPayload } from '../checkin/payload.js';
import type { Logger } from '../log.js';
import type { AlertStore } from '../staff/alerts.js';
import type { Journal } from '../store/journal.js';
import type { Clock } from '../time/clock.js';
import type { DoorConfig } from './config.js';
import { DoorOutputError, type DoorOutput } from './outputs.js';

/**
 * The `door_opened` fact (journal, local to the box; also emitted as `opening`). Kept flat and small on purpose:
 * a `door.opened` webhook sends it as it is.
 */
export interface DoorOpening {
  doorId: string;
  doorName: string;
  locationId: string;
  /** The check-in that opened (or failed to open) the door, its reader and member. */
  checkInEventId: string;
  reader: string;
  memberId: string | null;
  openSeconds: number;
  outcome: 'opened' | 'failed';
  /** From the accepted check-in to the output's confirmation (or failure), in ms. */
  latencyMs: number;
  /** Why it failed, in words for staff; absent when opened. */
  error?: string;
  at: string;
}

export interface DoorsDeps {
  doors: Array<{ config: DoorConfig; output: DoorOutput }>;
  locationId: string;
  journal: Journal;
  alerts: AlertStore;
  clock: Clock;
  log: Logger;
}

interface DoorState {
  config: DoorConfig;
  output: DoorOutput;
  openings: number;
  failures: number;
  last: DoorOpening | null;
  lastOpenedAt: string | null;
}

/** The alert code of a door that failed to open; resolved by its next opening. */
export const doorAlertCode = (doorId: string) => `door_unreachable:${doorId}`;

/**
 * The doors of the box. An accepted check-in from a reader at a door opens that door at once (the pipeline
 * calls `openFor` right after the commit, never through the outbox); each attempt is a journaled fact, a
 * failure raises a staff alert, and nothing here can turn the check-in into an error.
 */
export class Doors extends EventEmitter<{ opening: [DoorOpening] }> {
  private readonly states: DoorState[];

  constructor(private readonly deps: DoorsDeps) {
    super();
    this.states = deps.doors.map(({ config, output }) => ({ config, output, openings: 0, failures: 0, last: null, lastOpenedAt: null }));
  }

  get configured(): boolean {
    return this.states.length > 0;
  }

  /** Opens every door this check-in is for; resolves when all have answered (nobody needs to wait for it). */
  async openFor(result: CheckInResult, payload: CheckInPayload): Promise<DoorOpening[]> {
    if (result.decision !== 'accepted') return [];
    const doors = this.states.filter((door) => door.config.openOn.some((reader) => reader === payload.source || `serial:${reader}` === payload.source));
    return Promise.all(doors.map((door) => this.open(door, result, payload)));
  }

  status(): DoorStatus[] {
    return this.states.map(({ config, output, openings, failures, last, lastOpenedAt }) => ({
      id: config.id,
      name: config.name ?? config.id,
      output: output.describe,
      openOn: config.openOn,
      state: last === null ? 'idle' : last.outcome === 'opened' ? 'ok' : 'error',
      openings,
      failures,
      lastOpenedAt,
      lastLatencyMs: last?.latencyMs ?? null,
      ...(last?.error ? { problem: `Door relay unreachable: ${last.error}` } : {}),
    }));
  }

  private async open(door: DoorState, result: CheckInResult, payload: CheckInPayload): Promise<DoorOpening> {
    const { config, output } = door;
    const started = performance.now();
    let error: string | undefined;
    try {
      await output.open(
        { doorId: config.id, eventId: result.eventId, decidedAt: result.decidedAt, openSeconds: config.openSeconds },
        AbortSignal.timeout(config.timeoutMs),
      );
    } catch (caught) {
      error = caught instanceof DoorOutputError ? caught.message : `unexpected error (${(caught as Error).message})`;
    }
    const opening: DoorOpening = {
      doorId: config.id,
      doorName: config.name ?? config.id,
      locationId: this.deps.locationId,
      checkInEventId: result.eventId,
      reader: payload.source,
      memberId: payload.memberId,
      openSeconds: config.openSeconds,
      outcome: error === undefined ? 'opened' : 'failed',
      latencyMs: Math.round((performance.now() - started) * 10) / 10,
      ...(error !== undefined ? { error } : {}),
      at: this.deps.clock.now().toISOString(),
    };
    this.record(door, opening);
    return opening;
  }

  private record(door: DoorState, opening: DoorOpening): void {
    const { journal, alerts, log, clock } = this.deps;
    const name = door.config.name ?? door.config.id;
    door.last = opening;
    if (opening.outcome === 'opened') {
      door.openings++;
      door.lastOpenedAt = opening.at;
      alerts.resolve(doorAlertCode(door.config.id));
      log.info({ door: door.config.id, eventId: opening.checkInEventId, latencyMs: opening.latencyMs }, 'door opened');
    } else {
      door.failures++;
      alerts.raise(
        doorAlertCode(door.config.id),
        `Door relay unreachable: ${name} did not open (${door.output.describe}: ${opening.error}). The member was checked in; let them in and check the relay.`,
      );
      log.error({ door: door.config.id, eventId: opening.checkInEventId, error: opening.error }, 'door did not open');
    }
    try {
      journal.append({ type: 'door_opened', occurredAt: clock.now(), payload: opening });
    } catch (error) {
      log.error({ err: error, door: door.config.id }, 'a door opening could not be journaled');
    }
    this.emit('opening', opening);
  }
}

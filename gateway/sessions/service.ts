import { v7 as uuidv7 } from 'uuid';
import type { CheckInResult } from '../../shared/checkin.js';
import type { EquipmentSession, SessionSummary } from '../../shared/sessions.js';
import type { CheckInPayload } from '../checkin/payload.js';
import type { EquipmentReading } from '../devices/types.js';
import type { Clock } from '../time/clock.js';
import type { FloorEvents } from '../floor-events.js';
import type { Logger } from '../log.js';
import type { Db } from '../store/database.js';
import type { Journal } from '../store/journal.js';
import { decideClaim, PendingClaims } from './claims.js';
import type { SessionsConfig } from './config.js';
import { SessionDetector, type DetectedSession, type DetectorEvent } from './detector.js';
import { SessionStore, type StoredSession } from './store.js';

/** The `equipment_session` event as it leaves the box (cloud-api.md: POST /equipment/sessions + ext fields). */
export interface EquipmentSessionPayload {
  /** Stable id of the session: the same in the fact of its end and in a later claim. */
  sessionId: string;
  /** Set on the fact of a claim made after the session ended: the session it gives a member. */
  claimOf?: string;
  equipmentId: string;
  equipmentName: string;
  equipmentType: EquipmentSession['equipmentType'];
  memberId: string | null;
  locationId: string;
  startedAt: string;
  endedAt: string;
  summary: SessionSummary;
  /** Seed 001's `data: { distance, time, avgPower }`: meters, seconds, watts. */
  data: { distance: number; time: number; avgPower: number | null };
  claimedVia: string | null;
}

/** A member's claim on a machine's running session, or on its next one (a tap before the start). */
export interface MachineClaimPayload {
  equipmentId: string;
  memberId: string;
  via: string;
  kind: 'running' | 'next';
  until?: string;
}

/** A finished session as an equipment bridge hands it over (POST /api/equipment/sessions). */
export interface FinishedSession {
  equipmentId: string;
  equipmentName?: string | undefined;
  equipmentType: EquipmentSession['equipmentType'];
  memberId: string | null;
  startedAt: string;
  endedAt: string;
  summary: SessionSummary;
}

export type ClaimOutcome =
  | { ok: true; outcome: 'claimed' | 'already_yours'; sessionId: string | null }
  | { ok: true; outcome: 'pending'; until: string }
  | { ok: false; code: 'unknown_badge' | 'unknown_equipment' | 'unknown_session' | 'taken'; message: string };

export interface SessionServiceDeps {
  db: Db;
  journal: Journal;
  clock: Clock;
  floor: FloorEvents;
  log: Logger;
  locationId: string;
  config: SessionsConfig;
  /** A badge as typed or read → the member's id, or null when no member has it. */
  memberByBadge(badge: string): string | null;
}

const TICK_MS = 1_000;
const CLAIMABLE_FOR_MS = 24 * 3600_000;

/**
 * Equipment sessions on the floor: every machine reading passes through here on its way to the board. Detects
 * sessions (domain: detector.ts), pairs them with members (claims.ts, strap pairings), and journals each summary
 * as an `equipment_session` fact — to the outbox and the cloud — before telling the floor (`session` event).
 */
export class SessionService {
  readonly store: SessionStore;
  private readonly detector: SessionDetector;
  private readonly pending = new PendingClaims();
  private readonly via = new Map<string, string>();
  private straps = new Map<string, string>();
  private readonly unsaved: DetectedSession[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: SessionServiceDeps) {
    this.store = new SessionStore(deps.db);
    this.detector = new SessionDetector({
      idleTimeoutMs: deps.config.idleTimeoutS * 1000,
      minDurationMs: deps.config.minDurationS * 1000,
    });
  }

  start(): void {
    this.straps = this.store.strapPairings();
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  /** Ends the running sessions (what was done so far is kept) and stops. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.handle(this.detector.endAll());
  }

  /** Ends idle sessions, forgets expired taps, retries summaries that could not be stored. */
  tick(): void {
    const now = this.deps.clock.now();
    this.handle(this.detector.tick(now));
    this.pending.expire(now);
    for (const session of this.unsaved.splice(0)) this.save(session);
  }

  /** A reading on its way to the board: sessions first; returns it with the member on the machine set. */
  ingest(reading: EquipmentReading): EquipmentReading {
    if (reading.kind === 'hr_strap') {
      const memberId = reading.memberId ?? this.straps.get(reading.equipmentId) ?? null;
      const bpm = reading.metrics.heartRateBpm;
      if (memberId && bpm) {
        const machine = this.detector.machineOf(memberId);
        if (machine) this.detector.addHeartRate(machine, bpm, reading.at);
      }
      return memberId === (reading.memberId ?? null) ? reading : { ...reading, memberId };
    }
    if (reading.memberId && !this.detector.active(reading.equipmentId)?.memberId) this.via.set(reading.equipmentId, 'adapter');
    this.handle(this.detector.ingest(reading));
    const memberId = this.detector.active(reading.equipmentId)?.memberId ?? reading.memberId ?? null;
    return memberId === (reading.memberId ?? null) ? reading : { ...reading, memberId };
  }

  /** A badge tap at a machine's reader, or at the kiosk naming the machine. */
  tapAtMachine(equipmentId: string, badge: string, via: string): ClaimOutcome {
    const outcome = this.claimAtMachine(equipmentId, badge, via);
    this.deps.log.info({ equipmentId, via, outcome: outcome.ok ? outcome.outcome : outcome.code }, 'badge tap at a machine');
    return outcome;
  }

  private claimAtMachine(equipmentId: string, badge: string, via: string): ClaimOutcome {
    const memberId = this.deps.memberByBadge(badge);
    if (!memberId) return { ok: false, code: 'unknown_badge', message: 'No member has this badge.' };
    const latest = this.store.latestOn(equipmentId);
    if (!this.detector.knows(equipmentId) && !latest) {
      return { ok: false, code: 'unknown_equipment', message: `No machine ${equipmentId} on this floor.` };
    }
    const now = this.deps.clock.now();
    const decision = decideClaim({
      memberId,
      at: now,
      windowMs: this.deps.config.claimWindowS * 1000,
      active: this.detector.active(equipmentId),
      latest: latest && { sessionId: latest.sessionId, memberId: latest.memberId, endedAt: latest.endedAt },
    });
    switch (decision.kind) {
      case 'claim_active':
        this.journalClaim({ equipmentId, memberId, via, kind: 'running' }, now);
        this.detector.assign(equipmentId, memberId);
        this.via.set(equipmentId, via);
        return { ok: true, outcome: 'claimed', sessionId: null };
      case 'claim_ended':
        return this.claimStored(decision.sessionId, memberId, via);
      case 'pending':
        this.journalClaim({ equipmentId, memberId, via, kind: 'next', until: decision.until.toISOString() }, now);
        this.pending.add(equipmentId, memberId, decision.until);
        return { ok: true, outcome: 'pending', until: decision.until.toISOString() };
      case 'already_yours':
        return { ok: true, outcome: 'already_yours', sessionId: latest?.memberId === memberId ? latest.sessionId : null };
      case 'taken':
        return { ok: false, code: 'taken', message: 'Someone else is on this machine.' };
    }
  }

  /** Claims a finished anonymous session by its id (the kiosk's list of claimable sessions). */
  claimSession(sessionId: string, badge: string, via: string): ClaimOutcome {
    const memberId = this.deps.memberByBadge(badge);
    if (!memberId) return { ok: false, code: 'unknown_badge', message: 'No member has this badge.' };
    return this.claimStored(sessionId, memberId, via);
  }

  /** Anonymous sessions of the last day, newest first: what the kiosk offers to claim. */
  claimable(): StoredSession[] {
    return this.store.anonymousSince(new Date(this.deps.clock.now().getTime() - CLAIMABLE_FOR_MS), 100);
  }

  pairStrap(strapId: string, badge: string, source: string): ClaimOutcome {
    const memberId = this.deps.memberByBadge(badge);
    if (!memberId) return { ok: false, code: 'unknown_badge', message: 'No member has this badge.' };
    this.store.pairStrap(strapId, memberId, this.deps.clock.now(), source);
    this.straps.set(strapId, memberId);
    return { ok: true, outcome: 'claimed', sessionId: null };
  }

  unpairStrap(strapId: string): boolean {
    this.straps.delete(strapId);
    return this.store.unpairStrap(strapId);
  }

  private claimStored(sessionId: string, memberId: string, via: string): ClaimOutcome {
    const stored = this.store.get(sessionId);
    if (!stored) return { ok: false, code: 'unknown_session', message: `No session ${sessionId}.` };
    if (stored.memberId === memberId) return { ok: true, outcome: 'already_yours', sessionId };
    if (stored.memberId !== null) return { ok: false, code: 'taken', message: 'This session already belongs to a member.' };
    const now = this.deps.clock.now();
    const payload = this.payloadOf({ ...stored, memberId }, stored.sessionId, via);
    payload.claimOf = stored.sessionId;
    const entry = this.deps.journal.append({ type: 'equipment_session', occurredAt: now, payload }, ({ eventId }) => {
      if (!this.store.claim(sessionId, memberId, eventId, now, via)) throw new Error(`session ${sessionId} was claimed meanwhile`);
    });
    this.deps.log.info({ sessionId, via, eventId: entry.eventId }, 'finished session claimed');
    this.deps.floor.emit('session', this.sessionOf(entry.eventId, { ...stored, memberId }));
    return { ok: true, outcome: 'claimed', sessionId };
  }

  /** A claim on a machine's running or next session is a fact before it is an answer (kept on the box only). */
  private journalClaim(claim: MachineClaimPayload, now: Date): void {
    this.deps.journal.append({ type: 'machine_claim', occurredAt: now, payload: claim });
  }

  /**
   * A finished session handed over by an equipment bridge: stored like one this box detected (journal, session row,
   * no samples) so it counts, and can be claimed, like any other.
   */
  async ingestFinished(input: FinishedSession): Promise<EquipmentSession> {
    const sessionId = uuidv7();
    const session = { ...input, equipmentName: input.equipmentName ?? input.equipmentId, startedAt: new Date(input.startedAt), endedAt: new Date(input.endedAt) };
    const via = session.memberId ? 'bridge' : null;
    const payload = this.payloadOf(session, sessionId, via);
    // Bridges hand over sessions in bursts: group commit, answered once on disk.
    const entry = await this.deps.journal.appendBuffered({ type: 'equipment_session', occurredAt: session.endedAt, payload }, ({ eventId }) =>
      this.store.insert({ ...session, sessionId, eventId, claimedVia: via }, []),
    );
    const shown = this.sessionOf(entry.eventId, session);
    this.deps.floor.emit('session', shown);
    return shown;
  }

  private handle(events: DetectorEvent[]): void {
    for (const event of events) {
      if (event.type === 'started') {
        const waiting = event.memberId ? null : this.pending.take(event.equipmentId, event.at);
        if (waiting) {
          this.detector.assign(event.equipmentId, waiting);
          this.via.set(event.equipmentId, 'tap-before-start');
        } else if (!event.memberId) {
          this.via.delete(event.equipmentId);
        }
      } else if (event.type === 'ended') {
        this.save(event.session);
      } else {
        this.deps.log.debug({ equipmentId: event.equipmentId }, 'session too short: discarded');
      }
    }
  }

  /** Journal first (with the session row and samples in the same transaction), then tell the floor. */
  private save(session: DetectedSession): void {
    const sessionId = uuidv7();
    const via = session.memberId ? (this.via.get(session.equipmentId) ?? 'adapter') : null;
    this.via.delete(session.equipmentId);
    const payload = this.payloadOf(session, sessionId, via);
    try {
      const entry = this.deps.journal.append({ type: 'equipment_session', occurredAt: session.endedAt, payload }, ({ eventId }) =>
        this.store.insert({ ...session, sessionId, eventId, claimedVia: via }, session.samples),
      );
      this.deps.floor.emit('session', this.sessionOf(entry.eventId, session));
    } catch (error) {
      // Kept in memory and retried on the next tick: a full disk must not eat a member's workout.
      this.deps.log.error({ err: error, equipmentId: session.equipmentId }, 'session summary could not be stored; will retry');
      this.unsaved.push(session);
    }
  }

  private payloadOf(
    session: Pick<DetectedSession, 'equipmentId' | 'equipmentName' | 'equipmentType' | 'memberId' | 'startedAt' | 'endedAt' | 'summary'>,
    sessionId: string,
    via: string | null,
  ): EquipmentSessionPayload {
    const s = session.summary;
    return {
      sessionId,
      equipmentId: session.equipmentId,
      equipmentName: session.equipmentName,
      equipmentType: session.equipmentType,
      memberId: session.memberId,
      locationId: this.deps.locationId,
      startedAt: session.startedAt.toISOString(),
      endedAt: session.endedAt.toISOString(),
      summary: s,
      data: { distance: s.distanceM, time: s.durationS, avgPower: s.avgPowerW },
      claimedVia: via,
    };
  }

  private sessionOf(
    eventId: string,
    session: Pick<DetectedSession, 'equipmentId' | 'equipmentName' | 'equipmentType' | 'memberId' | 'startedAt' | 'endedAt' | 'summary'>,
  ): EquipmentSession {
    return {
      eventId,
      equipmentId: session.equipmentId,
      equipmentName: session.equipmentName,
      equipmentType: session.equipmentType,
      memberId: session.memberId,
      startedAt: session.startedAt.toISOString(),
      endedAt: session.endedAt.toISOString(),
      summary: session.summary,
    };
  }

  /** An accepted member's straps (config `sessions.straps`) pair with them at check-in. */
  pairStrapsAtCheckIn(result: CheckInResult, payload: CheckInPayload): void {
    if (result.decision !== 'accepted' || !payload.memberId) return;
    for (const strap of this.deps.config.straps) {
      if (this.deps.memberByBadge(strap.badge) !== payload.memberId) continue;
      this.store.pairStrap(strap.strapId, payload.memberId, this.deps.clock.now(), `checkin:${result.eventId}`);
      this.straps.set(strap.strapId, payload.memberId);
      this.deps.log.info({ strapId: strap.strapId }, 'strap paired at check-in');
    }
  }
}

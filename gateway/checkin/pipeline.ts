import type { CheckInResult, Wod } from '../../shared/checkin.js';
import type { MemberNotification } from '../../shared/live.js';
import type { AccessWindow, FloorgateConfig } from '../config/schema.js';
import type { FloorEvents } from '../floor-events.js';
import type { Logger } from '../log.js';
import { displayName, type Member } from '../members/member.js';
import type { RosterStore } from '../members/roster-store.js';
import type { OccupancyTracker } from '../occupancy/tracker.js';
import type { AlertStore } from '../staff/alerts.js';
import { isDiskFull } from '../store/database.js';
import type { Journal } from '../store/journal.js';
import type { Clock } from '../time/clock.js';
import { localTime } from '../time/local-time.js';
import type { CloudClient } from '../uplink/cloud-client.js';
import type { WodStore } from '../wods/wod-store.js';
import type { LastAdmissions } from './admissions.js';
import { normalizeBadge } from './badge.js';
import { decide, type Verdict } from './decide.js';
import type { CheckInAttempt, CheckInPayload } from './payload.js';
import { withPersonalizedWod } from './personalized-wod.js';
import { denialReason } from './reasons.js';

export interface CheckInPipelineDeps {
  config: FloorgateConfig;
  clock: Clock;
  log: Logger;
  roster: RosterStore;
  journal: Journal;
  wods: WodStore;
  alerts: AlertStore;
  occupancy: OccupancyTracker;
  /** The gym's opening hours and capacity as they are now (the config file's, or set in the staff console). */
  gym: { current(): { openingHours: AccessWindow[]; capacity: number | null } };
  /** Last accepted check-in per member, for anti-passback. */
  admissions: LastAdmissions;
  /** The cloud, when one is configured: its personalized WOD, and a nudge to forward the new fact. */
  cloud: { client: CloudClient; isOnline(): boolean; kick(): void } | null;
  /** Pairs the heart-rate straps a member wears with them (sessions). */
  pairStraps(result: CheckInResult, payload: CheckInPayload): void;
  /** Opens the doors an accepted check-in is for, at once; records its own outcome and never throws. */
  doors: { openFor(result: CheckInResult, payload: CheckInPayload): Promise<unknown> };
  /** Committed check-ins are told to the floor. */
  floor: FloorEvents;
  /** Where a check-in is shown: the entrance screens, and the member's own room. */
  show: { entrance(result: CheckInResult): void; member(memberId: string, note: MemberNotification): void };
}

const RECENT_KEPT = 5;

/**
 * The check-in path, the one every reader and screen takes:
 *
 *   normalize → decide (pure) → commit (journal + outbox, one transaction)
 *     → follow-ups on the stored fact (door, strap pairing, the cloud) → personalized WOD → entrance + member's room
 *
 * Nothing after the commit may turn a stored decision into an error for the member.
 */
export class CheckInPipeline {
  private readonly shown: CheckInResult[] = [];
  private diskFullAlerted = false;

  constructor(private readonly deps: CheckInPipelineDeps) {}

  async checkIn(attempt: CheckInAttempt): Promise<CheckInResult> {
    const { result, payload } = this.decideAndCommit(attempt);
    this.followUp(result, payload);
    const { cloud, config, log } = this.deps;
    const shown = await withPersonalizedWod(result, payload, {
      client: cloud?.client ?? null,
      online: cloud?.isOnline() ?? false,
      timeoutMs: config.cloud.checkInTimeoutMs,
      log,
    });
    this.show(shown, payload);
    return shown;
  }

  /** A badge from a reader: nobody waits for the answer, so a check-in that could not be stored is logged. */
  fromReader(attempt: CheckInAttempt): void {
    this.checkIn(attempt).catch((error: unknown) => this.deps.log.error({ err: error, source: attempt.source }, 'check-in from a reader could not be stored'));
  }

  /** The last check-ins shown at the entrance, newest first (a screen's snapshot). */
  recent(): CheckInResult[] {
    return this.shown;
  }

  /** Normalize, look up, decide, and commit — synchronous, so the decision is on disk before anything else runs. */
  decideAndCommit(attempt: CheckInAttempt): { result: CheckInResult; payload: CheckInPayload } {
    const { config, clock, roster, admissions, occupancy, cloud } = this.deps;
    const now = clock.now();
    const badge = normalizeBadge(attempt.badge, config.checkin.badgeFormat);
    const member = attempt.staff ? roster.findById(attempt.staff.memberId) : badge ? roster.findByBadge(badge) : null;
    const rulesSay = this.verdictFor(member, now);
    const overrode = attempt.staff?.override && rulesSay.decision === 'denied' ? rulesSay.code : null;
    const verdict: Verdict = overrode ? { decision: 'accepted' } : rulesSay;
    const payload: CheckInPayload = {
      memberId: member?.id ?? null,
      locationId: config.location.id,
      badgeId: badge,
      method: attempt.method,
      decision: verdict.decision,
      ...(verdict.decision === 'denied' ? { reason: verdict.code } : {}),
      decidedAt: now.toISOString(),
      offline: !(cloud?.isOnline() ?? false),
      source: attempt.source,
      ...(attempt.staff && overrode ? { override: { reason: attempt.staff.reason, by: attempt.staff.by, overrode } } : {}),
      ...(attempt.staff && !overrode ? { staffNote: { reason: attempt.staff.reason, by: attempt.staff.by } } : {}),
    };

    const entry = this.commit(payload, now);

    const result: CheckInResult = {
      eventId: entry.eventId,
      decision: verdict.decision,
      member: member ? { displayName: displayName(member) } : null,
      decidedAt: payload.decidedAt,
    };
    if (verdict.decision === 'denied') {
      result.reason = denialReason(verdict.code, verdict.details, config.location.timezone);
    } else {
      const wod = this.todaysWod(now);
      if (wod) result.wod = wod;
      admissions.admit({ memberId: member!.id, at: now });
      occupancy.admit({ memberId: member!.id, at: now });
    }
    return { result, payload };
  }

  /** What the rules say about this member now: the door's decision, without committing anything (the front desk asks). */
  verdictFor(member: Member | null, now: Date): Verdict {
    const { config, admissions, occupancy, gym } = this.deps;
    const { openingHours, capacity } = gym.current();
    return decide(
      { member, lastAcceptedAt: member ? admissions.lastAt(member.id, now) : null, occupancy: occupancy.count() },
      {
        timezone: config.location.timezone,
        openingHours,
        capacity,
        antiPassbackMinutes: config.checkin.antiPassbackMinutes,
      },
      now,
    );
  }

  /** Journal first. A full disk refuses the check-in (the member must hear it) and tells staff until it passes. */
  private commit(payload: CheckInPayload, now: Date) {
    const { journal, alerts } = this.deps;
    try {
      const entry = journal.append({ type: 'check_in', occurredAt: now, payload });
      if (this.diskFullAlerted) {
        this.diskFullAlerted = false;
        alerts.resolve('disk_full');
      }
      return entry;
    } catch (error) {
      if (isDiskFull(error)) {
        this.diskFullAlerted = true;
        alerts.raise('disk_full', "The box's disk budget is full: check-ins are being refused. Free space or raise storage.maxDatabaseMB.");
      }
      throw error;
    }
  }

  private followUp(result: CheckInResult, payload: CheckInPayload): void {
    const { log, cloud, floor, doors } = this.deps;
    log.info({ eventId: result.eventId, decision: result.decision, reason: payload.reason, source: payload.source }, 'check-in');
    try {
      // First and not awaited: the member is at the handle; the door's outcome is its own fact (gateway/doors).
      doors.openFor(result, payload).catch((error: unknown) => log.error({ err: error, eventId: result.eventId }, 'opening a door failed'));
      this.deps.pairStraps(result, payload);
      floor.emit('checkin', result, payload);
      cloud?.kick();
    } catch (error) {
      log.error({ err: error, eventId: result.eventId }, 'after a stored check-in, a follow-up failed');
    }
  }

  private show(result: CheckInResult, payload: CheckInPayload): void {
    this.shown.unshift(result);
    this.shown.length = Math.min(this.shown.length, RECENT_KEPT);
    const { show, config } = this.deps;
    show.entrance(result);
    if (payload.memberId && result.decision === 'accepted') {
      const at = localTime(new Date(result.decidedAt), config.location.timezone).hhmm;
      const wod = result.wod ? (result.wod.restDay ? ' Today is a rest day.' : ` Today's WOD: ${result.wod.title}.`) : '';
      show.member(payload.memberId, { id: result.eventId, at: result.decidedAt, text: `Checked in at ${at}.${wod}` });
    }
  }

  private todaysWod(now: Date): Wod | null {
    const { config, wods } = this.deps;
    return wods.get(config.location.id, localTime(now, config.location.timezone).date);
  }
}

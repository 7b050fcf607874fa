import type { CheckInMethod, CheckInResult, DenialCode, Wod } from '../../shared/checkin.js';
import type { FloorgateConfig } from '../config/schema.js';
import { normalizeBadge } from './badge.js';
import { decide } from './decide.js';
import { denialReason } from './reasons.js';
import type { Clock } from '../time/clock.js';
import { localTime } from '../time/local-time.js';
import { displayName } from '../members/member.js';
import type { OccupancyTracker } from '../occupancy/tracker.js';
import type { LastAdmissions } from './admissions.js';
import type { Journal } from '../store/journal.js';
import type { RosterStore } from '../members/roster-store.js';
import type { WodStore } from '../wods/wod-store.js';

/** The `check_in` event as it leaves the box (cloud-api.md, POST /check-in and /events/batch). */
export interface CheckInPayload {
  memberId: string | null;
  locationId: string;
  badgeId: string;
  method: CheckInMethod;
  decision: 'accepted' | 'denied';
  reason?: DenialCode;
  decidedAt: string;
  /** True when the box decided without the cloud reachable. */
  offline: boolean;
  /** Which reader or screen the badge came from. */
  source: string;
}

export interface CheckInAttempt {
  badge: string;
  method: CheckInMethod;
  source: string;
}

export interface CheckInDeskDeps {
  config: FloorgateConfig;
  clock: Clock;
  roster: RosterStore;
  /** Last accepted check-in per member, for anti-passback. */
  admissions: LastAdmissions;
  journal: Journal;
  wods: WodStore;
  occupancy: OccupancyTracker;
  isOnline: () => boolean;
  /** Told after the decision is committed, to show it and pass it on. */
  onDecided: (result: CheckInResult, payload: CheckInPayload) => void;
}

/**
 * The one path every check-in takes, from any reader or screen:
 * normalize → look up → decide (pure) → commit to the journal → then show.
 */
export class CheckInDesk {
  constructor(private readonly deps: CheckInDeskDeps) {}

  /** Decides and commits. `onPayload` receives the event as it will leave the box (for the cloud call). */
  checkIn(attempt: CheckInAttempt, onPayload?: (payload: CheckInPayload) => void): CheckInResult {
    const { config, clock, roster, admissions, journal, occupancy } = this.deps;
    const now = clock.now();
    const badge = normalizeBadge(attempt.badge, config.checkin.badgeFormat);
    const member = badge ? roster.findByBadge(badge) : null;
    const verdict = decide(
      {
        member,
        lastAcceptedAt: member ? admissions.lastAt(member.id, now) : null,
        occupancy: occupancy.count(),
      },
      {
        timezone: config.location.timezone,
        openingHours: config.location.openingHours,
        capacity: config.location.capacity,
        antiPassbackMinutes: config.checkin.antiPassbackMinutes,
      },
      now,
    );
    const code = verdict.decision === 'denied' ? verdict.code : undefined;
    const payload: CheckInPayload = {
      memberId: member?.id ?? null,
      locationId: config.location.id,
      badgeId: badge,
      method: attempt.method,
      decision: verdict.decision,
      ...(code ? { reason: code } : {}),
      decidedAt: now.toISOString(),
      offline: !this.deps.isOnline(),
      source: attempt.source,
    };

    // Journal first: the member sees nothing that is not on disk.
    const entry = journal.append({ type: 'check_in', occurredAt: now, payload });

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
    onPayload?.(payload);
    this.deps.onDecided(result, payload);
    return result;
  }

  private todaysWod(now: Date): Wod | null {
    const { config, wods } = this.deps;
    return wods.get(config.location.id, localTime(now, config.location.timezone).date);
  }
}

import type { DenialCode, DenialReason } from '../../shared/checkin.js';
import type { AccessWindow } from '../config/schema.js';
import { localTime } from '../time/local-time.js';
import type { DenialDetails } from './decide.js';

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function describeDays(days: number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  if (sorted.length === 7) return 'Every day';
  const isRun = sorted.every((d, i) => i === 0 || d === sorted[i - 1]! + 1);
  if (isRun && sorted.length > 2) return `${DAY_NAMES[sorted[0]!]}–${DAY_NAMES[sorted[sorted.length - 1]!]}`;
  return sorted.map((d) => DAY_NAMES[d]).join(', ');
}

export function describeWindows(windows: AccessWindow[]): string {
  return windows.map((w) => `${describeDays(w.days)} ${w.from}–${w.to}`).join('; ');
}

function formatDate(isoDate: string): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** The words a member reads at the door: what happened, and what they can do about it. */
export function denialReason(code: DenialCode, details: DenialDetails, timezone: string): DenialReason {
  switch (code) {
    case 'unknown_badge':
      return {
        code,
        message: "We don't recognise this badge.",
        action: 'Please see the front desk to register your badge.',
      };
    case 'membership_expired':
      return {
        code,
        message: details.validUntil
          ? `Your membership expired on ${formatDate(details.validUntil)}.`
          : 'Your membership has expired.',
        action: 'Renew it at the front desk or in the app, then scan again.',
      };
    case 'membership_frozen':
      return {
        code,
        message: 'Your membership is frozen.',
        action: 'Ask the front desk to unfreeze it — it takes a minute.',
      };
    case 'membership_suspended':
      return {
        code,
        message: 'Your membership is suspended.',
        action: 'Please speak to a member of staff.',
      };
    case 'waiver_missing':
      return {
        code,
        message: 'We need your signed waiver before you train.',
        action: 'Sign it at the front desk or in the app, then scan again.',
      };
    case 'outside_access_hours':
      return {
        code,
        message: "Your membership doesn't include access at this time.",
        action: details.windows?.length
          ? `Your access hours: ${describeWindows(details.windows)}. Ask the front desk about upgrading.`
          : 'Ask the front desk about your access hours.',
      };
    case 'anti_passback': {
      const at = details.lastAcceptedAt ? localTime(new Date(details.lastAcceptedAt), timezone).hhmm : null;
      return {
        code,
        message: at ? `This badge was already used to check in at ${at}.` : 'This badge was just used to check in.',
        action: 'Each member checks in with their own badge. If this is a mistake, ask staff.',
      };
    }
    case 'capacity_full':
      return {
        code,
        message: details.capacity
          ? `The gym is full right now (${details.capacity} people).`
          : 'The gym is full right now.',
        action: 'Please wait a few minutes and scan again — someone will be leaving soon.',
      };
  }
}

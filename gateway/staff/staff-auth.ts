import type { Logger } from '../log.js';
import type { Clock } from '../time/clock.js';
import type { AlertStore } from './alerts.js';
import { DEFAULT_PIN_THROTTLE, StaffAuth } from './sessions.js';

/**
 * The box's staff credentials, wired to what staff see: a PIN shorter than 6 digits works but
 * is warned about in the log and on the staff status; PIN guessing is logged and raised as an alert.
 */
export function createStaffAuth(deps: { staffToken: string; pin: string | null; clock: Clock; log: Logger; alerts: AlertStore }): StaffAuth {
  const log = deps.log.child({ part: 'staff' });
  const auth = new StaffAuth(deps.staffToken, deps.pin, deps.clock, {
    wrongPin: (failures) => {
      log.warn({ failures }, 'wrong staff PIN');
      if (failures > DEFAULT_PIN_THROTTLE.freeTries) {
        deps.alerts.raise('staff_pin_guessing', `${failures} wrong staff PINs in a row: someone may be guessing. PIN sign-in is slowed for the whole box; the staff token still works.`);
      }
    },
    rightPin: () => deps.alerts.resolve('staff_pin_guessing'),
  });
  if (auth.pinIsShort()) {
    const message = 'The staff PIN is shorter than 6 digits: easy to guess. Set a longer FLOORGATE_STAFF_PIN.';
    log.warn(message);
    deps.alerts.raise('staff_pin_short', message);
  } else {
    deps.alerts.resolve('staff_pin_short');
  }
  return auth;
}

import type { DeviceState, UplinkState } from '../../../shared/status.js';

/** The four states an integration card shows (seed 003's cards: Configure / Connecting / Connected / Error). */
export type CardState = 'Configure' | 'Connecting' | 'Connected' | 'Error';

export function uplinkCardState(state: UplinkState): CardState {
  switch (state) {
    case 'standalone':
      return 'Configure';
    case 'online':
    case 'rate_limited': // connected, only paused by the cloud's limit
      return 'Connected';
    case 'offline':
    case 'circuit_open':
      return 'Connecting';
    case 'auth_error':
      return 'Error';
  }
}

/**
 * A device's card: Error when it is down with a known problem (a serial port that disappeared, a radio that is off),
 * so staff see it at once; Connecting while it merely reopens.
 */
export function deviceCardState(state: DeviceState, problem?: unknown): CardState {
  switch (state) {
    case 'ok':
      return 'Connected';
    case 'connecting':
    case 'disconnected':
      return problem ? 'Error' : 'Connecting';
    case 'unavailable':
    case 'error':
      return 'Error';
  }
}

export const UPLINK_WORDS: Record<UplinkState, string> = {
  standalone: 'Standalone — nothing is sent anywhere.',
  online: 'Sending to the cloud.',
  offline: 'The cloud cannot be reached: events wait on the box and go when it is back.',
  rate_limited: 'The cloud asked us to slow down: sending resumes by itself.',
  auth_error: 'The cloud refused the API key: nothing is sent until the key is replaced.',
  circuit_open: 'The cloud keeps failing: the box waits a little before trying again.',
};

import { encodeFrame, type CsafeAddress } from './frame.js';

/**
 * CSAFE command identifiers the gateway uses (Concept2 PM CSAFE Communication Definition rev 0.27, "Public short
 * commands" and "C2 proprietary short commands"; the same ids as the public CSAFE specification). Identifiers
 * 0x80–0xFF are short commands (no data); 0x00–0x7F are long commands followed by a byte count and data.
 */
export const CSAFE = {
  GETSTATUS: 0x80,
  RESET: 0x81,
  GOIDLE: 0x82,
  GOINUSE: 0x85,
  GOFINISHED: 0x86,
  GOREADY: 0x87,
  GETVERSION: 0x91,
  GETID: 0x92,
  GETSERIAL: 0x94,
  GETODOMETER: 0x9b,
  /** Work time as hours, minutes, seconds. */
  GETTWORK: 0xa0,
  /** Horizontal distance, 16 bits + units specifier. */
  GETHORIZONTAL: 0xa1,
  GETCALORIES: 0xa3,
  /** Stroke pace, 16 bits + units specifier (the PM answers in seconds per km). */
  GETPACE: 0xa6,
  /** Stroke rate, 16 bits + units specifier. */
  GETCADENCE: 0xa7,
  GETHRCUR: 0xb0,
  /** Stroke watts, 16 bits + units specifier. */
  GETPOWER: 0xb4,
  /** Wrapper for PM-specific commands inside public CSAFE. */
  SETUSERCFG1: 0x1a,
} as const;

/** PM-specific commands, sent inside the CSAFE_SETUSERCFG1 (0x1A) wrapper. */
export const CSAFE_PM = {
  /** Work time in 0.01 s, 32 bits LSB first, + fractional byte. */
  GET_WORKTIME: 0xa0,
  /** Work distance in 0.1 m, 32 bits LSB first, + fractional byte. */
  GET_WORKDISTANCE: 0xa3,
  GET_WORKOUTTYPE: 0x89,
  GET_WORKOUTSTATE: 0x8d,
  GET_STROKESTATE: 0xbf,
} as const;

/** Wrapper identifiers whose response data holds nested command responses. */
export const WRAPPERS: ReadonlySet<number> = new Set([CSAFE.SETUSERCFG1, 0x76, 0x77, 0x7e, 0x7f]);

export type CsafeCommand =
  | { id: number; data?: Uint8Array }
  | { wrapper: number; commands: Array<{ id: number; data?: Uint8Array }> };

function commandBytes(command: { id: number; data?: Uint8Array }): number[] {
  if (command.id >= 0x80) return [command.id]; // short: the id alone
  const data = command.data ?? new Uint8Array(0);
  return [command.id, data.length, ...data];
}

/** The frame contents for a list of commands, wrappers included. */
export function commandContents(commands: CsafeCommand[]): Buffer {
  const out: number[] = [];
  for (const command of commands) {
    if ('wrapper' in command) {
      const inner = command.commands.flatMap(commandBytes);
      out.push(command.wrapper, inner.length, ...inner);
    } else {
      out.push(...commandBytes(command));
    }
  }
  return Buffer.from(out);
}

/** A complete request frame (standard, or extended when an address is given). */
export function buildCommandFrame(commands: CsafeCommand[], address?: CsafeAddress): Buffer {
  return encodeFrame(commandContents(commands), address);
}

/**
 * What the gateway asks a PM on every poll: work time and distance at full resolution (PM-specific), pace,
 * stroke rate, power, calories, heart rate. One frame, one answer; the answer's status byte carries the state.
 */
export const MONITOR_POLL: CsafeCommand[] = [
  { wrapper: CSAFE.SETUSERCFG1, commands: [{ id: CSAFE_PM.GET_WORKTIME }, { id: CSAFE_PM.GET_WORKDISTANCE }] },
  { id: CSAFE.GETPACE },
  { id: CSAFE.GETCADENCE },
  { id: CSAFE.GETPOWER },
  { id: CSAFE.GETCALORIES },
  { id: CSAFE.GETHRCUR },
];

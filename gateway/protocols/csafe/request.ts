import { err, ok, type Result } from '../result.js';
import { decodeFrame, hex, type CsafeAddress } from './frame.js';

/**
 * Frames sent *to* the monitor (host → PM): the `csafe-request` codec, the mirror of response.ts. Frame
 * contents are commands: ids 0x80–0xFF are short (the id alone), 0x00–0x7F are long (id, byte count, data).
 * Wrapper commands carry PM-specific commands in their data, by the same short/long rule (Concept2 PM CSAFE
 * Communication Definition rev 0.27, "Command structure" and "C2 proprietary commands").
 *
 * Command names are the public CSAFE specification's (Fitlinxx CSAFE Protocol Technical Specification v1.x,
 * command tables) and, inside 0x1A, Concept2's as used by PyRow `csafe_dic.py`. Wrapped ids this table does
 * not know are shown by number, so nothing is hidden or guessed.
 */
export interface CsafeRequestCommand {
  id: number;
  /** e.g. GETPACE, or PM_GET_WORKTIME inside a wrapper; `0xNN` when unknown. */
  name: string;
  /** Long commands only. */
  data?: number[];
  /** Wrappers only: the PM-specific commands inside. */
  commands?: CsafeRequestCommand[];
}

export interface CsafeRequest {
  frame: 'standard' | 'extended';
  address?: CsafeAddress;
  commands: CsafeRequestCommand[];
}

const PUBLIC: Record<number, string> = {
  0x01: 'AUTOUPLOAD', 0x02: 'UPLIST', 0x04: 'UPSTATUSSEC', 0x05: 'UPLISTSEC', 0x10: 'IDDIGITS', 0x11: 'SETTIME',
  0x12: 'SETDATE', 0x13: 'SETTIMEOUT', 0x1a: 'SETUSERCFG1', 0x1b: 'SETUSERCFG2', 0x20: 'SETTWORK',
  0x21: 'SETHORIZONTAL', 0x22: 'SETVERTICAL', 0x23: 'SETCALORIES', 0x24: 'SETPROGRAM', 0x25: 'SETSPEED',
  0x28: 'SETGRADE', 0x29: 'SETGEAR', 0x2b: 'SETUSERINFO', 0x2c: 'SETTORQUE', 0x2d: 'SETLEVEL', 0x30: 'SETTARGETHR',
  0x32: 'SETGOAL', 0x33: 'SETMETS', 0x34: 'SETPOWER', 0x35: 'SETHRZONE', 0x36: 'SETHRMAX', 0x40: 'SETCHANNELRANGE',
  0x41: 'SETVOLUMERANGE', 0x42: 'SETAUDIOMUTE', 0x43: 'SETAUDIOCHANNEL', 0x44: 'SETAUDIOVOLUME', 0x70: 'GETCAPS',
  0x71: 'APPENDTEXT', 0x72: 'GETTEXTSTATUS', 0x76: 'SETPMCFG', 0x77: 'SETPMDATA', 0x7e: 'GETPMCFG', 0x7f: 'GETPMDATA',
  0x80: 'GETSTATUS', 0x81: 'RESET', 0x82: 'GOIDLE', 0x83: 'GOHAVEID', 0x85: 'GOINUSE', 0x86: 'GOFINISHED',
  0x87: 'GOREADY', 0x88: 'BADID', 0x91: 'GETVERSION', 0x92: 'GETID', 0x93: 'GETUNITS', 0x94: 'GETSERIAL',
  0x98: 'GETLIST', 0x99: 'GETUTILIZATION', 0x9a: 'GETMOTORCURRENT', 0x9b: 'GETODOMETER', 0x9c: 'GETERRORCODE',
  0x9d: 'GETSERVICECODE', 0x9e: 'GETUSERCFG1', 0x9f: 'GETUSERCFG2', 0xa0: 'GETTWORK', 0xa1: 'GETHORIZONTAL',
  0xa2: 'GETVERTICAL', 0xa3: 'GETCALORIES', 0xa4: 'GETPROGRAM', 0xa5: 'GETSPEED', 0xa6: 'GETPACE', 0xa7: 'GETCADENCE',
  0xa8: 'GETGRADE', 0xa9: 'GETGEAR', 0xaa: 'GETUPLIST', 0xab: 'GETUSERINFO', 0xac: 'GETTORQUE', 0xb0: 'GETHRCUR',
  0xb2: 'GETHRTZONE', 0xb3: 'GETMETS', 0xb4: 'GETPOWER', 0xb5: 'GETHRAVG', 0xb6: 'GETHRMAX', 0xbe: 'GETUSERDATA1',
  0xbf: 'GETUSERDATA2',
};

/** Inside SETUSERCFG1 (0x1A): Concept2's PM3/PM4 proprietary commands. */
const PM_IN_1A: Record<number, string> = {
  0x05: 'PM_SET_SPLITDURATION', 0x27: 'PM_SET_SCREENERRORMODE', 0x6b: 'PM_GET_FORCEPLOTDATA',
  0x6c: 'PM_GET_HEARTBEATDATA', 0x89: 'PM_GET_WORKOUTTYPE', 0x8d: 'PM_GET_WORKOUTSTATE', 0x8e: 'PM_GET_INTERVALTYPE',
  0x9f: 'PM_GET_WORKOUTINTERVALCOUNT', 0xa0: 'PM_GET_WORKTIME', 0xa3: 'PM_GET_WORKDISTANCE', 0xbf: 'PM_GET_STROKESTATE',
  0xc1: 'PM_GET_DRAGFACTOR', 0xc9: 'PM_GET_ERRORVALUE', 0xcf: 'PM_GET_RESTTIME',
};

/** The wrappers whose data is a list of PM-specific commands, and the names known inside each. */
const WRAPPED: Record<number, Record<number, string>> = { 0x1a: PM_IN_1A, 0x76: {}, 0x77: {}, 0x7e: {}, 0x7f: {} };

function nameOf(id: number, table: Record<number, string>, wrapper?: number): string {
  return table[id] ?? (wrapper === undefined ? `0x${hex(id)}` : `${PUBLIC[wrapper]}/0x${hex(id)}`);
}

/** Reads commands between two offsets; wrappers are opened once (a wrapper inside a wrapper is refused). */
function readCommands(c: Uint8Array, from: number, to: number, wrapper: number | undefined, out: CsafeRequestCommand[]): string | null {
  const table = wrapper === undefined ? PUBLIC : WRAPPED[wrapper]!;
  let i = from;
  while (i < to) {
    const id = c[i]!;
    const command: CsafeRequestCommand = { id, name: nameOf(id, table, wrapper) };
    if (id >= 0x80) {
      out.push(command);
      i += 1;
      continue;
    }
    if (i + 2 > to) return `command ${command.name} at offset ${i} has no byte count`;
    const count = c[i + 1]!;
    if (i + 2 + count > to) return `command ${command.name} at offset ${i} says ${count} data bytes, only ${to - i - 2} left`;
    if (wrapper === undefined && Object.hasOwn(WRAPPED, id)) {
      command.commands = [];
      const inner = readCommands(c, i + 2, i + 2 + count, id, command.commands);
      if (inner) return inner;
    } else {
      command.data = [...c.subarray(i + 2, i + 2 + count)];
    }
    out.push(command);
    i += 2 + count;
  }
  return null;
}

/** One request frame (flags included) → its commands, named. A bad checksum names the one it should have had. */
export function decodeCsafeRequest(bytes: Uint8Array): Result<CsafeRequest> {
  const frame = decodeFrame(bytes);
  if (!frame.ok) return frame;
  const contents = frame.value.contents;
  if (contents.length === 0) return err('request frame carries no command');
  const commands: CsafeRequestCommand[] = [];
  const problem = readCommands(contents, 0, contents.length, undefined, commands);
  if (problem) return err(problem);
  const request: CsafeRequest = { frame: frame.value.kind, commands };
  if (frame.value.address) request.address = frame.value.address;
  return ok(request);
}

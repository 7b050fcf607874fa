import { err, ok, type Result } from '../result.js';
import { round } from '../units.js';
import { CSAFE, CSAFE_PM, WRAPPERS } from './commands.js';
import { decodeFrame, hex, view, type CsafeAddress } from './frame.js';

/** CSAFE state machine states (Concept2 rev 0.27 table 9; public CSAFE spec "Status"). */
export type CsafeState =
  | 'error'
  | 'ready'
  | 'idle'
  | 'have_id'
  | 'in_use'
  | 'paused'
  | 'finished'
  | 'manual'
  | 'offline'
  | 'unknown';

const STATES: Record<number, CsafeState> = {
  0x0: 'error',
  0x1: 'ready',
  0x2: 'idle',
  0x3: 'have_id',
  0x5: 'in_use',
  0x6: 'paused',
  0x7: 'finished',
  0x8: 'manual',
  0x9: 'offline',
};

const PREVIOUS_FRAME = ['ok', 'reject', 'bad', 'not_ready'] as const;

export interface CsafeStatus {
  /** Bit 7: flips on every frame the PM accepts, so a host can tell a repeated answer from a new one. */
  frameToggle: 0 | 1;
  /** Bits 5–4: what the PM made of the host's previous frame. */
  previousFrame: (typeof PREVIOUS_FRAME)[number];
  /** Bits 3–0. */
  state: CsafeState;
}

export function parseStatusByte(byte: number): CsafeStatus {
  return {
    frameToggle: byte & 0x80 ? 1 : 0,
    previousFrame: PREVIOUS_FRAME[(byte >> 4) & 0x03]!,
    state: STATES[byte & 0x0f] ?? 'unknown',
  };
}

export interface CsafeCommandResponse {
  command: number;
  /** Set for PM-specific responses: the wrapper they came in (0x1A…). */
  wrapper?: number;
  data: Buffer;
}

export interface CsafeResponse {
  status: CsafeStatus;
  responses: CsafeCommandResponse[];
}

/** Reads `command, byte count, data` blocks between two offsets; wrapped blocks are opened once. */
function readBlocks(contents: Buffer, from: number, to: number, wrapper: number | undefined, out: CsafeCommandResponse[]): string | null {
  let i = from;
  while (i < to) {
    const command = contents[i]!;
    if (i + 2 > to) return `response ${hex(command)} at offset ${i} has no byte count`;
    const count = contents[i + 1]!;
    if (i + 2 + count > to) return `response ${hex(command)} at offset ${i} says ${count} data bytes, only ${to - i - 2} left`;
    if (wrapper === undefined && WRAPPERS.has(command)) {
      const inner = readBlocks(contents, i + 2, i + 2 + count, command, out);
      if (inner) return inner;
    } else {
      const response: CsafeCommandResponse = { command, data: contents.subarray(i + 2, i + 2 + count) };
      if (wrapper !== undefined) response.wrapper = wrapper;
      out.push(response);
    }
    i += 2 + count;
  }
  return null;
}

/** Splits response frame contents: status byte, then `command, byte count, data` blocks (wrappers opened). */
export function parseResponseContents(bytes: Uint8Array): Result<CsafeResponse> {
  if (bytes.length === 0) return err('empty response: no status byte');
  const contents = view(bytes);
  const responses: CsafeCommandResponse[] = [];
  const problem = readBlocks(contents, 1, contents.length, undefined, responses);
  if (problem) return err(problem);
  return ok({ status: parseStatusByte(contents[0]!), responses });
}

/** Metrics as the rest of the gateway names them (shared/equipment.ts units). */
export interface CsafeMetrics {
  elapsedS?: number;
  distanceM?: number;
  paceSecPer500m?: number;
  speedMps?: number;
  strokeRateSpm?: number;
  cadenceRpm?: number;
  powerW?: number;
  energyKcal?: number;
  heartRateBpm?: number;
}

export interface CsafeReading {
  frame: 'standard' | 'extended';
  address?: CsafeAddress;
  status: CsafeStatus;
  metrics: CsafeMetrics;
  /** Text answers: serial number (GETSERIAL), user id (GETID). */
  serial?: string;
  userId?: string;
  /** Lifetime meters (GETODOMETER). */
  odometerM?: number;
  /** Responses this codec does not interpret, and values in units it does not know: kept visible, not guessed. */
  ignored: string[];
}

/** CSAFE units specifiers (public CSAFE spec, "Units"): distance in meters per unit. */
const METERS_PER_UNIT: Record<number, number> = {
  0x01: 1609.344, // mile
  0x02: 160.9344, // 0.1 mile
  0x03: 16.09344, // 0.01 mile
  0x04: 1.609344, // 0.001 mile
  0x05: 0.3048, // ft
  0x06: 0.0254, // inch
  0x0a: 3.048, // 10 ft
  0x21: 1000, // km
  0x22: 100, // 0.1 km
  0x23: 10, // 0.01 km
  0x24: 1, // m
  0x25: 0.1, // 0.1 m
  0x26: 0.01, // cm
};
const SECONDS_PER_KM = 0x39;
const SECONDS_PER_MILE = 0x3a;
const MINUTES_PER_KM = 0x38;
const MINUTES_PER_MILE = 0x37;
const STROKES_PER_MINUTE = 0x54;
const CADENCE_UNITS = new Set([0x51 /* steps/min */, 0x52 /* rev/min */, 0x53 /* strides/min */]);
const WATTS = 0x58;

function le16(data: Buffer, from: number): number {
  return data[from]! | (data[from + 1]! << 8);
}

function le32(data: Buffer, from: number): number {
  return (data[from]! | (data[from + 1]! << 8) | (data[from + 2]! << 16) | (data[from + 3]! << 24)) >>> 0;
}

/** True when the response has at least `n` data bytes; otherwise notes it among the ignored. */
function hasBytes(r: CsafeCommandResponse, n: number, ignored: string[]): boolean {
  if (r.data.length >= n) return true;
  ignored.push(`${name(r)}: ${r.data.length} data bytes, expected ${n}`);
  return false;
}

/** Seconds per 500 m from a pace in one of the CSAFE pace units, or null for a unit we do not know. */
function pacePer500m(value: number, unit: number): number | null {
  switch (unit) {
    case SECONDS_PER_KM:
      return value / 2;
    case MINUTES_PER_KM:
      return value * 30;
    case SECONDS_PER_MILE:
      return (value * 500) / 1609.344;
    case MINUTES_PER_MILE:
      return (value * 60 * 500) / 1609.344;
    default:
      return null;
  }
}

/** Turns command responses into metrics; pure, never throws. */
export function interpretResponses(responses: CsafeCommandResponse[], into: CsafeReading): void {
  const { metrics, ignored } = into;
  for (const r of responses) {
    const d = r.data;
    if (r.wrapper !== undefined) {
      if (r.command === CSAFE_PM.GET_WORKTIME && hasBytes(r, 5, ignored)) metrics.elapsedS = round((le32(d, 0) + d[4]!) / 100, 2);
      else if (r.command === CSAFE_PM.GET_WORKDISTANCE && hasBytes(r, 5, ignored)) metrics.distanceM = round((le32(d, 0) + d[4]!) / 10, 1);
      else if (r.command !== CSAFE_PM.GET_WORKTIME && r.command !== CSAFE_PM.GET_WORKDISTANCE) ignored.push(name(r));
      continue;
    }
    switch (r.command) {
      case CSAFE.GETTWORK:
        // Public work time is whole seconds; the PM-specific answer (above) is finer and wins when both come.
        if (hasBytes(r, 3, ignored) && metrics.elapsedS === undefined) metrics.elapsedS = d[0]! * 3600 + d[1]! * 60 + d[2]!;
        break;
      case CSAFE.GETHORIZONTAL:
        if (hasBytes(r, 3, ignored)) {
          const perUnit = METERS_PER_UNIT[d[2]!];
          if (perUnit === undefined) ignored.push(`distance: unknown units specifier ${hex(d[2]!)}`);
          else if (metrics.distanceM === undefined) metrics.distanceM = round(le16(d, 0) * perUnit, 1);
        }
        break;
      case CSAFE.GETPACE:
        if (hasBytes(r, 3, ignored)) {
          const value = le16(d, 0);
          const pace = pacePer500m(value, d[2]!);
          if (pace === null) ignored.push(`pace: unknown units specifier ${hex(d[2]!)}`);
          else if (value > 0) {
            // 0 means "not moving": no pace, no speed (an infinite pace is not a number a screen can show).
            metrics.paceSecPer500m = round(pace, 1);
            metrics.speedMps = round(500 / pace, 3);
          }
        }
        break;
      case CSAFE.GETCADENCE:
        if (hasBytes(r, 3, ignored)) {
          const value = le16(d, 0);
          if (d[2] === STROKES_PER_MINUTE) metrics.strokeRateSpm = value;
          else if (CADENCE_UNITS.has(d[2]!)) metrics.cadenceRpm = value;
          else ignored.push(`cadence: unknown units specifier ${hex(d[2]!)}`);
        }
        break;
      case CSAFE.GETPOWER:
        if (hasBytes(r, 3, ignored)) {
          if (d[2] === WATTS) metrics.powerW = le16(d, 0);
          else ignored.push(`power: units specifier ${hex(d[2]!)} is not watts`);
        }
        break;
      case CSAFE.GETCALORIES:
        if (hasBytes(r, 2, ignored)) metrics.energyKcal = le16(d, 0);
        break;
      case CSAFE.GETHRCUR:
        // 0 bpm is the PM saying "no heart-rate belt": absent, not zero.
        if (hasBytes(r, 1, ignored) && d[0]! > 0) metrics.heartRateBpm = d[0]!;
        break;
      case CSAFE.GETODOMETER:
        if (hasBytes(r, 5, ignored)) {
          const perUnit = METERS_PER_UNIT[d[4]!];
          if (perUnit === undefined) ignored.push(`odometer: unknown units specifier ${hex(d[4]!)}`);
          else into.odometerM = round(le32(d, 0) * perUnit, 1);
        }
        break;
      case CSAFE.GETSERIAL:
        into.serial = ascii(d);
        break;
      case CSAFE.GETID:
        into.userId = ascii(d);
        break;
      case CSAFE.GETSTATUS:
        break; // the status byte of the frame already carries it
      default:
        ignored.push(name(r));
    }
  }
}

function ascii(data: Buffer): string {
  return [...data].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '?')).join('');
}

function name(r: CsafeCommandResponse): string {
  return r.wrapper === undefined ? `response ${hex(r.command)}` : `response ${hex(r.wrapper)}/${hex(r.command)}`;
}

/** One response frame from a PM (flags included) → status and metrics. The `csafe` codec. */
export function decodeCsafeResponse(bytes: Uint8Array): Result<CsafeReading> {
  const frame = decodeFrame(bytes);
  if (!frame.ok) return frame;
  const parsed = parseResponseContents(frame.value.contents);
  if (!parsed.ok) return parsed;
  const reading: CsafeReading = { frame: frame.value.kind, status: parsed.value.status, metrics: {}, ignored: [] };
  if (frame.value.address) reading.address = frame.value.address;
  interpretResponses(parsed.value.responses, reading);
  return ok(reading);
}

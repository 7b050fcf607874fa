import { ByteReader } from './bytes.js';
import type { Result } from './result.js';
import { round } from './units.js';

/** Cycling Power Measurement (0x2A63), Bluetooth SIG Cycling Power Service 1.1 §3.2. */
export interface CyclingPowerMeasurement {
  powerW: number;
  /** Share of power from the reference pedal (left when `pedalPowerBalanceReference` is 'left'). */
  pedalPowerBalancePct?: number;
  pedalPowerBalanceReference?: 'left' | 'unknown';
  accumulatedTorqueNm?: number;
  accumulatedTorqueSource?: 'wheel' | 'crank';
  wheelRevolutions?: number;
  /** Last wheel event time, in 1/2048 s, rolling over at 65536 (raw: cadence math needs the raw counter). */
  lastWheelEventTime2048?: number;
  crankRevolutions?: number;
  /** Last crank event time, in 1/1024 s, rolling over at 65536. */
  lastCrankEventTime1024?: number;
  maxForceN?: number;
  minForceN?: number;
  maxTorqueNm?: number;
  minTorqueNm?: number;
  maxAngleDeg?: number;
  minAngleDeg?: number;
  topDeadSpotAngleDeg?: number;
  bottomDeadSpotAngleDeg?: number;
  accumulatedEnergyKj?: number;
  offsetCompensation?: boolean;
}

const bit = (flags: number, n: number) => (flags & (1 << n)) !== 0;

export function decodeCyclingPower(bytes: Uint8Array): Result<CyclingPowerMeasurement> {
  const r = new ByteReader(bytes);
  const flags = r.uint16('flags');
  const m: CyclingPowerMeasurement = { powerW: r.sint16('instantaneousPower') };
  if (bit(flags, 0)) {
    m.pedalPowerBalancePct = round(r.uint8('pedalPowerBalance') * 0.5, 1);
    m.pedalPowerBalanceReference = bit(flags, 1) ? 'left' : 'unknown';
  }
  if (bit(flags, 2)) {
    m.accumulatedTorqueNm = round(r.uint16('accumulatedTorque') / 32, 3);
    m.accumulatedTorqueSource = bit(flags, 3) ? 'crank' : 'wheel';
  }
  if (bit(flags, 4)) {
    m.wheelRevolutions = r.uint32('cumulativeWheelRevolutions');
    m.lastWheelEventTime2048 = r.uint16('lastWheelEventTime');
  }
  if (bit(flags, 5)) {
    m.crankRevolutions = r.uint16('cumulativeCrankRevolutions');
    m.lastCrankEventTime1024 = r.uint16('lastCrankEventTime');
  }
  if (bit(flags, 6)) {
    m.maxForceN = r.sint16('maximumForce');
    m.minForceN = r.sint16('minimumForce');
  }
  if (bit(flags, 7)) {
    m.maxTorqueNm = round(r.sint16('maximumTorque') / 32, 3);
    m.minTorqueNm = round(r.sint16('minimumTorque') / 32, 3);
  }
  if (bit(flags, 8)) {
    // Two 12-bit angles packed in 3 bytes: maximum in the low 12 bits, minimum in the high 12.
    const packed = r.uint24('extremeAngles');
    m.maxAngleDeg = packed & 0xfff;
    m.minAngleDeg = Math.floor(packed / 4096) & 0xfff;
  }
  if (bit(flags, 9)) m.topDeadSpotAngleDeg = r.uint16('topDeadSpotAngle');
  if (bit(flags, 10)) m.bottomDeadSpotAngleDeg = r.uint16('bottomDeadSpotAngle');
  if (bit(flags, 11)) m.accumulatedEnergyKj = r.uint16('accumulatedEnergy');
  if (bit(flags, 12)) m.offsetCompensation = true;
  return r.result(m);
}

export interface CrankSample {
  crankRevolutions: number;
  lastCrankEventTime1024: number;
}

/** Above this the counters cannot come from one rider between two notifications: treat as a glitch. */
const MAX_PLAUSIBLE_RPM = 250;

/**
 * Cadence from two crank samples (revolution counter and event time, both 16-bit and rolling over).
 * Returns null when no new crank event happened between them (the caller keeps its last cadence, and decides
 * when a long run of nulls means the rider stopped) or when the counters are implausible.
 */
export function crankCadenceRpm(previous: CrankSample, current: CrankSample): number | null {
  const revs = (current.crankRevolutions - previous.crankRevolutions + 0x10000) % 0x10000;
  const ticks = (current.lastCrankEventTime1024 - previous.lastCrankEventTime1024 + 0x10000) % 0x10000;
  if (revs === 0 || ticks === 0) return null;
  const rpm = (revs * 60 * 1024) / ticks;
  return rpm > MAX_PLAUSIBLE_RPM ? null : round(rpm, 2);
}

import { ByteReader } from '../bytes.js';
import { err, type Result } from '../result.js';
import { kmhToMps, round } from '../units.js';

/** Fitness Machine Status (0x2ADA), FTMS 1.0 §4.17: an op code and the new value it announces. */
export interface FitnessMachineStatus {
  opCode: number;
  event: string;
  /** Stopped-or-paused (0x02): which of the two. */
  by?: 'stop' | 'pause';
  targetSpeedMps?: number;
  targetInclinationPct?: number;
  targetResistanceLevel?: number;
  targetPowerW?: number;
  targetHeartRateBpm?: number;
  targetEnergyKcal?: number;
  targetSteps?: number;
  targetStrides?: number;
  targetDistanceM?: number;
  targetTimeS?: number;
  /** Targeted time in 2, 3 or 5 heart-rate zones, in seconds, lowest zone first. */
  targetZoneTimesS?: number[];
  windSpeedMps?: number;
  gradePct?: number;
  rollingResistanceCoefficient?: number;
  windResistanceCoefficientKgPerM?: number;
  wheelCircumferenceMm?: number;
  spinDownStatus?: number;
  targetCadenceRpm?: number;
}

type Reader = (r: ByteReader, out: FitnessMachineStatus) => void;

const zones = (n: number): Reader => (r, out) => {
  out.targetZoneTimesS = Array.from({ length: n }, (_, i) => r.uint16(`zone${i + 1}Time`));
};

const OPS: Record<number, [event: string, read?: Reader]> = {
  0x01: ['reset'],
  0x02: [
    'stopped_or_paused_by_user',
    (r, out) => {
      const code = r.uint8('control');
      out.by = code === 2 ? 'pause' : 'stop';
    },
  ],
  0x03: ['stopped_by_safety_key'],
  0x04: ['started_or_resumed_by_user'],
  0x05: ['target_speed_changed', (r, out) => void (out.targetSpeedMps = kmhToMps(r.uint16('targetSpeed') * 0.01))],
  0x06: ['target_incline_changed', (r, out) => void (out.targetInclinationPct = round(r.sint16('targetInclination') * 0.1, 1))],
  // FTMS 1.0 gives UINT8 in 0.1 steps; some trainers send a SINT16 here. Read what was sent.
  0x07: [
    'target_resistance_level_changed',
    (r, out) => {
      const raw = r.remaining >= 2 ? r.sint16('targetResistance') : r.uint8('targetResistance');
      out.targetResistanceLevel = round(raw * 0.1, 1);
    },
  ],
  0x08: ['target_power_changed', (r, out) => void (out.targetPowerW = r.sint16('targetPower'))],
  0x09: ['target_heart_rate_changed', (r, out) => void (out.targetHeartRateBpm = r.uint8('targetHeartRate'))],
  0x0a: ['targeted_expended_energy_changed', (r, out) => void (out.targetEnergyKcal = r.uint16('targetEnergy'))],
  0x0b: ['targeted_steps_changed', (r, out) => void (out.targetSteps = r.uint16('targetSteps'))],
  0x0c: ['targeted_strides_changed', (r, out) => void (out.targetStrides = r.uint16('targetStrides'))],
  0x0d: ['targeted_distance_changed', (r, out) => void (out.targetDistanceM = r.uint24('targetDistance'))],
  0x0e: ['targeted_training_time_changed', (r, out) => void (out.targetTimeS = r.uint16('targetTime'))],
  0x0f: ['targeted_time_in_two_hr_zones_changed', zones(2)],
  0x10: ['targeted_time_in_three_hr_zones_changed', zones(3)],
  0x11: ['targeted_time_in_five_hr_zones_changed', zones(5)],
  0x12: [
    'indoor_bike_simulation_parameters_changed',
    (r, out) => {
      out.windSpeedMps = round(r.sint16('windSpeed') * 0.001, 3);
      out.gradePct = round(r.sint16('grade') * 0.01, 2);
      out.rollingResistanceCoefficient = round(r.uint8('crr') * 0.0001, 4);
      out.windResistanceCoefficientKgPerM = round(r.uint8('cw') * 0.01, 2);
    },
  ],
  0x13: ['wheel_circumference_changed', (r, out) => void (out.wheelCircumferenceMm = round(r.uint16('wheelCircumference') * 0.1, 1))],
  0x14: ['spin_down_status', (r, out) => void (out.spinDownStatus = r.uint8('spinDownStatus'))],
  0x15: ['targeted_cadence_changed', (r, out) => void (out.targetCadenceRpm = round(r.uint16('targetCadence') * 0.5, 1))],
  0xff: ['control_permission_lost'],
};

export function decodeFitnessMachineStatus(bytes: Uint8Array): Result<FitnessMachineStatus> {
  const r = new ByteReader(bytes);
  const opCode = r.uint8('opCode');
  if (r.failed) return r.result(null as never);
  const op = OPS[opCode];
  if (!op) return err(`unknown Fitness Machine Status op code 0x${opCode.toString(16).padStart(2, '0')}`);
  const out: FitnessMachineStatus = { opCode, event: op[0] };
  op[1]?.(r, out);
  return r.result(out);
}

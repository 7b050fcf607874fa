import { ByteReader } from '../bytes.js';
import type { Result } from '../result.js';

/** Fitness Machine Feature (0x2ACC), FTMS 1.0 §4.3: two 32-bit fields of capability bits. */
export interface FitnessMachineFeature {
  /** What the machine reports, by name (bit order of FTMS 1.0 Table 4.2). */
  machineFeatures: string[];
  /** What targets a client may set (FTMS 1.0 Table 4.3). */
  targetSettings: string[];
}

const MACHINE_FEATURES = [
  'average_speed',
  'cadence',
  'total_distance',
  'inclination',
  'elevation_gain',
  'pace',
  'step_count',
  'resistance_level',
  'stride_count',
  'expended_energy',
  'heart_rate',
  'metabolic_equivalent',
  'elapsed_time',
  'remaining_time',
  'power',
  'force_on_belt_and_power_output',
  'user_data_retention',
];

const TARGET_SETTINGS = [
  'speed',
  'inclination',
  'resistance',
  'power',
  'heart_rate',
  'expended_energy',
  'step_number',
  'stride_number',
  'distance',
  'training_time',
  'time_in_two_hr_zones',
  'time_in_three_hr_zones',
  'time_in_five_hr_zones',
  'indoor_bike_simulation',
  'wheel_circumference',
  'spin_down',
  'cadence',
];

function names(bits: number, table: string[]): string[] {
  const out: string[] = [];
  for (let bit = 0; bit < 32; bit++) {
    if ((bits >>> bit) & 1) out.push(table[bit] ?? `reserved_bit_${bit}`);
  }
  return out;
}

export function decodeFitnessMachineFeature(bytes: Uint8Array): Result<FitnessMachineFeature> {
  const r = new ByteReader(bytes);
  const machine = r.uint32('fitnessMachineFeatures');
  const target = r.uint32('targetSettingFeatures');
  return r.result({ machineFeatures: names(machine, MACHINE_FEATURES), targetSettings: names(target, TARGET_SETTINGS) });
}

/** Enumerations of the Concept2 PM5 Bluetooth Smart Interface Definition rev 1.30, Appendix A. */

export const WORKOUT_TYPES = [
  'just_row_no_splits',
  'just_row_splits',
  'fixed_distance_no_splits',
  'fixed_distance_splits',
  'fixed_time_no_splits',
  'fixed_time_splits',
  'fixed_time_interval',
  'fixed_distance_interval',
  'variable_interval',
  'variable_undefined_rest_interval',
  'fixed_calorie',
  'fixed_watt_minutes',
  'fixed_calorie_interval',
];

export const INTERVAL_TYPES: Record<number, string> = {
  0: 'time',
  1: 'distance',
  2: 'rest',
  3: 'time_rest_undefined',
  4: 'distance_rest_undefined',
  5: 'rest_undefined',
  6: 'calorie',
  7: 'calorie_rest_undefined',
  8: 'watt_minute',
  9: 'watt_minute_rest_undefined',
  255: 'none',
};

export const WORKOUT_STATES = [
  'wait_to_begin',
  'workout_row',
  'countdown_pause',
  'interval_rest',
  'interval_work_time',
  'interval_work_distance',
  'interval_rest_end_to_work_time',
  'interval_rest_end_to_work_distance',
  'interval_work_time_to_rest',
  'interval_work_distance_to_rest',
  'workout_end',
  'terminate',
  'workout_logged',
  'rearm',
];

export const ROWING_STATES = ['inactive', 'active'];

export const STROKE_STATES = [
  'waiting_for_wheel_to_reach_min_speed',
  'waiting_for_wheel_to_accelerate',
  'driving',
  'dwelling_after_drive',
  'recovery',
];

export const DURATION_TYPES: Record<number, string> = { 0x00: 'time', 0x40: 'calories', 0x80: 'distance', 0xc0: 'watts' };

export const ERG_MACHINE_TYPES: Record<number, string> = {
  0: 'static_d',
  1: 'static_c',
  2: 'static_a',
  3: 'static_b',
  5: 'static_e',
  7: 'static_simulator',
  8: 'static_dynamic',
  16: 'slides_a',
  17: 'slides_b',
  18: 'slides_c',
  19: 'slides_d',
  20: 'slides_e',
  32: 'slides_dynamic',
  64: 'static_dyno',
  128: 'static_ski',
  143: 'static_ski_simulator',
  192: 'bike',
  193: 'bike_arms',
  194: 'bike_noarms',
  207: 'bike_simulator',
  224: 'multierg_row',
  225: 'multierg_ski',
  226: 'multierg_bike',
};

export type EnumTable = readonly string[] | Readonly<Record<number, string>>;

export function enumName(table: EnumTable, value: number): string {
  return (table as Record<number, string | undefined>)[value] ?? `unknown_${value}`;
}

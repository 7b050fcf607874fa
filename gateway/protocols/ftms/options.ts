import type { FieldSpec, FlagGroup } from './fields.js';

/**
 * Per-model settings for the places where FTMS and the later GATT Specification Supplement (GSS) disagree, and
 * machines follow one or the other. Set them per known device in the BLE config (`model`).
 */
export interface FtmsOptions {
  /**
   * Resistance Level field on the wire. FTMS 1.0 defines SINT16, step 1 (the default); the GSS defines UINT8
   * with a multiplier of 10, which is what `{ resistanceField: 'uint8', resistanceScale: 10 }` reads.
   */
  resistanceField?: 'sint16' | 'uint8';
  resistanceScale?: number;
  /**
   * Treadmill Instantaneous/Average Pace. FTMS 1.0 defines UINT8 in 0.1 km/min (the default, 'uint8-km-per-min');
   * the GSS defines UINT16 seconds per km ('uint16-s-per-km'). Both are reported as `paceSecPerKm`.
   */
  treadmillPace?: 'uint8-km-per-min' | 'uint16-s-per-km';
}

export const defaultFtmsOptions: Required<FtmsOptions> = {
  resistanceField: 'sint16',
  resistanceScale: 1,
  treadmillPace: 'uint8-km-per-min',
};

export function resolveFtmsOptions(options: FtmsOptions = {}): Required<FtmsOptions> {
  return { ...defaultFtmsOptions, ...options };
}

export function resistanceField(options: Required<FtmsOptions>): FieldSpec {
  return { key: 'resistanceLevel', type: options.resistanceField, scale: options.resistanceScale, digits: 2 };
}

const NO_OPTIONS: FtmsOptions = {};

/**
 * Caches a record's flag-group table per options object: decoders run for every notification, and a device's
 * options object lives as long as the device.
 */
export function groupsPerOptions(build: (options: Required<FtmsOptions>) => FlagGroup[]): (options?: FtmsOptions) => FlagGroup[] {
  const cache = new WeakMap<FtmsOptions, FlagGroup[]>();
  return (options = NO_OPTIONS) => {
    let groups = cache.get(options);
    if (!groups) {
      groups = build(resolveFtmsOptions(options));
      cache.set(options, groups);
    }
    return groups;
  };
}

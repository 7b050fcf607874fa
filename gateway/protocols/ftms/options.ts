import type { FieldSpec, FlagGroup } from './fields.js';

/**
 * Per-model settings for the places where FTMS and the later GATT Specification Supplement (GSS) disagree, and
 * machines follow one or the other, and for machines whose flags lie. Set them per known device in the BLE
 * config (`model`).
 */
export interface FtmsOptions {
  /**
   * Resistance Level field on the wire. FTMS 1.0 defines SINT16 (the default), step 1 on the rower and the
   * indoor bike but 0.1 on the cross trainer; the GSS defines UINT8 with a multiplier of 10, which is what
   * `{ resistanceField: 'uint8', resistanceScale: 10 }` reads. `resistanceScale` overrides the step.
   */
  resistanceField?: 'sint16' | 'uint8';
  resistanceScale?: number;
  /**
   * Treadmill Instantaneous/Average Pace. FTMS 1.0 defines UINT8 in 0.1 km/min (the default, 'uint8-km-per-min');
   * the GSS defines UINT16 seconds per km ('uint16-s-per-km'). Both are reported as `paceSecPerKm`.
   */
  treadmillPace?: 'uint8-km-per-min' | 'uint16-s-per-km';
  /**
   * Flag bits (1–23) this model sets without sending the fields (e.g. a Matrix treadmill announcing
   * inclination it never sends). They are treated as clear. Without this, such a record is refused and
   * counted, never read with every later field shifted.
   */
  ignoreFlagBits?: number[];
}

export type ResolvedFtmsOptions = Required<Omit<FtmsOptions, 'resistanceScale'>> & Pick<FtmsOptions, 'resistanceScale'>;

export const defaultFtmsOptions: ResolvedFtmsOptions = {
  resistanceField: 'sint16',
  treadmillPace: 'uint8-km-per-min',
  ignoreFlagBits: [],
};

export function resolveFtmsOptions(options: FtmsOptions = {}): ResolvedFtmsOptions {
  return { ...defaultFtmsOptions, ...options };
}

/**
 * The Resistance Level field. `ftms10Step` is the record's own FTMS 1.0 resolution for the SINT16 layout
 * (1 for rower and bike, 0.1 for the cross trainer); a configured `resistanceScale` wins.
 */
export function resistanceField(options: ResolvedFtmsOptions, ftms10Step: number): FieldSpec {
  const scale = options.resistanceScale ?? (options.resistanceField === 'sint16' ? ftms10Step : 1);
  return { key: 'resistanceLevel', type: options.resistanceField, scale, digits: 2 };
}

/** The flags mask that clears the bits a model profile says lie. */
export function flagsMask(options: FtmsOptions | undefined): number {
  let mask = 0xffffff;
  for (const bit of options?.ignoreFlagBits ?? []) mask &= ~(1 << bit);
  return mask;
}

const NO_OPTIONS: FtmsOptions = {};

/**
 * Caches a record's flag-group table per options object: decoders run for every notification, and a device's
 * options object lives as long as the device.
 */
export function groupsPerOptions(build: (options: ResolvedFtmsOptions) => FlagGroup[]): (options?: FtmsOptions) => FlagGroup[] {
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

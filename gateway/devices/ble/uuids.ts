/** Bluetooth UUIDs the gateway listens to, in the form noble reports them (lowercase, no dashes). */

const SIG_BASE = /^0000([0-9a-f]{4})00001000800000805f9b34fb$/;

/** Normalizes any UUID spelling to noble's form; 128-bit SIG UUIDs become their 16-bit short form. */
export function normalizeUuid(uuid: string): string {
  const plain = uuid.toLowerCase().replace(/-/g, '');
  return SIG_BASE.exec(plain)?.[1] ?? plain;
}

/** Concept2 PM5: CE06xxxx-43E5-11E4-916C-0800200C9A66. */
export function pm5Uuid(short: number): string {
  return `ce06${short.toString(16).padStart(4, '0')}43e511e4916c0800200c9a66`;
}

export const SERVICES = {
  ftms: '1826',
  heartRate: '180d',
  cyclingPower: '1818',
  pm5Base: pm5Uuid(0x0000),
  pm5Rowing: pm5Uuid(0x0030),
} as const;

export const CHARACTERISTICS = {
  rowerData: '2ad1',
  indoorBikeData: '2ad2',
  treadmillData: '2acd',
  crossTrainerData: '2ace',
  machineStatus: '2ada',
  heartRateMeasurement: '2a37',
  cyclingPowerMeasurement: '2a63',
  pm5GeneralStatus: pm5Uuid(0x0031),
  pm5AdditionalStatus1: pm5Uuid(0x0032),
  pm5AdditionalStatus2: pm5Uuid(0x0033),
  pm5StrokeData: pm5Uuid(0x0035),
  pm5AdditionalStrokeData: pm5Uuid(0x0036),
  pm5Multiplexed: pm5Uuid(0x0080),
} as const;

/** Services that mark an advertisement as fitness equipment worth reporting. */
export const FITNESS_SERVICES: readonly string[] = Object.values(SERVICES);

/** Characteristics the adapter subscribes to when a device offers them. */
export const SUBSCRIBED: readonly string[] = [
  CHARACTERISTICS.rowerData,
  CHARACTERISTICS.indoorBikeData,
  CHARACTERISTICS.treadmillData,
  CHARACTERISTICS.crossTrainerData,
  CHARACTERISTICS.machineStatus,
  CHARACTERISTICS.heartRateMeasurement,
  CHARACTERISTICS.cyclingPowerMeasurement,
  CHARACTERISTICS.pm5GeneralStatus,
  CHARACTERISTICS.pm5AdditionalStatus1,
  CHARACTERISTICS.pm5AdditionalStatus2,
  CHARACTERISTICS.pm5StrokeData,
  CHARACTERISTICS.pm5AdditionalStrokeData,
];

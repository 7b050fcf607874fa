import { describe, expect, it } from 'vitest';
import { decodeCrossTrainerData } from '../../gateway/protocols/ftms/cross-trainer.js';
import { decodeFitnessMachineFeature } from '../../gateway/protocols/ftms/feature.js';
import { decodeIndoorBikeData } from '../../gateway/protocols/ftms/indoor-bike.js';
import { decodeFitnessMachineStatus } from '../../gateway/protocols/ftms/machine-status.js';
import { mergeFtmsPart, type MergeStep } from '../../gateway/protocols/ftms/merge.js';
import { decodeRowerData, type RowerData } from '../../gateway/protocols/ftms/rower.js';
import { decodeTreadmillData } from '../../gateway/protocols/ftms/treadmill.js';
import type { Result } from '../../gateway/protocols/result.js';
import { dec, hex } from './hex.js';

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected a reading, got: ${result.error}`);
  return result.value;
}

/** Devices following the GATT Specification Supplement rather than FTMS 1.0 for the resistance field. */
const GSS_RESISTANCE = { resistanceField: 'uint8', resistanceScale: 10 } as const;

describe('FTMS Rower Data 0x2AD1', () => {
  // Source: nRF Connect log of a First Degree Fitness "Viking Pro V" rower, published in zpukr/ArduRower issue #1.
  // The machine splits one record over notifications; nRF Connect's own decoding is quoted beside each line.
  it('decodes the parts of a captured split record (Viking Pro V)', () => {
    expect(value(decodeRowerData(hex('05-0A-62-00-00-00-31-00')))).toEqual({
      moreData: true, // "Total Distance: 98 m, Heart Rate: 0 bpm, Elapsed Time: 49 s"
      distanceM: 98,
      heartRateBpm: 0,
      elapsedS: 49,
    });
    expect(value(decodeRowerData(hex('F8-00-26-0B-00-C7-00-00-00-2C-00-1B-00-02-00')))).toEqual({
      moreData: false, // "Stroke Rate: 19.0, Stroke Count: 11, Inst. Pace: 199 s, Avg Pace: 0 s, Power: 44 W, Avg Power: 27 W, Resistance Level: 2"
      strokeRateSpm: 19,
      strokeCount: 11,
      paceSecPer500m: 199,
      avgPaceSecPer500m: 0,
      powerW: 44,
      avgPowerW: 27,
      resistanceLevel: 2,
    });
    expect(value(decodeRowerData(hex('01-01-04-00-C5-01-07')))).toEqual({
      moreData: true, // "Total Energy: 4 kcal, Energy Per Hour: 453 kcal, Energy Per Minute: 7 kcal"
      energyKcal: 4,
      energyPerHourKcal: 453,
      energyPerMinuteKcal: 7,
    });
  });

  it('merges a captured multi-notification record into one reading (Viking Pro V, zpukr/ArduRower #1)', () => {
    // The log's sequence at 19:41:28–31: four "distance/HR/time" parts, then the stroke part that ends the
    // record (More Data = 0), then the energy part that starts the next one.
    const notifications = [
      '05-0A-5A-00-00-00-2E-00',
      '05-0A-5E-00-00-00-2F-00',
      '05-0A-60-00-00-00-30-00',
      '05-0A-62-00-00-00-31-00',
      'F8-00-26-0B-00-C7-00-00-00-2C-00-1B-00-02-00',
      '01-01-04-00-C5-01-07',
    ];
    let pending: RowerData | null = null;
    const records: RowerData[] = [];
    for (const n of notifications) {
      const step: MergeStep<RowerData> = mergeFtmsPart(pending, value(decodeRowerData(hex(n))));
      pending = step.pending;
      records.push(...step.complete);
    }
    // Parts that repeat a pending field start a new record: the first three go out on their own, one behind.
    expect(records.map((r) => r.elapsedS)).toEqual([46, 47, 48, 49]);
    expect(records[3]).toEqual({
      moreData: false,
      distanceM: 98,
      heartRateBpm: 0,
      elapsedS: 49,
      strokeRateSpm: 19,
      strokeCount: 11,
      paceSecPer500m: 199,
      avgPaceSecPer500m: 0,
      powerW: 44,
      avgPowerW: 27,
      resistanceLevel: 2,
    });
    expect(pending).toEqual({ moreData: true, energyKcal: 4, energyPerHourKcal: 453, energyPerMinuteKcal: 7 });
  });

  // Source: RonanB96/bluetooth-sig-python, tests/gatt/characteristics/test_rower_data.py (GSS layout).
  it('decodes stroke rate, count and heart rate (bluetooth-sig-python case 2)', () => {
    expect(value(decodeRowerData(hex('00 02 3C 96 00 8C')))).toEqual({
      moreData: false,
      strokeRateSpm: 30,
      strokeCount: 150,
      heartRateBpm: 140,
    });
  });

  it('decodes every field with the GSS resistance setting (bluetooth-sig-python case 3)', () => {
    const bytes = hex('FE 1F 32 C8 00 30 88 13 00 78 00 7D 00 FA 00 F0 00 05 F4 01 2C 01 05 82 41 10 0E B0 04');
    expect(value(decodeRowerData(bytes, GSS_RESISTANCE))).toEqual({
      moreData: false,
      strokeRateSpm: 25,
      strokeCount: 200,
      avgStrokeRateSpm: 24,
      distanceM: 5000,
      paceSecPer500m: 120,
      avgPaceSecPer500m: 125,
      powerW: 250,
      avgPowerW: 240,
      resistanceLevel: 50,
      energyKcal: 500,
      energyPerHourKcal: 300,
      energyPerMinuteKcal: 5,
      heartRateBpm: 130,
      metabolicEquivalent: 6.5,
      elapsedS: 3600,
      remainingS: 1200,
    });
    // The same bytes under the FTMS 1.0 default (SINT16 resistance) shift every later field: the setting matters.
    expect(decodeRowerData(bytes).ok).toBe(false);
  });

  it('reads signed power (bluetooth-sig-python test_signed_power_fields)', () => {
    expect(value(decodeRowerData(hex('61 00 9C FF CE FF')))).toEqual({ moreData: true, powerW: -100, avgPowerW: -50 });
  });

  it('reports a truncated record as an error naming the field', () => {
    const result = decodeRowerData(hex('F8-00-26-0B-00-C7'));
    expect(result).toEqual({ ok: false, error: 'truncated: paceSecPer500m needs 2 bytes at offset 5, 1 left' });
  });
});

describe('FTMS Indoor Bike Data 0x2AD2', () => {
  it('decodes a Schwinn IC4 notification (ptx2/gymnasticon src/test/bikes/ic4.js)', () => {
    // gymnasticon expects power 290 W, cadence 129 rpm, speed 7.3 km/h.
    expect(value(decodeIndoorBikeData(hex('4402da020201220100')))).toEqual({
      moreData: false,
      speedMps: 2.028,
      cadenceRpm: 129,
      powerW: 290,
      heartRateBpm: 0,
    });
  });

  it('decodes the SmartSpin2k test frame (doudar/SmartSpin2k test_FitnessMachineIndoorBikeData.cpp)', () => {
    // SmartSpin2k expects cadence 88, power 64, heart rate 0 (present).
    expect(value(decodeIndoorBikeData(hex('44 02 f2 08 b0 00 40 00 00')))).toEqual({
      moreData: false,
      speedMps: 6.361, // 22.90 km/h
      cadenceRpm: 88,
      powerW: 64,
      heartRateBpm: 0,
    });
  });

  it('decodes the Auuki test frames (dvmarinoff/Flux test/ble/indoor-bike-data.test.js)', () => {
    // Auuki expects speed 2.80 km/h, cadence 10, power 6.
    expect(value(decodeIndoorBikeData(dec([68, 0, 24, 1, 20, 0, 6, 0])))).toEqual({
      moreData: false,
      speedMps: 0.778,
      cadenceRpm: 10,
      powerW: 6,
    });
    // Auuki expects speed 14.50 km/h, cadence 23, power 24, heart rate 70.
    expect(value(decodeIndoorBikeData(dec([68, 2, 170, 5, 46, 0, 24, 0, 70])))).toEqual({
      moreData: false,
      speedMps: 4.028,
      cadenceRpm: 23,
      powerW: 24,
      heartRateBpm: 70,
    });
    // '0x 54 02 CA 0C A0 00 D3 A4 00 2C 01 8F': speed 32.74 km/h, cadence 80, distance 42195 m, power 300, HR 143.
    expect(value(decodeIndoorBikeData(hex('54 02 CA 0C A0 00 D3 A4 00 2C 01 8F')))).toEqual({
      moreData: false,
      speedMps: 9.094,
      cadenceRpm: 80,
      distanceM: 42195,
      powerW: 300,
      heartRateBpm: 143,
    });
  });

  it('decodes an Elite Suito capture (dvmarinoff/Flux test/ble/ftms.test.js comment)', () => {
    // "flags 2, speed 2, cadence 2, distance 3, power 2, elapsedTime 2"
    expect(value(decodeIndoorBikeData(hex('54 08 b9 06 b0 00 86 0d 00 45 00 20 01')))).toEqual({
      moreData: false,
      speedMps: 4.781, // 17.21 km/h
      cadenceRpm: 88,
      distanceM: 3462,
      powerW: 69,
      elapsedS: 288,
    });
  });

  it('decodes an idle Elite trainer notification (Berg0162/simcline issue #4 log)', () => {
    // Logged as "Speed: 0 KPH Instantaneous Cadence: 0 RPM Total Distance: 0 m Instantaneous Power: 0 Watt Elapsed time: 49 s".
    expect(value(decodeIndoorBikeData(hex('54 08 00 00 00 00 00 00 00 00 00 31 00')))).toEqual({
      moreData: false,
      speedMps: 0,
      cadenceRpm: 0,
      distanceM: 0,
      powerW: 0,
      elapsedS: 49,
    });
  });

  it('decodes every field with the GSS resistance setting (bluetooth-sig-python test_indoor_bike_data.py case 3)', () => {
    const bytes = hex('FE 1F B8 0B F0 0A A0 00 96 00 10 27 00 07 C8 00 B9 00 20 03 90 01 07 91 50 18 15 58 02');
    expect(value(decodeIndoorBikeData(bytes, GSS_RESISTANCE))).toEqual({
      moreData: false,
      speedMps: 8.333, // 30.00 km/h
      avgSpeedMps: 7.778, // 28.00 km/h
      cadenceRpm: 80,
      avgCadenceRpm: 75,
      distanceM: 10000,
      resistanceLevel: 70,
      powerW: 200,
      avgPowerW: 185,
      energyKcal: 800,
      energyPerHourKcal: 400,
      energyPerMinuteKcal: 7,
      heartRateBpm: 145,
      metabolicEquivalent: 8,
      elapsedS: 5400,
      remainingS: 600,
    });
  });

  it('leaves out energy fields the machine marks "not available" (FTMS 1.0 §4.9.1.11: 0xFFFF, 0xFF)', () => {
    // Constructed from the spec: flags 0x0101 (More Data + Expended Energy), total 12 kcal, per hour/minute n/a.
    expect(value(decodeIndoorBikeData(hex('01 01 0C 00 FF FF FF')))).toEqual({ moreData: true, energyKcal: 12 });
  });
});

describe('FTMS Treadmill Data 0x2ACD', () => {
  // Source: RonanB96/bluetooth-sig-python, tests/gatt/characteristics/test_treadmill_data.py.
  it('decodes speed, average speed and heart rate (bluetooth-sig-python case 2)', () => {
    expect(value(decodeTreadmillData(hex('02 01 E2 04 B0 04 9B')))).toEqual({
      moreData: false,
      speedMps: 3.472, // 12.50 km/h
      avgSpeedMps: 3.333, // 12.00 km/h
      heartRateBpm: 155,
    });
  });

  it('decodes every field with the GSS pace setting (bluetooth-sig-python case 3)', () => {
    const bytes = hex(
      'FE 1F 20 03 EE 02 88 13 00 CE FF 1E 00 64 00 32 00 2C 01 36 01 F4 01 58 02 0A 8C 55 08 07 58 02 9C FF FA 00',
    );
    expect(value(decodeTreadmillData(bytes, { treadmillPace: 'uint16-s-per-km' }))).toEqual({
      moreData: false,
      speedMps: 2.222, // 8.00 km/h
      avgSpeedMps: 2.083, // 7.50 km/h
      distanceM: 5000,
      inclinationPct: -5,
      rampAngleDeg: 3,
      elevationGainM: 10,
      elevationLossM: 5,
      paceSecPerKm: 300,
      avgPaceSecPerKm: 310,
      energyKcal: 500,
      energyPerHourKcal: 600,
      energyPerMinuteKcal: 10,
      heartRateBpm: 140,
      metabolicEquivalent: 8.5,
      elapsedS: 1800,
      remainingS: 600,
      forceOnBeltN: -100,
      powerW: 250,
    });
  });

  it('reads the FTMS 1.0 pace (UINT8, 0.1 km/min) by default', () => {
    // Constructed from FTMS 1.0 §4.10.1.6: flags 0x0020 (speed + pace), 10.00 km/h, pace 2 × 0.1 km/min = 300 s/km.
    expect(value(decodeTreadmillData(hex('20 00 E8 03 02')))).toEqual({ moreData: false, speedMps: 2.778, paceSecPerKm: 300 });
  });
});

describe('FTMS Cross Trainer Data 0x2ACE', () => {
  // Source: RonanB96/bluetooth-sig-python, tests/gatt/characteristics/test_cross_trainer_data.py (24-bit flags).
  it('decodes speed, heart rate and backward movement (bluetooth-sig-python case 2)', () => {
    expect(value(decodeCrossTrainerData(hex('00 88 00 DC 05 A0')))).toEqual({
      moreData: false,
      direction: 'backward',
      speedMps: 4.167, // 15.00 km/h
      heartRateBpm: 160,
    });
  });

  it('decodes steps, stride count, power and energy (bluetooth-sig-python case 3)', () => {
    expect(value(decodeCrossTrainerData(hex('1C 05 00 E8 03 B8 0B 00 78 00 73 00 F4 01 C8 00 2C 01 90 01 07')))).toEqual({
      moreData: false,
      direction: 'forward',
      speedMps: 2.778,
      distanceM: 3000,
      stepRateSpm: 120,
      avgStepRateSpm: 115,
      strideCount: 50,
      powerW: 200,
      energyKcal: 300,
      energyPerHourKcal: 400,
      energyPerMinuteKcal: 7,
    });
  });

  it('reads elevation in whole metres and inclination in tenths (bluetooth-sig-python tests)', () => {
    expect(value(decodeCrossTrainerData(hex('21 00 00 C8 00 64 00')))).toMatchObject({ elevationGainM: 200, elevationLossM: 100 });
    expect(value(decodeCrossTrainerData(hex('41 00 00 EC FF 1E 00')))).toMatchObject({ inclinationPct: -2, rampAngleDeg: 3 });
  });
});

describe('FTMS Fitness Machine Feature 0x2ACC', () => {
  // Source: RonanB96/bluetooth-sig-python, tests/gatt/characteristics/test_fitness_machine_feature.py.
  it('names the supported features and target settings', () => {
    expect(value(decodeFitnessMachineFeature(hex('07 00 00 00 03 00 00 00')))).toEqual({
      machineFeatures: ['average_speed', 'cadence', 'total_distance'],
      targetSettings: ['speed', 'inclination'],
    });
    expect(value(decodeFitnessMachineFeature(hex('80 74 00 00 1F 20 00 00')))).toEqual({
      machineFeatures: ['resistance_level', 'heart_rate', 'elapsed_time', 'remaining_time', 'power'],
      targetSettings: ['speed', 'inclination', 'resistance', 'power', 'heart_rate', 'indoor_bike_simulation'],
    });
  });
});

describe('FTMS Fitness Machine Status 0x2ADA', () => {
  it('decodes events without parameters (bluetooth-sig-python test_fitness_machine_status.py)', () => {
    expect(value(decodeFitnessMachineStatus(hex('01')))).toEqual({ opCode: 1, event: 'reset' });
    expect(value(decodeFitnessMachineStatus(hex('02 01')))).toEqual({ opCode: 2, event: 'stopped_or_paused_by_user', by: 'stop' });
    expect(value(decodeFitnessMachineStatus(hex('04')))).toEqual({ opCode: 4, event: 'started_or_resumed_by_user' });
    expect(value(decodeFitnessMachineStatus(hex('FF')))).toEqual({ opCode: 255, event: 'control_permission_lost' });
  });

  it('decodes target changes (dvmarinoff/Flux test/ble/ftms.test.js, FitnessMachineStatus)', () => {
    expect(value(decodeFitnessMachineStatus(dec([8, 44, 1])))).toMatchObject({ event: 'target_power_changed', targetPowerW: 300 });
    expect(value(decodeFitnessMachineStatus(dec([7, 100, 0])))).toMatchObject({ targetResistanceLevel: 10 });
    expect(value(decodeFitnessMachineStatus(dec([18, 184, 11, 42, 3, 40, 49])))).toMatchObject({
      event: 'indoor_bike_simulation_parameters_changed',
      windSpeedMps: 3,
      gradePct: 8.1,
      rollingResistanceCoefficient: 0.004,
      windResistanceCoefficientKgPerM: 0.49,
    });
    expect(value(decodeFitnessMachineStatus(dec([19, 40, 85])))).toMatchObject({ wheelCircumferenceMm: 2180 });
  });

  it('refuses an unknown op code', () => {
    expect(decodeFitnessMachineStatus(hex('7e'))).toEqual({ ok: false, error: expect.stringContaining('0x7e') });
  });
});

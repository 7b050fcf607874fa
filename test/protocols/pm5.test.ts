import { describe, expect, it } from 'vitest';
import { decodeMultiplexed } from '../../gateway/protocols/pm5/multiplexed.js';
import { decodeAdditionalSplitData, decodeSplitData } from '../../gateway/protocols/pm5/split.js';
import { decodeAdditionalStatus1, decodeAdditionalStatus2, decodeGeneralStatus } from '../../gateway/protocols/pm5/status.js';
import { decodeAdditionalStrokeData, decodeStrokeData } from '../../gateway/protocols/pm5/stroke.js';
import { decodeWorkoutAdditionalSummary, decodeWorkoutSummary } from '../../gateway/protocols/pm5/summary.js';
import type { Result } from '../../gateway/protocols/result.js';
import { hex } from './hex.js';

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected a record, got: ${result.error}`);
  return result.value;
}

/*
 * Source: Concept2 "PM5 Bluetooth Smart Communications Interface Definition", rev 1.30 (3/2/2022), Table 3 (the
 * rowing-service characteristics) and Table 4 (the multiplexed layouts). The document gives layouts, not sample
 * packets, so each vector below is written field by field from those tables, little-endian, with the field
 * boundaries marked. Common values: elapsed 1234.56 s = 0x01E240; distance 4321.0 m = 43210 (0.1 m) = 0x00A8CA.
 */
const ELAPSED = '40 e2 01';
const DISTANCE = 'ca a8 00';

describe('Concept2 PM5 rowing service', () => {
  it('0x0031 general status: enums by name, duration in the unit of its type', () => {
    const bytes = hex(`${ELAPSED} ${DISTANCE} 01 ff 01 01 02 | 00 00 00 | d0 07 00 | 80 | 78`.replace(/\|/g, ''));
    expect(bytes).toHaveLength(19);
    expect(value(decodeGeneralStatus(bytes))).toEqual({
      elapsedS: 1234.56,
      distanceM: 4321,
      workoutType: 'just_row_splits',
      intervalType: 'none',
      workoutState: 'workout_row',
      rowingState: 'active',
      strokeState: 'driving',
      totalWorkDistanceM: 0,
      workoutDuration: 2000, // metres: duration type 0x80 = distance
      workoutDurationType: 'distance',
      dragFactor: 120,
    });
    // A 30:00 time workout: duration 180000 × 0.01 s, type 0x00.
    const timed = hex(`${ELAPSED} ${DISTANCE} 04 00 01 01 04 000000 20bf02 00 78`);
    expect(value(decodeGeneralStatus(timed))).toMatchObject({ workoutType: 'fixed_time_no_splits', workoutDuration: 1800, workoutDurationType: 'time' });
  });

  it('0x0032 additional status 1: speed, stroke rate, pace; heart rate 255 = no belt', () => {
    // speed 4.123 m/s | 28 spm | HR 255 | pace 121.27 s | avg pace 122.50 s | rest 0 m | rest 0 s | erg type 0 (static D)
    const bytes = hex(`${ELAPSED} 1b 10 1c ff 5f 2f da 2f 00 00 00 00 00 00`);
    expect(bytes).toHaveLength(17);
    expect(value(decodeAdditionalStatus1(bytes))).toEqual({
      elapsedS: 1234.56,
      speedMps: 4.123,
      strokeRateSpm: 28,
      heartRateBpm: null,
      paceSecPer500m: 121.27,
      avgPaceSecPer500m: 122.5,
      restDistanceM: 0,
      restTimeS: 0,
      ergMachineType: 'static_d',
    });
    // Firmware before 2018 sends 16 bytes, without the erg machine type.
    expect(value(decodeAdditionalStatus1(bytes.subarray(0, 16)))).not.toHaveProperty('ergMachineType');
  });

  it('0x0033 additional status 2: calories, split averages, last split (time in 0.1 s by default)', () => {
    // interval 0 | avg power 200 W | 90 cal | split pace 121.50 s | split power 195 W | 850 cal/h | last split 1215 (0.1 s) | 500 m
    const bytes = hex(`${ELAPSED} 00 c8 00 5a 00 76 2f c3 00 52 03 bf 04 00 f4 01 00`);
    expect(bytes).toHaveLength(20);
    expect(value(decodeAdditionalStatus2(bytes))).toEqual({
      elapsedS: 1234.56,
      intervalCount: 0,
      avgPowerW: 200,
      energyKcal: 90,
      splitAvgPaceSecPer500m: 121.5,
      splitAvgPowerW: 195,
      splitAvgKcalPerHour: 850,
      lastSplitTimeS: 121.5,
      lastSplitDistanceM: 500,
    });
    // The split-time unit is a per-model setting.
    expect(value(decodeAdditionalStatus2(bytes, 'characteristic', { splitTimeUnitS: 0.01 })).lastSplitTimeS).toBe(12.15);
  });

  it('0x0035 stroke data: drive, recovery, forces in newtons, stroke count', () => {
    // drive 1.42 m | 0.80 s | recovery 1.45 s | stroke 10.05 m | peak 180.0 lbf | avg 120.0 lbf | work 850.0 J | stroke 321
    const bytes = hex(`${ELAPSED} ${DISTANCE} 8e 50 91 00 ed 03 08 07 b0 04 34 21 41 01`);
    expect(bytes).toHaveLength(20);
    expect(value(decodeStrokeData(bytes))).toEqual({
      elapsedS: 1234.56,
      distanceM: 4321,
      driveLengthM: 1.42,
      driveTimeS: 0.8,
      recoveryTimeS: 1.45,
      strokeDistanceM: 10.05,
      peakDriveForceN: 800.7,
      avgDriveForceN: 533.8,
      workPerStrokeJ: 850,
      strokeCount: 321,
    });
  });

  it('0x0036 additional stroke data: stroke power', () => {
    const bytes = hex(`${ELAPSED} c8 00 52 03 41 01 08 07 00 40 1f 00`);
    expect(value(decodeAdditionalStrokeData(bytes))).toEqual({
      elapsedS: 1234.56,
      powerW: 200,
      strokeKcalPerHour: 850,
      strokeCount: 321,
      projectedWorkTimeS: 1800,
      projectedWorkDistanceM: 8000,
    });
  });

  it('0x0037 split/interval data and 0x0038 additional split data', () => {
    const split = hex(`${ELAPSED} ${DISTANCE} bf 04 00 f4 01 00 3c 00 00 00 01 02`);
    expect(split).toHaveLength(18);
    expect(value(decodeSplitData(split))).toEqual({
      elapsedS: 1234.56,
      distanceM: 4321,
      splitTimeS: 121.5,
      splitDistanceM: 500,
      intervalRestTimeS: 60,
      intervalRestDistanceM: 0,
      splitType: 'distance',
      splitNumber: 2,
    });
    // avg 27 spm | work HR 150 | rest HR 0 | pace 121.5 s (0.1 s) | 45 cal | 850 cal/h | 4.115 m/s | 195 W | drag 120 | #2 | static D
    const more = hex(`${ELAPSED} 1b 96 00 bf 04 2d 00 52 03 13 10 c3 00 78 02 00`);
    expect(more).toHaveLength(19);
    expect(value(decodeAdditionalSplitData(more))).toEqual({
      elapsedS: 1234.56,
      splitAvgStrokeRateSpm: 27,
      splitWorkHeartRateBpm: 150,
      splitRestHeartRateBpm: 0,
      splitAvgPaceSecPer500m: 121.5,
      splitEnergyKcal: 45,
      splitAvgKcalPerHour: 850,
      splitSpeedMps: 4.115,
      splitPowerW: 195,
      splitAvgDragFactor: 120,
      splitNumber: 2,
      ergMachineType: 'static_d',
    });
  });

  it('0x0039 and 0x003A end-of-workout summaries', () => {
    // log date 0x1234, time 0x5678 | … | avg 27 spm | HR end 160, avg 150, min 90, max 170 | drag 120 | recovery 0 (not yet) | just row | pace 142.9 s
    const summary = hex(`34 12 78 56 ${ELAPSED} ${DISTANCE} 1b a0 96 5a aa 78 00 00 95 05`);
    expect(summary).toHaveLength(20);
    expect(value(decodeWorkoutSummary(summary))).toEqual({
      logEntryDate: 0x1234,
      logEntryTime: 0x5678,
      elapsedS: 1234.56,
      distanceM: 4321,
      avgStrokeRateSpm: 27,
      endingHeartRateBpm: 160,
      avgHeartRateBpm: 150,
      minHeartRateBpm: 90,
      maxHeartRateBpm: 170,
      avgDragFactor: 120,
      recoveryHeartRateBpm: null,
      workoutType: 'just_row_no_splits',
      avgPaceSecPer500m: 142.9,
    });
    const additional = hex('34 12 78 56 01 f4 01 08 5a 00 c8 00 00 00 00 00 00 52 03');
    expect(additional).toHaveLength(19);
    expect(value(decodeWorkoutAdditionalSummary(additional))).toEqual({
      logEntryDate: 0x1234,
      logEntryTime: 0x5678,
      splitType: 'distance',
      splitSize: 500,
      splitCount: 8,
      energyKcal: 90,
      avgPowerW: 200,
      totalRestDistanceM: 0,
      intervalRestTimeS: 0,
      avgKcalPerHour: 850,
    });
  });

  describe('0x0080 multiplexed (first byte = id; Table 4 layouts differ from the characteristics)', () => {
    it('0x32 carries the average power before the erg machine type', () => {
      const bytes = hex(`32 ${ELAPSED} 1b 10 1c 96 5f 2f da 2f 00 00 00 00 00 c8 00 00`);
      expect(bytes).toHaveLength(20);
      expect(value(decodeMultiplexed(bytes))).toEqual({
        characteristic: '0x0032',
        elapsedS: 1234.56,
        speedMps: 4.123,
        strokeRateSpm: 28,
        heartRateBpm: 150,
        paceSecPer500m: 121.27,
        avgPaceSecPer500m: 122.5,
        restDistanceM: 0,
        restTimeS: 0,
        avgPowerW: 200,
        ergMachineType: 'static_d',
      });
    });

    it('0x33 has no average power; 0x35 no work per stroke; 0x39 no average pace; 0x3A no split type', () => {
      expect(value(decodeMultiplexed(hex(`33 ${ELAPSED} 00 5a 00 76 2f c3 00 52 03 bf 04 00 f4 01 00`)))).toEqual({
        characteristic: '0x0033',
        elapsedS: 1234.56,
        intervalCount: 0,
        energyKcal: 90,
        splitAvgPaceSecPer500m: 121.5,
        splitAvgPowerW: 195,
        splitAvgKcalPerHour: 850,
        lastSplitTimeS: 121.5,
        lastSplitDistanceM: 500,
      });
      expect(value(decodeMultiplexed(hex(`35 ${ELAPSED} ${DISTANCE} 8e 50 91 00 ed 03 08 07 b0 04 41 01`)))).toMatchObject({
        characteristic: '0x0035',
        strokeCount: 321,
      });
      const summary = value(decodeMultiplexed(hex(`39 34 12 78 56 ${ELAPSED} ${DISTANCE} 1b a0 96 5a aa 78 00 00`)));
      expect(summary).toMatchObject({ characteristic: '0x0039', workoutType: 'just_row_no_splits' });
      expect(summary).not.toHaveProperty('avgPaceSecPer500m');
      expect(value(decodeMultiplexed(hex('3a 34 12 78 56 f4 01 08 5a 00 c8 00 00 00 00 00 00 52 03')))).toMatchObject({
        characteristic: '0x003a',
        splitSize: 500,
        avgKcalPerHour: 850,
      });
    });

    it('0x31 is the same as the characteristic', () => {
      expect(value(decodeMultiplexed(hex(`31 ${ELAPSED} ${DISTANCE} 01 ff 01 01 02 000000 d00700 80 78`)))).toMatchObject({
        characteristic: '0x0031',
        strokeState: 'driving',
        dragFactor: 120,
      });
    });

    it('refuses an unknown id, an empty packet and a short payload', () => {
      expect(decodeMultiplexed(hex('7f 00'))).toEqual({ ok: false, error: 'PM5 0x0080: unknown multiplexed id 0x7f' });
      expect(decodeMultiplexed(hex('')).ok).toBe(false);
      expect(decodeMultiplexed(hex('32 00 00 00'))).toEqual({
        ok: false,
        error: 'PM5 0x0032: truncated: speedMps needs 2 bytes at offset 3, 0 left',
      });
    });
  });
});

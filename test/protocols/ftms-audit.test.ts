import { describe, expect, it } from 'vitest';
import { decodeCyclingPower } from '../../gateway/protocols/cycling-power.js';
import { decodeCrossTrainerData } from '../../gateway/protocols/ftms/cross-trainer.js';
import { decodeIndoorBikeData } from '../../gateway/protocols/ftms/indoor-bike.js';
import { decodeRowerData } from '../../gateway/protocols/ftms/rower.js';
import { decodeTreadmillData } from '../../gateway/protocols/ftms/treadmill.js';
import { decodeHeartRate } from '../../gateway/protocols/heart-rate.js';
import type { Result } from '../../gateway/protocols/result.js';
import { hex } from './hex.js';

/**
 * One vector per field: type, resolution and "not available" value as the Bluetooth SIG defines them, per
 * machine type. Each row sets one flag group; for groups other than bit 0 the More Data bit is set too, so the
 * instantaneous group (present when bit 0 is clear) stays out and the row pins that field alone.
 *
 * Sources (field tables): Fitness Machine Service 1.0 — Treadmill Data §4.4.1, Cross Trainer Data §4.5.1,
 * Rower Data §4.8.1, Indoor Bike Data §4.9.1; Heart Rate Service 1.0 §3.1.1 (Heart Rate Measurement);
 * Cycling Power Service 1.1 §3.2.1 (Cycling Power Measurement). Raw values are chosen so a wrong resolution,
 * a wrong signedness or a wrong width shows: negative values in SINT16 fields, 0.5 steps, 0.1 steps.
 */
type Row = [bit: number, fieldsHex: string, expected: Record<string, unknown>, note: string];

function frame(flags: number, flagBytes: number, fields: string): Buffer {
  const f = Buffer.alloc(flagBytes);
  f.writeUIntLE(flags, 0, flagBytes);
  return Buffer.concat([f, hex(fields)]);
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function audit(name: string, flagBytes: number, decode: (b: Buffer) => Result<object>, rows: Row[]): void {
  describe(name, () => {
    for (const [bit, fields, expected, note] of rows) {
      it(`flag bit ${bit}: ${note}`, () => {
        const flags = bit === 0 ? 0 : (1 << bit) | 1;
        const reading = value(decode(frame(flags, flagBytes, fields))) as Record<string, unknown>;
        const { moreData, direction, ...rest } = reading;
        expect(moreData).toBe(bit !== 0);
        expect(direction === undefined || direction === 'forward').toBe(true);
        expect(rest).toEqual(expected);
      });
    }
  });
}

const energy: Row[] = [
  [8, '64 00 58 02 0A', { energyKcal: 100, energyPerHourKcal: 600, energyPerMinuteKcal: 10 }, 'expended energy: uint16 kcal, uint16 kcal/h, uint8 kcal/min'],
  [8, 'FF FF FF FF FF', {}, 'expended energy: 0xFFFF, 0xFFFF, 0xFF are "data not available"'],
];
/** Energy, heart rate, MET, elapsed and remaining share their definition; only the flag bit moves. */
const tail = (energyBit: number): Row[] => [
  ...energy.map(([, f, e, n]) => [energyBit, f, e, n] as Row),
  [energyBit + 1, '8C', { heartRateBpm: 140 }, 'heart rate: uint8 bpm'],
  [energyBit + 2, '2D', { metabolicEquivalent: 4.5 }, 'metabolic equivalent: uint8, 0.1'],
  [energyBit + 3, '10 0E', { elapsedS: 3600 }, 'elapsed time: uint16 s'],
  [energyBit + 4, '2C 01', { remainingS: 300 }, 'remaining time: uint16 s'],
];

audit('FTMS 1.0 §4.8.1 Rower Data (0x2AD1)', 2, (b) => decodeRowerData(b), [
  [0, '3D 2A 00', { strokeRateSpm: 30.5, strokeCount: 42 }, 'stroke rate uint8 0.5/min, stroke count uint16'],
  [1, '3D', { avgStrokeRateSpm: 30.5 }, 'average stroke rate: uint8 0.5/min'],
  [2, 'A0 86 01', { distanceM: 100000 }, 'total distance: uint24 m'],
  [3, '78 00', { paceSecPer500m: 120 }, 'instantaneous pace: uint16 s per 500 m'],
  [4, '7D 00', { avgPaceSecPer500m: 125 }, 'average pace: uint16 s per 500 m'],
  [5, '38 FF', { powerW: -200 }, 'instantaneous power: sint16 W'],
  [6, '38 FF', { avgPowerW: -200 }, 'average power: sint16 W'],
  [7, 'FB FF', { resistanceLevel: -5 }, 'resistance level: sint16, resolution 1'],
  ...tail(8),
]);

audit('FTMS 1.0 §4.9.1 Indoor Bike Data (0x2AD2)', 2, (b) => decodeIndoorBikeData(b), [
  [0, 'E8 03', { speedMps: 2.778 }, 'instantaneous speed: uint16 0.01 km/h (10.00 km/h)'],
  [1, 'D0 07', { avgSpeedMps: 5.556 }, 'average speed: uint16 0.01 km/h (20.00 km/h)'],
  [2, 'B5 00', { cadenceRpm: 90.5 }, 'instantaneous cadence: uint16 0.5 rpm'],
  [3, 'B5 00', { avgCadenceRpm: 90.5 }, 'average cadence: uint16 0.5 rpm'],
  [4, '10 27 00', { distanceM: 10000 }, 'total distance: uint24 m'],
  [5, 'FB FF', { resistanceLevel: -5 }, 'resistance level: sint16, resolution 1'],
  [6, '06 FF', { powerW: -250 }, 'instantaneous power: sint16 W'],
  [7, 'F0 00', { avgPowerW: 240 }, 'average power: sint16 W'],
  ...tail(8),
]);

audit('FTMS 1.0 §4.4.1 Treadmill Data (0x2ACD)', 2, (b) => decodeTreadmillData(b), [
  [0, 'B0 04', { speedMps: 3.333 }, 'instantaneous speed: uint16 0.01 km/h (12.00 km/h)'],
  [1, 'B0 04', { avgSpeedMps: 3.333 }, 'average speed: uint16 0.01 km/h'],
  [2, '88 13 00', { distanceM: 5000 }, 'total distance: uint24 m'],
  [3, 'EC FF 96 00', { inclinationPct: -2, rampAngleDeg: 15 }, 'inclination sint16 0.1 %, ramp angle sint16 0.1°'],
  [3, 'FF 7F FF 7F', {}, 'inclination and ramp angle: 0x7FFF is "data not available"'],
  [4, '0F 00 05 00', { elevationGainM: 1.5, elevationLossM: 0.5 }, 'elevation gain and loss: uint16 0.1 m'],
  [5, '02', { paceSecPerKm: 300 }, 'instantaneous pace: uint8 0.1 km/min (0.2 km/min = 300 s/km)'],
  [6, '05', { avgPaceSecPerKm: 120 }, 'average pace: uint8 0.1 km/min'],
  ...tail(7),
  [12, '9C FF 64 00', { forceOnBeltN: -100, powerW: 100 }, 'force on belt sint16 N, power output sint16 W'],
]);

audit('FTMS 1.0 §4.5.1 Cross Trainer Data (0x2ACE)', 3, (b) => decodeCrossTrainerData(b), [
  [0, 'E8 03', { speedMps: 2.778 }, 'instantaneous speed: uint16 0.01 km/h'],
  [1, 'E8 03', { avgSpeedMps: 2.778 }, 'average speed: uint16 0.01 km/h'],
  [2, '10 27 00', { distanceM: 10000 }, 'total distance: uint24 m'],
  [3, '50 00 4B 00', { stepRateSpm: 80, avgStepRateSpm: 75 }, 'step per minute and average step rate: uint16 /min'],
  [4, '0F 00', { strideCount: 1.5 }, 'stride count: uint16, 0.1'],
  [5, '0A 00 03 00', { elevationGainM: 10, elevationLossM: 3 }, 'elevation gain and loss: uint16 m, resolution 1 (not 0.1 as on the treadmill)'],
  [6, 'EC FF 96 00', { inclinationPct: -2, rampAngleDeg: 15 }, 'inclination sint16 0.1 %, ramp angle sint16 0.1°'],
  [6, 'FF 7F FF 7F', {}, 'inclination and ramp angle: 0x7FFF is "data not available"'],
  [7, '2D 00', { resistanceLevel: 4.5 }, 'resistance level: sint16, resolution 0.1 (the bike and rower use 1)'],
  [8, '06 FF', { powerW: -250 }, 'instantaneous power: sint16 W'],
  [9, 'F0 00', { avgPowerW: 240 }, 'average power: sint16 W'],
  ...tail(10),
]);

describe('FTMS Cross Trainer Data direction (flag bit 15)', () => {
  it('reports backward movement from the flag alone', () => {
    expect(value(decodeCrossTrainerData(frame((1 << 15) | 1, 3, '')))).toEqual({ moreData: true, direction: 'backward' });
  });
});

describe('HRS 1.0 §3.1.1 Heart Rate Measurement (0x2A37)', () => {
  it.each<[string, object, string]>([
    ['00 48', { heartRateBpm: 72, sensorContact: null }, 'uint8 bpm, contact not supported'],
    ['01 2C 01', { heartRateBpm: 300, sensorContact: null }, 'flag bit 0: uint16 bpm'],
    ['04 48', { heartRateBpm: 72, sensorContact: 'not_detected' }, 'bit 2 supported, bit 1 clear: no contact'],
    ['06 48', { heartRateBpm: 72, sensorContact: 'detected' }, 'bits 1 and 2: contact detected'],
    ['08 48 10 27', { heartRateBpm: 72, sensorContact: null, energyKj: 10000 }, 'bit 3: energy expended uint16 kJ'],
    ['10 48 00 04 00 02', { heartRateBpm: 72, sensorContact: null, rrIntervalsS: [1, 0.5] }, 'bit 4: RR-intervals uint16 1/1024 s'],
  ])('%s → %j (%s)', (bytes, expected) => {
    expect(value(decodeHeartRate(hex(bytes)))).toEqual(expected);
  });
});

describe('CPS 1.1 §3.2.1 Cycling Power Measurement (0x2A63)', () => {
  const cps = (flags: number, fields: string) => value(decodeCyclingPower(frame(flags, 2, `38 FF ${fields}`)));
  it.each<[number, string, object, string]>([
    [0x0000, '', {}, 'instantaneous power: sint16 W (-200)'],
    [0x0003, '65', { pedalPowerBalancePct: 50.5, pedalPowerBalanceReference: 'left' }, 'bits 0–1: pedal power balance uint8 1/2 %, left reference'],
    [0x000c, '50 00', { accumulatedTorqueNm: 2.5, accumulatedTorqueSource: 'crank' }, 'bits 2–3: accumulated torque uint16 1/32 Nm, crank based'],
    [0x0010, '40 E2 01 00 00 10', { wheelRevolutions: 123456, lastWheelEventTime2048: 4096 }, 'bit 4: wheel revs uint32, event time uint16 1/2048 s'],
    [0x0020, '0A 00 00 04', { crankRevolutions: 10, lastCrankEventTime1024: 1024 }, 'bit 5: crank revs uint16, event time uint16 1/1024 s'],
    [0x0040, 'F4 01 9C FF', { maxForceN: 500, minForceN: -100 }, 'bit 6: extreme force magnitudes sint16 N'],
    [0x0080, '40 00 E0 FF', { maxTorqueNm: 2, minTorqueNm: -1 }, 'bit 7: extreme torque magnitudes sint16 1/32 Nm'],
    [0x0100, '5A 40 0B', { maxAngleDeg: 90, minAngleDeg: 180 }, 'bit 8: extreme angles, two uint12 °'],
    [0x0200, '0C 00', { topDeadSpotAngleDeg: 12 }, 'bit 9: top dead spot angle uint16 °'],
    [0x0400, 'C3 00', { bottomDeadSpotAngleDeg: 195 }, 'bit 10: bottom dead spot angle uint16 °'],
    [0x0800, 'E8 03', { accumulatedEnergyKj: 1000 }, 'bit 11: accumulated energy uint16 kJ'],
  ])('flags %i, fields %s → %j (%s)', (flags, fields, expected) => {
    expect(cps(flags, fields)).toEqual({ powerW: -200, ...expected });
  });
});

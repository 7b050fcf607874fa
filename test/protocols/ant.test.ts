import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { antAveragePowerW, decodeAntPower, type AntPowerPage } from '../../gateway/protocols/ant/bicycle-power.js';
import { decodeAntFitnessEquipment } from '../../gateway/protocols/ant/fitness-equipment.js';
import { antRrIntervalS, decodeAntHeartRate } from '../../gateway/protocols/ant/heart-rate.js';
import { decodeAntMessage } from '../../gateway/protocols/ant/message.js';
import type { Result } from '../../gateway/protocols/result.js';
import { accumulate, rolloverDelta, type RollingTotal } from '../../gateway/protocols/rollover.js';
import { hex } from './hex.js';

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/**
 * Vectors are built byte by byte from the page layouts of the ANT+ device profiles (Heart Rate Monitor rev 2.5
 * §5, Fitness Equipment rev 5.0 §6, Bicycle Power rev 5.1 §8), as the Nordic nRF5 SDK encodes them
 * (components/ant/ant_profiles/ant_hrm/pages/ant_hrm_page_*.c) and incyclist-ant-plus reads them
 * (src/sensors/fe.ts, src/sensors/hr.ts). No public capture with known decoded values was found for these pages.
 */
describe('ant-hr: ANT+ heart-rate pages 0–7', () => {
  it('page 0 (legacy strap): beat time, beat count, computed heart rate; toggle clear', () => {
    expect(value(decodeAntHeartRate(hex('00 FF FF FF 34 12 05 3C')))).toEqual({ page: 0, toggle: 0, heartRateBpm: 60, beatCount: 5, beatTime1024: 0x1234 });
  });

  it('computed heart rate 0 means no valid beat: null, not 0 bpm', () => {
    expect(value(decodeAntHeartRate(hex('80 FF FF FF 00 00 00 00'))).heartRateBpm).toBeNull();
  });

  it('page 4 with the toggle set: previous beat time gives the RR interval, across the 16-bit wrap too', () => {
    const page = value(decodeAntHeartRate(hex('84 FF 00 10 00 14 2A 48')));
    expect(page).toEqual({ page: 4, toggle: 1, heartRateBpm: 72, beatCount: 42, beatTime1024: 0x1400, previousBeatTime1024: 0x1000 });
    expect(antRrIntervalS(page)).toBe(1);
    // previous 0xFF00, current 0x0100: 512 ticks = 0.5 s, not -127.5 s
    expect(antRrIntervalS(value(decodeAntHeartRate(hex('04 00 00 FF 00 01 2B 78'))))).toBe(0.5);
  });

  it('background pages 1, 2, 3, 5, 6, 7', () => {
    expect(value(decodeAntHeartRate(hex('81 10 0E 00 00 00 00 48')))).toMatchObject({ page: 1, operatingTimeS: 7200 });
    expect(value(decodeAntHeartRate(hex('02 01 39 30 00 00 00 48')))).toMatchObject({ page: 2, manufacturerId: 1, serialNumberHigh16: 12345 });
    expect(value(decodeAntHeartRate(hex('83 05 07 0B 00 00 00 48')))).toMatchObject({ hardwareVersion: 5, softwareVersion: 7, modelNumber: 11 });
    expect(value(decodeAntHeartRate(hex('05 8C A0 82 00 00 00 48')))).toMatchObject({ intervalAvgHeartRateBpm: 140, intervalMaxHeartRateBpm: 160, sessionAvgHeartRateBpm: 130 });
    expect(value(decodeAntHeartRate(hex('86 FF 03 01 00 00 00 48')))).toMatchObject({ featuresSupported: 3, featuresEnabled: 1 });
    expect(value(decodeAntHeartRate(hex('07 55 80 23 00 00 00 48')))).toMatchObject({ batteryLevelPct: 85, batteryVoltageV: 3.5, batteryStatus: 'good' });
    expect(value(decodeAntHeartRate(hex('07 FF 00 7F 00 00 00 48')))).toMatchObject({ batteryStatus: 'invalid' });
    expect(value(decodeAntHeartRate(hex('07 FF 00 7F 00 00 00 48'))).batteryVoltageV).toBeUndefined();
  });

  it('refuses pages outside 0–7 and payloads that are not 8 bytes', () => {
    expect(decodeAntHeartRate(hex('08 FF FF FF 00 00 00 48'))).toEqual({ ok: false, error: 'ANT+ heart-rate page 8 is not one of 0–7' });
    expect(decodeAntHeartRate(hex('00 FF FF FF 00 00 00'))).toEqual({ ok: false, error: 'an ANT+ data page is 8 bytes, got 7' });
  });
});

describe('ant-fe: ANT+ fitness-equipment pages', () => {
  it('page 16 general: trainer, 60 s, 100 m, 1.000 m/s, 140 bpm from an ANT+ strap, in use', () => {
    expect(value(decodeAntFitnessEquipment(hex('10 19 F0 64 E8 03 8C 35')))).toEqual({
      page: 16,
      equipmentType: 'trainer',
      elapsedQuarterS: 240,
      distanceM: 100,
      speedMps: 1,
      virtualSpeed: false,
      heartRateBpm: 140,
      heartRateSource: 'ant',
      feState: 'in_use',
      lapToggle: 0,
    });
  });

  it('page 16: invalid speed and heart rate, distance not counted, virtual speed flag, lap toggle', () => {
    expect(value(decodeAntFitnessEquipment(hex('10 16 00 64 FF FF FF A8')))).toEqual({
      page: 16,
      equipmentType: 'rower',
      elapsedQuarterS: 0,
      virtualSpeed: true,
      feState: 'ready',
      lapToggle: 1,
    });
  });

  it('page 22 rower: strokes, cadence, power', () => {
    expect(value(decodeAntFitnessEquipment(hex('16 FF FF 2A 1C 96 00 30')))).toEqual({ page: 22, strokeCount: 42, cadencePerMin: 28, powerW: 150, feState: 'in_use', lapToggle: 0 });
  });

  it('page 24 Nordic skier: strides and cadence; power 0xFFFF is invalid', () => {
    expect(value(decodeAntFitnessEquipment(hex('18 FF FF 10 3C FF FF 20')))).toEqual({ page: 24, strokeCount: 16, cadencePerMin: 60, feState: 'ready', lapToggle: 0 });
  });

  it('page 25 trainer: event count, cadence, accumulated power, 12-bit power and trainer status', () => {
    expect(value(decodeAntFitnessEquipment(hex('19 05 5A 10 27 FA 00 30')))).toEqual({
      page: 25,
      eventCount: 5,
      cadenceRpm: 90,
      accumulatedPowerW: 10000,
      powerW: 250,
      powerCalibrationRequired: false,
      resistanceCalibrationRequired: false,
      userConfigurationRequired: false,
      targetPower: 'at_target',
      feState: 'in_use',
      lapToggle: 0,
    });
    // 0x3E8 = 1000 W in the low 12 bits; the high nibble of byte 6 is status (bit 4: power calibration).
    expect(value(decodeAntFitnessEquipment(hex('19 06 5A 10 27 E8 13 31')))).toMatchObject({ powerW: 1000, powerCalibrationRequired: true, targetPower: 'speed_too_low' });
    const invalid = value(decodeAntFitnessEquipment(hex('19 06 FF 10 27 FF 0F 33')));
    expect(invalid).toMatchObject({ targetPower: 'no_target' });
    expect(invalid).not.toHaveProperty('powerW');
    expect(invalid).not.toHaveProperty('cadenceRpm');
  });

  it('refuses pages it does not decode, naming the ones it does', () => {
    expect(decodeAntFitnessEquipment(hex('11 FF FF FF 00 00 FF 30'))).toEqual({
      ok: false,
      error: 'ANT+ fitness-equipment page 17 is not decoded (known: 16 general, 22 rower, 24 Nordic skier, 25 trainer)',
    });
  });
});

describe('ant-power: ANT+ bicycle-power page 0x10', () => {
  it('event count, right-pedal balance, cadence, accumulated and instantaneous power', () => {
    expect(value(decodeAntPower(hex('10 0C B2 5A 40 9C C8 00')))).toEqual({
      page: 0x10,
      eventCount: 12,
      pedalPowerBalancePct: 50,
      pedalPowerBalanceReference: 'right',
      cadenceRpm: 90,
      accumulatedPowerW: 40000,
      powerW: 200,
    });
  });

  it('0xFF balance and cadence are "not used": left out', () => {
    expect(value(decodeAntPower(hex('10 0C FF FF 40 9C C8 00')))).toEqual({ page: 0x10, eventCount: 12, accumulatedPowerW: 40000, powerW: 200 });
  });

  it('average power over a span where both counters wrap', () => {
    const a = value(decodeAntPower(hex('10 FF FF FF DC FF C8 00'))); // event 255, accumulated 65500
    const b = value(decodeAntPower(hex('10 01 FF FF 6C 01 C8 00'))); // event 1, accumulated 364 (65900 mod 65536)
    expect(antAveragePowerW(a, b)).toBe(200);
    expect(antAveragePowerW(b, b)).toBeNull();
  });

  it('refuses other pages', () => {
    expect(decodeAntPower(hex('12 01 FF FF 00 00 00 00')).ok).toBe(false);
  });
});

describe('rolling counters', () => {
  it('steps over the 8-bit wrap: 255 → 0 is one step (incyclist adds 255 there, one short)', () => {
    expect(rolloverDelta(255, 0, 256)).toBe(1);
    expect(rolloverDelta(250, 4, 256)).toBe(10);
    expect(rolloverDelta(7, 7, 256)).toBe(0);
  });

  it('steps over the 16-bit wrap: 65535 → 0 is one step', () => {
    expect(rolloverDelta(65535, 0, 65536)).toBe(1);
    expect(rolloverDelta(65500, 364, 65536)).toBe(400);
  });

  it('accumulates beat count, FE elapsed quarter-seconds and distance from their first value', () => {
    const fold = (values: number[], modulus: number) => values.reduce<RollingTotal | null>((s, v) => accumulate(s, v, modulus), null)!.total;
    expect(fold([254, 255, 0, 1], 256)).toBe(3); // beat count
    expect(fold([240, 252, 8], 256) / 4).toBe(6); // FE elapsed: 240 → 252 → 8 is 12 + 12 quarter-seconds = 6 s
    expect(fold([200, 250, 44, 100], 256)).toBe(156); // FE distance in metres
  });

  it('the total equals the true count for any run of steps smaller than the modulus', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 50 }), (start, steps) => {
        let state = accumulate(null, start, 256);
        let raw = start;
        for (const step of steps) {
          raw = (raw + step) % 256;
          state = accumulate(state, raw, 256);
        }
        return state.total === steps.reduce((a, b) => a + b, 0);
      }),
    );
  });

  it('ANT+ codecs never throw on 8 random bytes and decode every page byte consistently', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), (b) => {
        const results: Result<unknown>[] = [decodeAntHeartRate(b), decodeAntFitnessEquipment(b), decodeAntPower(b)];
        const power = decodeAntPower(b);
        if (power.ok) {
          const p: AntPowerPage = power.value;
          if (p.eventCount !== b[1] || p.powerW !== (b[6]! | (b[7]! << 8))) return false;
        }
        return results.every((r) => (r.ok ? typeof r.value === 'object' : r.error.length > 0));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('ANT+ captures', () => {
  // Source: john-38787364/antifier, tacx-interface.py, a message received from a power sensor, quoted with its
  // reading: "a4 09 4e 00 10 ec ff 00 be 4e 00 00 10 #10 power page be 4e accumulated power 00 00 instant power".
  it('a power-sensor broadcast through the ANT message layer, then the ant-power page codec', () => {
    const message = value(decodeAntMessage(hex('a4 09 4e 00 10 ec ff 00 be 4e 00 00 10')));
    expect(message).toEqual({ messageId: 0x4e, kind: 'broadcast', channel: 0, page: '10ecff00be4e0000' });
    expect(value(decodeAntPower(hex(message.page)))).toEqual({ page: 0x10, eventCount: 236, cadenceRpm: 0, accumulatedPowerW: 0x4ebe, powerW: 0 });
    // The same source's wheel-torque page (0x11) is refused by name, not misread as power.
    const torque = value(decodeAntMessage(hex('a4 09 4e 00 11 ec 98 00 7a 26 21 10 eb')));
    expect(decodeAntPower(hex(torque.page)).ok).toBe(false);
  });

  // Source: john-38787364/antifier, antifier.py: the FE-C general page it broadcasts, with its comment
  // "[10] general fe data, [19] eqpt type trainer, [89] … 0.25s r/over 64s, [8c] … dist … r/over 256m,
  // [8d] [20] speed lsb msb 0.001m/s, [00] hr, [30] capabilities bit field".
  it('an FE-C general page as antifier sends it: distance not flagged as counted, so left out', () => {
    const message = value(decodeAntMessage(hex('a4 09 4e 00 10 19 89 8c 8d 20 00 30 72')));
    expect(value(decodeAntFitnessEquipment(hex(message.page)))).toEqual({
      page: 16,
      equipmentType: 'trainer',
      elapsedQuarterS: 0x89,
      speedMps: 8.333,
      virtualSpeed: false,
      feState: 'in_use',
      lapToggle: 0,
    });
  });

  it('extended data names the device type, and the page is decoded by its codec', () => {
    // The power page above with flag 0x80: device number 12345, type 11 (bicycle power), transmission type 5.
    const body = [0x4e, 0x00, ...hex('10 ec ff 00 be 4e 00 00'), 0x80, 0x39, 0x30, 0x0b, 0x05];
    const framed = [0xa4, body.length - 1, ...body];
    const sum = framed.reduce((x, b) => x ^ b, 0);
    const message = value(decodeAntMessage(Uint8Array.from([...framed, sum])));
    expect(message).toMatchObject({ deviceNumber: 12345, deviceType: 11, transmissionType: 5, decoded: { eventCount: 236, accumulatedPowerW: 0x4ebe } });
  });

  it('refuses a bad checksum, a wrong length and non-data messages', () => {
    expect(decodeAntMessage(hex('a4 09 4e 00 10 ec ff 00 be 4e 00 00 11'))).toEqual({ ok: false, error: 'checksum mismatch: message says 0x11, expected 0x10' });
    expect(decodeAntMessage(hex('a4 09 4e 00 10 ec ff 00 be 4e 00 10'))).toEqual({ ok: false, error: 'length byte says 9 data bytes, so 13 bytes in all; got 12' });
    expect(decodeAntMessage(hex('a4 01 4b 00 ee'))).toEqual({ ok: false, error: 'message id 0x4b is not a data message (0x4e, 0x4f, 0x50)' });
  });

  // Source: john-38787364/antifier, "Heart Rate Sensor ANT Messages.txt": an ANT+ simulator's heart-rate sensor
  // at 72 bpm (0x48), 4 Hz; background pages every 65 messages, the toggle flipping every 4 messages.
  it('heart-rate pages from the antifier simulator log, beat count and beat time across their wraps', () => {
    expect(value(decodeAntHeartRate(hex('[03][01][01][33][2F][7F][73][48]')))).toMatchObject({ page: 3, toggle: 0, hardwareVersion: 1, softwareVersion: 1, modelNumber: 0x33 });
    expect(value(decodeAntHeartRate(hex('[81][38][00][00][D3][C1][87][48]')))).toMatchObject({ page: 1, toggle: 1, operatingTimeS: 112 });
    expect(value(decodeAntHeartRate(hex('[82][0F][01][00][C0][7F][C0][48]')))).toMatchObject({ page: 2, manufacturerId: 15, serialNumberHigh16: 1 });
    expect(value(decodeAntHeartRate(hex('[87][64][55][13][71][40][AD][48]')))).toMatchObject({ page: 7, batteryLevelPct: 100, batteryVoltageV: 3.332, batteryStatus: 'new' });

    // Consecutive beats in the log: 0xFDCD → 0x0122 (beat time wraps) and count 0xFF → 0x00 (count wraps).
    const log = ['[00][FF][FF][FF][CD][FD][99][48]', '[86][FF][00][00][22][01][9A][48]', '[80][FF][FF][FF][AB][51][FF][48]', '[80][FF][FF][FF][00][55][00][48]'];
    const [a, b, c, d] = log.map((l) => value(decodeAntHeartRate(hex(l))));
    expect(rolloverDelta(a!.beatTime1024, b!.beatTime1024, 0x10000)).toBe(853); // 853/1024 s = 72 bpm
    expect(rolloverDelta(a!.beatCount, b!.beatCount, 0x100)).toBe(1);
    expect(rolloverDelta(c!.beatCount, d!.beatCount, 0x100)).toBe(1);
    expect(Math.round((60 * 1024) / rolloverDelta(c!.beatTime1024, d!.beatTime1024, 0x10000))).toBe(d!.heartRateBpm);
  });
});

import { describe, expect, it } from 'vitest';
import { crankCadenceRpm, decodeCyclingPower, type CyclingPowerMeasurement } from '../../gateway/protocols/cycling-power.js';
import { hex } from './hex.js';

function measurement(bytes: string): CyclingPowerMeasurement {
  const result = decodeCyclingPower(hex(bytes));
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

// Source: doudar/SmartSpin2k test/CyclePowerData/test_CyclePowerData.cpp, "Data from session w/ Assioma Uno
// pedals", with the cadence the project expects beside each notification.
describe('Cycling Power Measurement 0x2A63', () => {
  it('decodes power and crank revolution data from Assioma Uno captures', () => {
    expect(measurement('20 00 00 00 01 00 00 0b')).toEqual({ powerW: 0, crankRevolutions: 1, lastCrankEventTime1024: 2816 });
    expect(measurement('20 00 2d 00 02 00 b8 12')).toEqual({ powerW: 45, crankRevolutions: 2, lastCrankEventTime1024: 4792 });
    expect(measurement('20 00 39 00 05 00 31 20')).toEqual({ powerW: 57, crankRevolutions: 5, lastCrankEventTime1024: 8241 });
  });

  it('derives cadence across two measurements, as SmartSpin2k expects (31.09, 48.38, 56.39 rpm)', () => {
    const t0 = measurement('20 00 00 00 01 00 00 0b');
    const t3 = measurement('20 00 2d 00 02 00 b8 12');
    const t5 = measurement('20 00 2e 00 03 00 ae 17');
    const t7 = measurement('20 00 39 00 05 00 31 20');
    const crank = (m: CyclingPowerMeasurement) => ({ crankRevolutions: m.crankRevolutions!, lastCrankEventTime1024: m.lastCrankEventTime1024! });
    expect(crankCadenceRpm(crank(t0), crank(t3))).toBeCloseTo(31.09, 2);
    expect(crankCadenceRpm(crank(t3), crank(t5))).toBeCloseTo(48.38, 2);
    expect(crankCadenceRpm(crank(t5), crank(t7))).toBeCloseTo(56.39, 2);
    // A repeated notification (no new crank event): no new cadence, the caller holds the last one.
    expect(crankCadenceRpm(crank(t7), crank(t7))).toBeNull();
  });

  it('handles the 16-bit counter rollover (SmartSpin2k t12 → t13)', () => {
    const t12 = measurement('20 00 00 00 ff ff ff ff');
    const t13 = measurement('20 00 2d 00 00 00 b7 07');
    expect(
      crankCadenceRpm(
        { crankRevolutions: t12.crankRevolutions!, lastCrankEventTime1024: t12.lastCrankEventTime1024! },
        { crankRevolutions: t13.crankRevolutions!, lastCrankEventTime1024: t13.lastCrankEventTime1024! },
      ),
    ).toBeCloseTo(31.09, 2);
  });

  it('refuses implausible counter jumps instead of reporting thousands of rpm', () => {
    expect(crankCadenceRpm({ crankRevolutions: 1, lastCrankEventTime1024: 0 }, { crankRevolutions: 500, lastCrankEventTime1024: 1024 })).toBeNull();
  });

  it('decodes balance, wheel data and accumulated energy in spec field order (CPS 1.1 §3.2, constructed)', () => {
    // flags 0x0811: balance present (50.0 %, reference unknown), wheel data, accumulated energy 12 kJ; power 200 W.
    expect(measurement('11 08 c8 00 64 10 27 00 00 00 08 0c 00')).toEqual({
      powerW: 200,
      pedalPowerBalancePct: 50,
      pedalPowerBalanceReference: 'unknown',
      wheelRevolutions: 10000,
      lastWheelEventTime2048: 2048,
      accumulatedEnergyKj: 12,
    });
  });

  it('reports a truncated measurement as an error', () => {
    expect(decodeCyclingPower(hex('20 00 2d 00 02 00 b8'))).toEqual({
      ok: false,
      error: 'truncated: lastCrankEventTime needs 2 bytes at offset 6, 1 left',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { decodeHeartRate } from '../../gateway/protocols/heart-rate.js';
import { hex } from './hex.js';

// Source of the vectors: RonanB96/bluetooth-sig-python, tests/gatt/characteristics/test_heart_rate_measurement.py,
// which follows the Heart Rate Service 1.0 / GATT Specification Supplement layout of 0x2A37.
describe('Heart Rate Measurement 0x2A37', () => {
  it('reads an 8-bit heart rate from a strap without contact detection', () => {
    expect(decodeHeartRate(hex('00 50'))).toEqual({ ok: true, value: { heartRateBpm: 80, sensorContact: null } });
  });

  it('reads a 16-bit heart rate', () => {
    expect(decodeHeartRate(hex('01 C8 00'))).toEqual({ ok: true, value: { heartRateBpm: 200, sensorContact: null } });
  });

  it('reads sensor contact and energy expended (kJ)', () => {
    expect(decodeHeartRate(hex('0E 4B 80 00'))).toEqual({
      ok: true,
      value: { heartRateBpm: 75, sensorContact: 'detected', energyKj: 128 },
    });
  });

  it('reads RR intervals in 1/1024 s as seconds', () => {
    expect(decodeHeartRate(hex('10 5A 00 08 00 10'))).toEqual({
      ok: true,
      value: { heartRateBpm: 90, sensorContact: null, rrIntervalsS: [2, 4] },
    });
  });

  it('reports a strap that lost skin contact', () => {
    // Flags 0x04: contact supported, not detected (HRS 1.0 §3.1.1.2).
    expect(decodeHeartRate(hex('04 00'))).toEqual({ ok: true, value: { heartRateBpm: 0, sensorContact: 'not_detected' } });
  });

  it('refuses a half RR interval and an empty notification', () => {
    expect(decodeHeartRate(hex('10 5A 00 08 00')).ok).toBe(false);
    expect(decodeHeartRate(hex(''))).toEqual({ ok: false, error: 'truncated: flags needs 1 byte at offset 0, 0 left' });
  });
});

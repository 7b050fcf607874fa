import { ByteReader } from './bytes.js';
import { err, type Result } from './result.js';
import { round } from './units.js';

/** Heart Rate Measurement (0x2A37), Bluetooth SIG Heart Rate Service 1.0 §3.1. */
export interface HeartRateReading {
  heartRateBpm: number;
  /** null when the strap does not support contact detection. */
  sensorContact: 'detected' | 'not_detected' | null;
  /** Cumulative energy since the last reset; the service reports kilojoules. */
  energyKj?: number;
  /** Beat-to-beat intervals, oldest first (sent in 1/1024 s). */
  rrIntervalsS?: number[];
}

const FLAG_UINT16 = 0x01;
const FLAG_CONTACT_DETECTED = 0x02;
const FLAG_CONTACT_SUPPORTED = 0x04;
const FLAG_ENERGY = 0x08;
const FLAG_RR = 0x10;

export function decodeHeartRate(bytes: Uint8Array): Result<HeartRateReading> {
  const r = new ByteReader(bytes);
  const flags = r.uint8('flags');
  if (r.failed) return r.result(null as never);
  const reading: HeartRateReading = {
    heartRateBpm: flags & FLAG_UINT16 ? r.uint16('heartRate') : r.uint8('heartRate'),
    sensorContact: flags & FLAG_CONTACT_SUPPORTED ? (flags & FLAG_CONTACT_DETECTED ? 'detected' : 'not_detected') : null,
  };
  if (flags & FLAG_ENERGY) reading.energyKj = r.uint16('energyExpended');
  if (flags & FLAG_RR) {
    if (r.remaining % 2 !== 0) return err(`RR-intervals: ${r.remaining} bytes left, expected pairs of 2`);
    const rr: number[] = [];
    while (!r.failed && r.remaining >= 2) rr.push(round(r.uint16('rrInterval') / 1024, 4));
    reading.rrIntervalsS = rr;
  }
  return r.result(reading);
}

import { err, ok, type Result } from '../result.js';
import { rolloverDelta } from '../rollover.js';
import { round } from '../units.js';
import { checkPage, u16, u24 } from './page.js';

/**
 * ANT+ Heart Rate Monitor data pages 0–7 (ANT+ Device Profile "Heart Rate Monitor" rev 2.5, §5; the same
 * layout is read by openant `openant/devices/heart_rate.py` and GoldenCheetah `src/ANT/ANTChannel.cpp`).
 *
 * Every page ends in the same four bytes: heart-beat event time (uint16, 1/1024 s, wraps at 64 s), heart-beat
 * count (uint8, wraps at 256) and computed heart rate (uint8, bpm; 0 = invalid). Byte 0 is the page number in
 * bits 0–6 and the page-change toggle in bit 7. A strap that never flips the toggle is a legacy strap whose
 * bytes 1–3 mean nothing: one page cannot tell, so the codec reports the toggle and the caller that sees the
 * stream ignores the page-specific fields until the toggle has flipped.
 */
export interface AntHeartRatePage {
  page: number;
  /** Bit 7 of byte 0; flips every 4 messages on straps that send real page data. */
  toggle: 0 | 1;
  /** null when the strap reports 0 (no valid beat yet). */
  heartRateBpm: number | null;
  /** Raw heart-beat count, 0–255 (see rollover.ts to accumulate). */
  beatCount: number;
  /** Raw heart-beat event time in 1/1024 s, 0–65535. */
  beatTime1024: number;
  /** Page 4: event time of the previous beat, 1/1024 s. */
  previousBeatTime1024?: number;
  /** Page 1: cumulative operating time in seconds (sent in 2 s steps). */
  operatingTimeS?: number;
  /** Page 2. */
  manufacturerId?: number;
  serialNumberHigh16?: number;
  /** Page 3. */
  hardwareVersion?: number;
  softwareVersion?: number;
  modelNumber?: number;
  /** Page 5 (swimming interval summary). */
  intervalAvgHeartRateBpm?: number;
  intervalMaxHeartRateBpm?: number;
  sessionAvgHeartRateBpm?: number;
  /** Page 6: feature bits supported and enabled. */
  featuresSupported?: number;
  featuresEnabled?: number;
  /** Page 7. */
  batteryLevelPct?: number;
  batteryVoltageV?: number;
  batteryStatus?: 'new' | 'good' | 'ok' | 'low' | 'critical' | 'invalid' | 'reserved';
}

const BATTERY_STATUS = ['reserved', 'new', 'good', 'ok', 'low', 'critical', 'reserved', 'invalid'] as const;

export function decodeAntHeartRate(bytes: Uint8Array): Result<AntHeartRatePage> {
  const checked = checkPage(bytes);
  if (!checked.ok) return checked;
  const b = checked.value;
  const page = b[0]! & 0x7f;
  if (page > 7) return err(`ANT+ heart-rate page ${page} is not one of 0–7`);
  const hr = b[7]!;
  const out: AntHeartRatePage = {
    page,
    toggle: b[0]! & 0x80 ? 1 : 0,
    heartRateBpm: hr === 0 ? null : hr,
    beatCount: b[6]!,
    beatTime1024: u16(b, 4),
  };
  switch (page) {
    case 1:
      out.operatingTimeS = u24(b, 1) * 2;
      break;
    case 2:
      out.manufacturerId = b[1]!;
      out.serialNumberHigh16 = u16(b, 2);
      break;
    case 3:
      out.hardwareVersion = b[1]!;
      out.softwareVersion = b[2]!;
      out.modelNumber = b[3]!;
      break;
    case 4:
      out.previousBeatTime1024 = u16(b, 2);
      break;
    case 5:
      out.intervalAvgHeartRateBpm = b[1]!;
      out.intervalMaxHeartRateBpm = b[2]!;
      out.sessionAvgHeartRateBpm = b[3]!;
      break;
    case 6:
      out.featuresSupported = b[2]!;
      out.featuresEnabled = b[3]!;
      break;
    case 7: {
      // 0xFF level = not used; voltage = coarse (bits 0–3 of byte 3, 0xF = invalid) + fractional/256 V.
      if (b[1] !== 0xff) out.batteryLevelPct = b[1]!;
      const coarse = b[3]! & 0x0f;
      if (coarse !== 0x0f) out.batteryVoltageV = round(coarse + b[2]! / 256, 3);
      out.batteryStatus = BATTERY_STATUS[(b[3]! >> 4) & 0x07]!;
      break;
    }
  }
  return ok(out);
}

/** RR interval in seconds between two beats from page 4 (previous and current event time), wrap-safe. */
export function antRrIntervalS(page: AntHeartRatePage): number | null {
  if (page.previousBeatTime1024 === undefined) return null;
  const ticks = rolloverDelta(page.previousBeatTime1024, page.beatTime1024, 0x10000);
  return ticks === 0 ? null : round(ticks / 1024, 4);
}

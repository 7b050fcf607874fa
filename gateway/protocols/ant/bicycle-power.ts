import { err, ok, type Result } from '../result.js';
import { rolloverDelta } from '../rollover.js';
import { checkPage, u16 } from './page.js';

/**
 * ANT+ Bicycle Power page 0x10 "Standard Power-Only" (ANT+ Device Profile "Bicycle Power" rev 5.1 §8.2;
 * cross-checked with openant `openant/devices/power_meter.py` and GoldenCheetah `src/ANT/ANTChannel.cpp`).
 * Event count (uint8) and accumulated power (uint16, W) wrap: average power over a span is
 * Δaccumulated / Δevents, both taken with rollover.ts.
 */
export interface AntPowerPage {
  page: 0x10;
  /** Raw update event count, 0–255. */
  eventCount: number;
  /** Byte 2 bits 0–6, % of total power; absent when byte 2 is 0xFF (not used). */
  pedalPowerBalancePct?: number;
  /** Byte 2 bit 7: the balance is the right pedal's share; otherwise the pedal is unknown. */
  pedalPowerBalanceReference?: 'right' | 'unknown';
  /** Absent when 0xFF (no cadence sensor). */
  cadenceRpm?: number;
  /** Raw accumulated power, W, 0–65535. */
  accumulatedPowerW: number;
  powerW: number;
}

export function decodeAntPower(bytes: Uint8Array): Result<AntPowerPage> {
  const checked = checkPage(bytes);
  if (!checked.ok) return checked;
  const b = checked.value;
  if (b[0] !== 0x10) return err(`ANT+ bicycle-power page 0x${b[0]!.toString(16).padStart(2, '0')} is not decoded (known: 0x10 standard power-only)`);
  const out: AntPowerPage = { page: 0x10, eventCount: b[1]!, accumulatedPowerW: u16(b, 4), powerW: u16(b, 6) };
  if (b[2] !== 0xff) {
    out.pedalPowerBalancePct = b[2]! & 0x7f;
    out.pedalPowerBalanceReference = b[2]! & 0x80 ? 'right' : 'unknown';
  }
  if (b[3] !== 0xff) out.cadenceRpm = b[3]!;
  return ok(out);
}

/** Average power between two pages: Δaccumulated / Δevents with both counters' wraps; null when no new event. */
export function antAveragePowerW(previous: AntPowerPage, current: AntPowerPage): number | null {
  const events = rolloverDelta(previous.eventCount, current.eventCount, 0x100);
  if (events === 0) return null;
  const watts = rolloverDelta(previous.accumulatedPowerW, current.accumulatedPowerW, 0x10000);
  return Math.round((watts / events) * 10) / 10;
}

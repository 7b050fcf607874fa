import { err, ok, type Result } from '../result.js';
import { round } from '../units.js';
import { checkPage, u16 } from './page.js';

/**
 * ANT+ Fitness Equipment (FE-C) data pages (ANT+ Device Profile "Fitness Equipment" rev 5.0: page 16 §6.5.2,
 * page 22 §6.6.5, page 24 §6.6.6, page 25 §6.6.7; cross-checked with incyclist-ant-plus `src/sensors/fe.ts`
 * and openant `openant/devices/fitness_equipment.py`).
 *
 * Page 24 (0x18) is the Nordic-skier page; the trainer/stationary-bike page is 25 (0x19).
 * Counters are raw and wrap (elapsed ¼ s at 256 = 64 s, distance at 256 m, strokes/strides at 256,
 * event count at 256, accumulated power at 65536 W): rebuild totals with rollover.ts.
 */
export type FeState = 'asleep' | 'ready' | 'in_use' | 'finished' | 'reserved';
const FE_STATES: Record<number, FeState> = { 1: 'asleep', 2: 'ready', 3: 'in_use', 4: 'finished' };

/** Equipment type, byte 1 bits 0–4 of page 16 (FE profile table 6-7). */
const EQUIPMENT: Record<number, string> = {
  16: 'general',
  19: 'treadmill',
  20: 'elliptical',
  21: 'stationary_bike',
  22: 'rower',
  23: 'climber',
  24: 'nordic_skier',
  25: 'trainer',
};

interface FeCommon {
  page: number;
  /** Byte 7 bits 4–6. */
  feState: FeState;
  /** Byte 7 bit 7: flips when the user presses lap. */
  lapToggle: 0 | 1;
}

export interface FeGeneralPage extends FeCommon {
  page: 16;
  equipmentType: string;
  /** Raw elapsed time in ¼ s, 0–255 (wraps at 64 s). */
  elapsedQuarterS: number;
  /** Raw distance in metres, 0–255; absent when the equipment says it does not count distance. */
  distanceM?: number;
  /** Absent when 0xFFFF (invalid). */
  speedMps?: number;
  /** True when the speed is simulated (virtual speed flag). */
  virtualSpeed: boolean;
  /** Absent when 0xFF (invalid) or when no heart-rate source is reported. */
  heartRateBpm?: number;
  heartRateSource?: 'ant' | 'em_5khz' | 'hand_contact';
}

export interface FeStrokePage extends FeCommon {
  page: 22 | 24;
  /** Raw strokes (rower) or strides (Nordic skier), 0–255. */
  strokeCount: number;
  /** Strokes or strides per minute; absent when 0xFF. */
  cadencePerMin?: number;
  /** Absent when 0xFFFF. */
  powerW?: number;
}

export interface FeTrainerPage extends FeCommon {
  page: 25;
  /** Raw update event count, 0–255. */
  eventCount: number;
  /** Absent when 0xFF. */
  cadenceRpm?: number;
  /** Raw accumulated power, W, 0–65535. */
  accumulatedPowerW: number;
  /** 12 bits; absent when 0xFFF. */
  powerW?: number;
  /** Byte 6 bits 4–7: calibration / configuration requests. */
  powerCalibrationRequired: boolean;
  resistanceCalibrationRequired: boolean;
  userConfigurationRequired: boolean;
  /** Byte 7 bits 0–1. */
  targetPower: 'at_target' | 'speed_too_low' | 'speed_too_high' | 'no_target';
}

export type FePage = FeGeneralPage | FeStrokePage | FeTrainerPage;

const TARGET = ['at_target', 'speed_too_low', 'speed_too_high', 'no_target'] as const;
const HR_SOURCE = [undefined, 'ant', 'em_5khz', 'hand_contact'] as const;

function common(b: Uint8Array): Omit<FeCommon, 'page'> {
  return { feState: FE_STATES[(b[7]! >> 4) & 0x07] ?? 'reserved', lapToggle: b[7]! & 0x80 ? 1 : 0 };
}

export function decodeAntFitnessEquipment(bytes: Uint8Array): Result<FePage> {
  const checked = checkPage(bytes);
  if (!checked.ok) return checked;
  const b = checked.value;
  switch (b[0]) {
    case 16: {
      const type = b[1]! & 0x1f;
      const out: FeGeneralPage = {
        page: 16,
        ...common(b),
        equipmentType: EQUIPMENT[type] ?? `reserved_${type}`,
        elapsedQuarterS: b[2]!,
        virtualSpeed: (b[7]! & 0x08) !== 0,
      };
      if (b[7]! & 0x04) out.distanceM = b[3]!;
      const speed = u16(b, 4);
      if (speed !== 0xffff) out.speedMps = round(speed / 1000, 3);
      const source = HR_SOURCE[b[7]! & 0x03];
      if (b[6] !== 0xff && source) {
        out.heartRateBpm = b[6]!;
        out.heartRateSource = source;
      }
      return ok(out);
    }
    case 22:
    case 24: {
      const out: FeStrokePage = { page: b[0], ...common(b), strokeCount: b[3]! };
      if (b[4] !== 0xff) out.cadencePerMin = b[4]!;
      const power = u16(b, 5);
      if (power !== 0xffff) out.powerW = power;
      return ok(out);
    }
    case 25: {
      const power = u16(b, 5) & 0x0fff;
      const status = b[6]! >> 4;
      const out: FeTrainerPage = {
        page: 25,
        ...common(b),
        eventCount: b[1]!,
        accumulatedPowerW: u16(b, 3),
        powerCalibrationRequired: (status & 0x1) !== 0,
        resistanceCalibrationRequired: (status & 0x2) !== 0,
        userConfigurationRequired: (status & 0x4) !== 0,
        targetPower: TARGET[b[7]! & 0x03]!,
      };
      if (b[2] !== 0xff) out.cadenceRpm = b[2]!;
      if (power !== 0xfff) out.powerW = power;
      return ok(out);
    }
    default:
      return err(`ANT+ fitness-equipment page ${b[0]} is not decoded (known: 16 general, 22 rower, 24 Nordic skier, 25 trainer)`);
  }
}

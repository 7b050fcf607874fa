import type { CodecEntry } from '../codec.js';
import { decodeAntPower } from './bicycle-power.js';
import { decodeAntFitnessEquipment } from './fitness-equipment.js';
import { decodeAntHeartRate } from './heart-rate.js';
import { decodeAntMessage } from './message.js';

/** The ANT+ data-page codecs (8 payload bytes of a broadcast data message), by registry name. */
export const antCodecs: Record<string, CodecEntry> = {
  'ant-hr': { description: 'ANT+ heart-rate data page 0–7 (8 bytes; toggle bit, beat time 1/1024 s, beat count, bpm)', decode: decodeAntHeartRate },
  'ant-fe': { description: 'ANT+ fitness-equipment data page 16 general, 22 rower, 24 Nordic skier, 25 trainer (8 bytes)', decode: decodeAntFitnessEquipment },
  'ant-message': { description: 'ANT serial message (A4 len id … checksum): data messages → channel, page, extended channel id; page decoded by device type', decode: decodeAntMessage },
  'ant-power': { description: 'ANT+ bicycle-power data page 0x10 standard power-only (8 bytes)', decode: decodeAntPower },
};

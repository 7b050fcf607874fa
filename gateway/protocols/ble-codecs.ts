import { decodeCyclingPower } from './cycling-power.js';
import { decodeCrossTrainerData } from './ftms/cross-trainer.js';
import { decodeFitnessMachineFeature } from './ftms/feature.js';
import { decodeIndoorBikeData } from './ftms/indoor-bike.js';
import { decodeFitnessMachineStatus } from './ftms/machine-status.js';
import { decodeRowerData } from './ftms/rower.js';
import { decodeTreadmillData } from './ftms/treadmill.js';
import { decodeHeartRate } from './heart-rate.js';
import { decodeMultiplexed } from './pm5/multiplexed.js';
import { decodeAdditionalSplitData, decodeSplitData } from './pm5/split.js';
import { decodeAdditionalStatus1, decodeAdditionalStatus2, decodeGeneralStatus } from './pm5/status.js';
import { decodeAdditionalStrokeData, decodeStrokeData } from './pm5/stroke.js';
import { decodeWorkoutAdditionalSummary, decodeWorkoutSummary } from './pm5/summary.js';
import type { CodecEntry } from './codec.js';

/** The Bluetooth LE codecs (FTMS, heart rate, cycling power, Concept2 PM5), by registry name. */
export const bleCodecs: Record<string, CodecEntry> = {
  'ftms-rower': { description: 'FTMS Rower Data 0x2AD1', decode: (b) => decodeRowerData(b) },
  'ftms-bike': { description: 'FTMS Indoor Bike Data 0x2AD2', decode: (b) => decodeIndoorBikeData(b) },
  'ftms-treadmill': { description: 'FTMS Treadmill Data 0x2ACD', decode: (b) => decodeTreadmillData(b) },
  'ftms-cross-trainer': { description: 'FTMS Cross Trainer Data 0x2ACE', decode: (b) => decodeCrossTrainerData(b) },
  'ftms-feature': { description: 'FTMS Fitness Machine Feature 0x2ACC', decode: decodeFitnessMachineFeature },
  'ftms-status': { description: 'FTMS Fitness Machine Status 0x2ADA', decode: decodeFitnessMachineStatus },
  hr: { description: 'Heart Rate Measurement 0x2A37', decode: decodeHeartRate },
  'cycling-power': { description: 'Cycling Power Measurement 0x2A63', decode: decodeCyclingPower },
  'pm5-0031': { description: 'Concept2 PM5 general status', decode: decodeGeneralStatus },
  'pm5-0032': { description: 'Concept2 PM5 additional status 1', decode: (b) => decodeAdditionalStatus1(b) },
  'pm5-0033': { description: 'Concept2 PM5 additional status 2', decode: (b) => decodeAdditionalStatus2(b) },
  'pm5-0035': { description: 'Concept2 PM5 stroke data', decode: (b) => decodeStrokeData(b) },
  'pm5-0036': { description: 'Concept2 PM5 additional stroke data (stroke power)', decode: (b) => decodeAdditionalStrokeData(b) },
  'pm5-0037': { description: 'Concept2 PM5 split/interval data', decode: (b) => decodeSplitData(b) },
  'pm5-0038': { description: 'Concept2 PM5 additional split/interval data', decode: decodeAdditionalSplitData },
  'pm5-0039': { description: 'Concept2 PM5 end-of-workout summary', decode: (b) => decodeWorkoutSummary(b) },
  'pm5-003a': { description: 'Concept2 PM5 end-of-workout additional summary', decode: (b) => decodeWorkoutAdditionalSummary(b) },
  'pm5-0080': { description: 'Concept2 PM5 multiplexed (first byte = id of the wrapped characteristic)', decode: (b) => decodeMultiplexed(b) },
};

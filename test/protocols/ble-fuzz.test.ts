import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bleCodecs } from '../../gateway/protocols/ble-codecs.js';
import { crankCadenceRpm } from '../../gateway/protocols/cycling-power.js';
import { decodeCrossTrainerData } from '../../gateway/protocols/ftms/cross-trainer.js';
import { decodeIndoorBikeData } from '../../gateway/protocols/ftms/indoor-bike.js';
import { mergeFtmsPart, type MergeStep } from '../../gateway/protocols/ftms/merge.js';
import { decodeRowerData, type RowerData } from '../../gateway/protocols/ftms/rower.js';
import { decodeTreadmillData } from '../../gateway/protocols/ftms/treadmill.js';
import { decodeMultiplexed } from '../../gateway/protocols/pm5/multiplexed.js';
import { decodeAdditionalStatus2 } from '../../gateway/protocols/pm5/status.js';
import type { Result } from '../../gateway/protocols/result.js';
import { hex } from './hex.js';

/** A well-formed answer: a value, or an error string. Never an exception, never a half-built object. */
function wellFormed(result: Result<unknown>): boolean {
  return result.ok ? typeof result.value === 'object' && result.value !== null : typeof result.error === 'string' && result.error.length > 0;
}

const bytes = fc.uint8Array({ minLength: 0, maxLength: 40 });

/** Valid vectors from the codec tests: their truncations exercise every field boundary. */
const valid: Array<[codec: string, hex: string]> = [
  ['ftms-rower', 'F8-00-26-0B-00-C7-00-00-00-2C-00-1B-00-02-00'],
  ['ftms-bike', '54 08 b9 06 b0 00 86 0d 00 45 00 20 01'],
  ['ftms-treadmill', '02 01 E2 04 B0 04 9B'],
  ['ftms-cross-trainer', '1C 05 00 E8 03 B8 0B 00 78 00 73 00 F4 01 C8 00 2C 01 90 01 07'],
  ['ftms-feature', '80 74 00 00 1F 20 00 00'],
  ['ftms-status', '12 b8 0b 2a 03 28 31'],
  ['hr', '10 5A 00 08 00 10'],
  ['cycling-power', '11 08 c8 00 64 10 27 00 00 00 08 0c 00'],
  ['pm5-0031', '40 e2 01 ca a8 00 01 ff 01 01 02 00 00 00 d0 07 00 80 78'],
  ['pm5-0035', '40 e2 01 ca a8 00 8e 50 91 00 ed 03 08 07 b0 04 34 21 41 01'],
  ['pm5-0080', '32 40 e2 01 1b 10 1c 96 5f 2f da 2f 00 00 00 00 00 c8 00 00'],
];

describe('BLE codecs never throw', () => {
  for (const [name, codec] of Object.entries(bleCodecs)) {
    it(`${name}: random bytes give a reading or an error`, () => {
      fc.assert(fc.property(bytes, (b) => wellFormed(codec.decode(b))), { numRuns: 500 });
    });
  }

  it('every truncation of a valid vector is an error, never an exception', () => {
    for (const [name, text] of valid) {
      const full = hex(text);
      expect(bleCodecs[name]!.decode(full).ok, name).toBe(true);
      for (let n = 0; n < full.length; n++) {
        const result = bleCodecs[name]!.decode(full.subarray(0, n));
        expect(wellFormed(result), `${name} cut to ${n}`).toBe(true);
      }
    }
  });

  it('codecs with per-model settings never throw under any setting', () => {
    const settings = fc.record({
      resistanceField: fc.constantFrom('sint16' as const, 'uint8' as const),
      resistanceScale: fc.constantFrom(1, 10, 0.1),
      treadmillPace: fc.constantFrom('uint8-km-per-min' as const, 'uint16-s-per-km' as const),
    });
    fc.assert(
      fc.property(bytes, settings, fc.constantFrom(0.1 as const, 0.01 as const), (b, o, split) =>
        [
          decodeRowerData(b, o),
          decodeIndoorBikeData(b, o),
          decodeTreadmillData(b, o),
          decodeCrossTrainerData(b, o),
          decodeMultiplexed(b, { splitTimeUnitS: split }),
          decodeAdditionalStatus2(b, 'multiplexed', { splitTimeUnitS: split }),
        ].every(wellFormed),
      ),
      { numRuns: 500 },
    );
  });

  it('the FTMS merger and the cadence function accept any sequence', () => {
    fc.assert(
      fc.property(fc.array(bytes, { maxLength: 20 }), (notifications) => {
        let pending: RowerData | null = null;
        for (const n of notifications) {
          const decoded = decodeRowerData(n);
          if (!decoded.ok) continue;
          const step: MergeStep<RowerData> = mergeFtmsPart(pending, decoded.value);
          pending = step.pending;
          if (step.complete.some((r) => r.moreData)) return false;
        }
        return true;
      }),
    );
    const crank = fc.record({ crankRevolutions: fc.integer({ min: 0, max: 0xffff }), lastCrankEventTime1024: fc.integer({ min: 0, max: 0xffff }) });
    fc.assert(
      fc.property(crank, crank, (a, b) => {
        const rpm = crankCadenceRpm(a, b);
        return rpm === null || (rpm > 0 && rpm <= 250);
      }),
    );
  });
});

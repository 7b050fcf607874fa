import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFrame } from '../../gateway/protocols/csafe/frame.js';
import { decodeCsafeRequest } from '../../gateway/protocols/csafe/request.js';
import { decodeTreadmillData } from '../../gateway/protocols/ftms/treadmill.js';
import { decodePolarHrAdvertisement } from '../../gateway/protocols/polar-hr-adv.js';
import { codecNames, codecs } from '../../gateway/protocols/registry.js';
import type { Result } from '../../gateway/protocols/result.js';

/** A reading (an object) or an error with a reason; never an exception. */
function wellFormed(result: Result<unknown>): boolean {
  return result.ok ? typeof result.value === 'object' && result.value !== null : typeof result.error === 'string' && result.error.length > 0;
}

describe('every registered codec never throws', () => {
  it('the registry lists the new codecs', () => {
    expect(codecNames()).toEqual(expect.arrayContaining(['polar-hr-adv', 'polar-manufacturer-data', 'ant-hr', 'ant-fe', 'ant-power', 'csafe-request']));
  });

  for (const name of codecNames()) {
    it(`${name}: random bytes give a reading or an error`, () => {
      fc.assert(fc.property(fc.uint8Array({ maxLength: 40 }), (b) => wellFormed(codecs[name]!.decode(b))), { numRuns: 300 });
    });
  }

  it('csafe-request: well-formed frames around random contents never throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }), fc.option(fc.record({ destination: fc.nat(255), source: fc.nat(255) }), { nil: undefined }), (contents, address) =>
        wellFormed(decodeCsafeRequest(encodeFrame(contents, address))),
      ),
    );
  });

  it('polar-hr-adv: any chain of data blocks followed by a heart-rate block is read, blocks skipped', () => {
    const block = fc.uint8Array({ maxLength: 10 }).chain((data) => fc.integer({ min: 0x40, max: 0x7f }).map((head) => [head, data.length, ...data]));
    const hrBlock = fc.tuple(fc.integer({ min: 0, max: 0xff }).map((s) => s & ~0x40), fc.uint8Array({ minLength: 2, maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(block, { maxLength: 4 }), hrBlock, (blocks, [status, rest]) => {
        const result = decodePolarHrAdvertisement(Uint8Array.from([...blocks.flat(), status, ...rest]));
        return result.ok && result.value.skippedBlocks === blocks.length && (result.value.heartRateBpm === null) === !(status & 0x02);
      }),
    );
  });

  it('FTMS with a model profile: any ignoreFlagBits setting never throws', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.array(fc.integer({ min: 1, max: 23 }), { maxLength: 5 }), (b, ignoreFlagBits) =>
        wellFormed(decodeTreadmillData(b, { ignoreFlagBits })),
      ),
    );
  });
});

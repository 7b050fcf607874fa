import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRdm6300Frame, encodeRdm6300Frame, Rdm6300Splitter, TagPresence } from '../../gateway/protocols/rdm6300.js';

/**
 * Source [SEEED]: Seeed Studio RDM630 datasheet and the "Grove - 125KHz RFID Reader" wiki, "TTL interface RS232
 * data output format": card number 62E3086CED → output 36H 32H 45H 33H 30H 38H 36H 43H 45H 44H, checksum
 * (62H) XOR (E3H) XOR (08H) XOR (6CH) XOR (EDH) = 08H, framed by 02 … 03.
 */
const SEEED_FRAME = Buffer.from([0x02, 0x36, 0x32, 0x45, 0x33, 0x30, 0x38, 0x36, 0x43, 0x45, 0x44, 0x30, 0x38, 0x03]);

describe('RDM6300 frames', () => {
  it('decodes the datasheet example [SEEED]', () => {
    expect(decodeRdm6300Frame(SEEED_FRAME)).toEqual({
      ok: true,
      value: { tag: '62E3086CED', version: 0x62, cardNumber: 0xe3086ced },
    });
    expect(encodeRdm6300Frame('62e3086ced')).toEqual(SEEED_FRAME);
  });

  it('refuses a wrong checksum, a non-hex character, a wrong length or missing 02/03, saying which', () => {
    const badSum = Buffer.from(SEEED_FRAME);
    badSum[12] = 0x39; // "09"
    expect(decodeRdm6300Frame(badSum)).toEqual({ ok: false, error: 'checksum mismatch: frame says 09, data give 08' });
    const notHex = Buffer.from(SEEED_FRAME);
    notHex[3] = 0x47; // "G"
    expect(decodeRdm6300Frame(notHex)).toEqual({ ok: false, error: 'not a hex character at offset 3' });
    expect(decodeRdm6300Frame(SEEED_FRAME.subarray(0, 13))).toEqual({ ok: false, error: 'an RDM6300 frame is 14 bytes, got 13' });
    const noEtx = Buffer.from(SEEED_FRAME);
    noEtx[13] = 0x0d;
    expect(decodeRdm6300Frame(noEtx)).toEqual({ ok: false, error: 'frame must end with 03, ends with 0D' });
  });
});

describe('RDM6300 stream splitter', () => {
  it('finds frames split across chunks and skips noise between them', () => {
    const splitter = new Rdm6300Splitter();
    const stream = Buffer.concat([Buffer.from([0x00, 0xff]), SEEED_FRAME, encodeRdm6300Frame('0100ABCDEF')]);
    const tags: string[] = [];
    let stray = 0;
    for (let i = 0; i < stream.length; i += 5) {
      const out = splitter.push(stream.subarray(i, i + 5));
      tags.push(...out.tags.map((t) => t.tag));
      stray += out.strayBytes;
      expect(out.malformed).toBe(0);
    }
    expect(tags).toEqual(['62E3086CED', '0100ABCDEF']);
    expect(stray).toBe(2);
  });

  it('counts and drops malformed frames; the next good frame still arrives', () => {
    const splitter = new Rdm6300Splitter();
    const badSum = Buffer.from(SEEED_FRAME);
    badSum[11] = 0x31;
    const cut = SEEED_FRAME.subarray(0, 7); // reader moved away mid-frame: a new 02 starts over
    const out = splitter.push(Buffer.concat([badSum, cut, SEEED_FRAME]));
    expect(out.tags.map((t) => t.tag)).toEqual(['62E3086CED']);
    expect(out.malformed).toBe(2);
  });
});

describe('tag presence: one tap per card in the field', () => {
  const at = (ms: number) => new Date(Date.UTC(2026, 0, 5, 9, 0, 0) + ms);

  it('reports a card once while the reader repeats it, and its removal after the gap', () => {
    const presence = new TagPresence(1000);
    expect(presence.sighting('62E3086CED', at(0))).toEqual([{ type: 'arrived', tag: '62E3086CED', at: at(0) }]);
    for (let ms = 100; ms <= 3000; ms += 100) expect(presence.sighting('62E3086CED', at(ms))).toEqual([]);
    expect(presence.removals(at(3900))).toEqual([]);
    expect(presence.removals(at(4000))).toEqual([{ type: 'removed', tag: '62E3086CED', at: at(4000) }]);
    expect(presence.present()).toBeNull();
    // Tapped again later: a new arrival.
    expect(presence.sighting('62E3086CED', at(6000))).toEqual([{ type: 'arrived', tag: '62E3086CED', at: at(6000) }]);
  });

  it('a second card replaces the first at once', () => {
    const presence = new TagPresence(1000);
    presence.sighting('AAAAAAAAAA', at(0));
    expect(presence.sighting('BBBBBBBBBB', at(200))).toEqual([
      { type: 'removed', tag: 'AAAAAAAAAA', at: at(200) },
      { type: 'arrived', tag: 'BBBBBBBBBB', at: at(200) },
    ]);
  });

  it('a sighting after the gap reports the removal, then the new arrival', () => {
    const presence = new TagPresence(1000);
    presence.sighting('AAAAAAAAAA', at(0));
    expect(presence.sighting('AAAAAAAAAA', at(2500))).toEqual([
      { type: 'removed', tag: 'AAAAAAAAAA', at: at(1000) },
      { type: 'arrived', tag: 'AAAAAAAAAA', at: at(2500) },
    ]);
  });
});

describe('RDM6300 fuzzing: no input makes the codec throw', () => {
  it('random bytes, any chunking', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 1, max: 20 }), (stream, size) => {
        const splitter = new Rdm6300Splitter();
        for (let i = 0; i < stream.length; i += size) splitter.push(stream.subarray(i, i + size));
        expect(decodeRdm6300Frame(stream).ok).toBeTypeOf('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('every truncation of a good frame is an error, and good frames survive any noise before them', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-F]{10}$/), fc.uint8Array({ maxLength: 20 }), (tag, noise) => {
        const frame = encodeRdm6300Frame(tag);
        for (let cut = 0; cut < frame.length; cut++) expect(decodeRdm6300Frame(frame.subarray(0, cut)).ok).toBe(false);
        const splitter = new Rdm6300Splitter();
        const out = splitter.push(Buffer.concat([Buffer.from(noise), frame]));
        expect(out.tags.at(-1)?.tag).toBe(tag);
      }),
      { numRuns: 500 },
    );
  });
});

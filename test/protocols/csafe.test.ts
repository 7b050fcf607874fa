import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCommandFrame, CSAFE, MONITOR_POLL } from '../../gateway/protocols/csafe/commands.js';
import { CsafeFrameSplitter, decodeFrame, encodeFrame, stuff, unstuff } from '../../gateway/protocols/csafe/frame.js';
import { decodeCsafeResponse, parseStatusByte } from '../../gateway/protocols/csafe/response.js';
import { parseHex } from '../../gateway/protocols/bytes.js';

const bytes = (text: string) => {
  const parsed = parseHex(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};

/**
 * Sources:
 * [C2]   Concept2 "PM CSAFE Communication Definition" rev 0.27: frame formats (figures 1–2), extended addressing
 *        (table 4), byte stuffing (table 6), status byte (table 9), public and PM-specific command tables.
 * [CSAFE] CSAFE Protocol Technical Specification §2.1.2 (byte stuffing), as quoted in
 *        OpenRowingCommunity/csafe-fitness lib/src/frame.dart.
 * [MB]   Frames captured from a PM over USB HID, published as tests in mbottini/concept2
 *        src/concept2response.rs and src/csafe.rs (the leading HID report id 0x01 is not part of the frame).
 * [CF]   OpenRowingCommunity/csafe-fitness test/frame_test.dart.
 * [PR]   wemakewaves/PyRow Concept2/Response.py (PM work time in 0.01 s, work distance in 0.1 m, pace in s/km).
 */
describe('CSAFE framing', () => {
  it('builds the Get Status request a PM expects [MB csafe.rs test_get_status]', () => {
    expect(buildCommandFrame([{ id: CSAFE.GETSTATUS }])).toEqual(bytes('F1 80 80 F2'));
  });

  it('validates a frame by its XOR checksum [CF frame_test.dart]', () => {
    expect(decodeFrame(bytes('F1 DE AD BE EF 22 F2'))).toEqual({
      ok: true,
      value: { kind: 'standard', contents: bytes('DE AD BE EF') },
    });
    const bad = decodeFrame(bytes('F1 DE AD BE EF 00 F2'));
    expect(bad).toEqual({ ok: false, error: 'checksum mismatch: frame says 00, expected 22, the XOR of the contents' });
    expect(decodeFrame(bytes('F1 00 F2'))).toEqual({ ok: true, value: { kind: 'standard', contents: Buffer.alloc(0) } });
  });

  it('stuffs F0–F3 as F3 00–03 [CSAFE §2.1.2: "the Start Flag, F1 hex … would be converted into F3, 01"; C2 table 6]', () => {
    expect(stuff(bytes('F0 F1 F2 F3 EF'))).toEqual(bytes('F3 00 F3 01 F3 02 F3 03 EF'));
    expect(unstuff(bytes('F3 00 F3 01 F3 02 F3 03 EF'))).toEqual({ ok: true, value: bytes('F0 F1 F2 F3 EF') });
    expect(unstuff(bytes('F3 04'))).toMatchObject({ ok: false, error: expect.stringContaining('F3 04') });
    expect(unstuff(bytes('12 F3'))).toMatchObject({ ok: false, error: expect.stringContaining('ends the frame') });
  });

  it('stuffs the checksum byte too [C2 table 6: stuffing covers contents and checksum]', () => {
    // 70 XOR 82 = F2: the checksum equals the stop flag and must travel as F3 02.
    const frame = encodeFrame(bytes('70 82'));
    expect(frame).toEqual(bytes('F1 70 82 F3 02 F2'));
    expect(decodeFrame(frame)).toEqual({ ok: true, value: { kind: 'standard', contents: bytes('70 82') } });
  });

  it('reads extended frames; the checksum leaves the addresses out [C2 figure 2, table 4]', () => {
    // PC host (00) asks the PM at the default secondary address (FD) for its status.
    const frame = encodeFrame(bytes('80'), { destination: 0xfd, source: 0x00 });
    expect(frame).toEqual(bytes('F0 FD 00 80 80 F2'));
    expect(decodeFrame(frame)).toEqual({
      ok: true,
      value: { kind: 'extended', address: { destination: 0xfd, source: 0x00 }, contents: bytes('80') },
    });
    // Had the addresses been in the checksum it would be 80^FD^00 = 7D: that frame is refused.
    expect(decodeFrame(bytes('F0 FD 00 80 7D F2'))).toMatchObject({ ok: false, error: expect.stringContaining('checksum') });
  });

  it('refuses frames without flags, or with a bare flag inside', () => {
    expect(decodeFrame(bytes('80 80 F2'))).toMatchObject({ ok: false, error: expect.stringContaining('no start flag') });
    expect(decodeFrame(bytes('F1 80 80'))).toMatchObject({ ok: false, error: expect.stringContaining('no stop flag') });
    expect(decodeFrame(bytes('F1 80 F1 80 F2'))).toMatchObject({ ok: false, error: expect.stringContaining('unexpected flag F1') });
    expect(decodeFrame(bytes('F0 FD F2'))).toMatchObject({ ok: false, error: expect.stringContaining('extended frame too short') });
  });

  it('builds the monitor poll: PM-specific commands inside the 0x1A wrapper [C2 PM extensions, table 11]', () => {
    expect(buildCommandFrame(MONITOR_POLL)).toEqual(bytes('F1 1A 02 A0 A3 A6 A7 B4 A3 B0 BD F2'));
  });
});

describe('CSAFE status byte [C2 table 9]', () => {
  it.each([
    [0x81, { frameToggle: 1, previousFrame: 'ok', state: 'ready' }], // as captured in [MB]
    [0x01, { frameToggle: 0, previousFrame: 'ok', state: 'ready' }], // as captured in [MB]
    [0x85, { frameToggle: 1, previousFrame: 'ok', state: 'in_use' }],
    [0x16, { frameToggle: 0, previousFrame: 'reject', state: 'paused' }],
    [0x27, { frameToggle: 0, previousFrame: 'bad', state: 'finished' }],
    [0xb9, { frameToggle: 1, previousFrame: 'not_ready', state: 'offline' }],
    [0x04, { frameToggle: 0, previousFrame: 'ok', state: 'unknown' }], // 4 is not a state in the table
  ])('status %s', (byte, expected) => {
    expect(parseStatusByte(byte)).toEqual(expected);
  });
});

describe('CSAFE responses captured from a PM [MB]', () => {
  it('user id', () => {
    const r = decodeCsafeResponse(bytes('F1 81 92 05 30 30 30 30 30 26 F2'));
    expect(r).toMatchObject({ ok: true, value: { status: { frameToggle: 1, state: 'ready' }, userId: '00000', ignored: [] } });
  });

  it('serial number', () => {
    const r = decodeCsafeResponse(bytes('F1 81 94 09 34 33 30 32 32 38 35 32 35 21 F2'));
    expect(r).toMatchObject({ ok: true, value: { serial: '430228525' } });
  });

  it('odometer: F4 is data, not a flag, and is not stuffed', () => {
    const r = decodeCsafeResponse(bytes('F1 81 9B 05 F4 24 21 00 24 CA F2'));
    expect(r).toMatchObject({ ok: true, value: { odometerM: 2172148 } });
  });

  it('PM-specific work distance inside the 0x1A wrapper, frame toggle 0', () => {
    const r = decodeCsafeResponse(bytes('F1 01 1A 07 A3 05 00 00 00 00 00 BA F2'));
    expect(r).toEqual({
      ok: true,
      value: {
        frame: 'standard',
        status: { frameToggle: 0, previousFrame: 'ok', state: 'ready' },
        metrics: { distanceM: 0 },
        ignored: [],
      },
    });
  });

  it('several wrapped answers plus a public one in one frame', () => {
    const r = decodeCsafeResponse(
      bytes('F1 01 1A 11 A0 05 00 00 00 00 00 A3 05 00 00 00 00 00 89 01 08 94 09 34 33 30 32 32 38 35 32 35 29 F2'),
    );
    expect(r).toMatchObject({
      ok: true,
      value: { metrics: { elapsedS: 0, distanceM: 0 }, serial: '430228525', ignored: ['response 1A/89'] },
    });
  });
});

describe('CSAFE monitor answer built from the C2 public and PM-specific command tables', () => {
  // Status 85 (in use); work time 123456 × 0.01 s; work distance 51234 × 0.1 m; pace 240 s/km (F0: stuffed as
  // F3 00); 28 strokes/min (unit 54); 203 W (unit 58); 310 kcal; 152 bpm. Units per [PR] and the CSAFE units table.
  const answer = 'F1 85 1A 0E A0 05 40 E2 01 00 00 A3 05 22 C8 00 00 00 A6 03 F3 00 00 39 A7 03 1C 00 54 B4 03 CB 00 58 A3 02 36 01 B0 01 98 C0 F2';

  it('turns every answer into SI-friendly metrics', () => {
    expect(decodeCsafeResponse(bytes(answer))).toEqual({
      ok: true,
      value: {
        frame: 'standard',
        status: { frameToggle: 1, previousFrame: 'ok', state: 'in_use' },
        metrics: {
          elapsedS: 1234.56,
          distanceM: 5123.4,
          paceSecPer500m: 120,
          speedMps: 4.167,
          strokeRateSpm: 28,
          powerW: 203,
          energyKcal: 310,
          heartRateBpm: 152,
        },
        ignored: [],
      },
    });
  });

  it('public work time (h, m, s) and distance with a units specifier', () => {
    // A0: 0 h 7 min 30 s; A1: 2000 (D0 07) in meters (24).
    const frame = encodeFrame(bytes('05 A0 03 00 07 1E A1 03 D0 07 24'));
    expect(decodeCsafeResponse(frame)).toMatchObject({ ok: true, value: { metrics: { elapsedS: 450, distanceM: 2000 } } });
    const km = encodeFrame(bytes('05 A1 03 0C 00 22')); // 12 × 0.1 km
    expect(decodeCsafeResponse(km)).toMatchObject({ ok: true, value: { metrics: { distanceM: 1200 } } });
  });

  it('keeps a value in an unknown unit out of the metrics and says so', () => {
    const frame = encodeFrame(bytes('05 B4 03 CB 00 57')); // 57 = calories/hour, not watts
    expect(decodeCsafeResponse(frame)).toMatchObject({
      ok: true,
      value: { metrics: {}, ignored: ['power: units specifier 57 is not watts'] },
    });
  });

  it('no heart-rate belt (0 bpm) and standing still (pace 0) are absent, not zero', () => {
    const frame = encodeFrame(bytes('01 B0 01 00 A6 03 00 00 39'));
    expect(decodeCsafeResponse(frame)).toMatchObject({ ok: true, value: { metrics: {} } });
  });

  it('a byte count that runs past the frame is an error naming the response', () => {
    const frame = encodeFrame(bytes('05 A1 05 D0 07'));
    expect(decodeCsafeResponse(frame)).toEqual({
      ok: false,
      error: 'response A1 at offset 1 says 5 data bytes, only 2 left',
    });
  });
});

describe('CSAFE stream splitter', () => {
  const answer = bytes('F1 85 1A 0E A0 05 40 E2 01 00 00 A3 05 22 C8 00 00 00 A6 03 F3 00 00 39 A7 03 1C 00 54 B4 03 CB 00 58 A3 02 36 01 B0 01 98 C0 F2');

  it('finds whole frames however the port splits the bytes, and counts what it drops', () => {
    const splitter = new CsafeFrameSplitter();
    const stream = Buffer.concat([bytes('00 17'), answer, bytes('F1 80'), answer]);
    const frames: Buffer[] = [];
    let stray = 0;
    let malformed = 0;
    for (const byte of stream) {
      const out = splitter.push(Uint8Array.of(byte));
      frames.push(...out.frames);
      stray += out.strayBytes;
      malformed += out.malformed;
    }
    expect(frames).toEqual([answer, answer]);
    expect({ stray, malformed }).toEqual({ stray: 2, malformed: 1 });
  });
});

describe('CSAFE fuzzing: no input makes the codec throw', () => {
  it('random bytes decode to a result, never an exception', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (input) => {
        const r = decodeCsafeResponse(input);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('random frame contents survive encode → decode, and every truncation is an error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }), fc.boolean(), (contents, extended) => {
        const frame = encodeFrame(contents, extended ? { destination: 0xfd, source: 0 } : undefined);
        const decoded = decodeFrame(frame);
        expect(decoded.ok && decoded.value.contents).toEqual(Buffer.from(contents));
        for (let cut = 0; cut < frame.length; cut++) {
          expect(decodeCsafeResponse(frame.subarray(0, cut)).ok).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('well-formed frames with random response blocks never throw', () => {
    const block = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 8 }));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.array(block, { maxLength: 6 }), (status, blocks) => {
        const contents = [status, ...blocks.flatMap(([cmd, data]) => [cmd, data.length, ...data])];
        const r = decodeCsafeResponse(encodeFrame(Uint8Array.from(contents)));
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('the splitter yields the same frames for any chunking', () => {
    const frame = fc.uint8Array({ maxLength: 30 }).map((c) => encodeFrame(c));
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 5 }), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1 }), (frames, cuts) => {
        const stream = Buffer.concat(frames);
        const splitter = new CsafeFrameSplitter();
        const found: Buffer[] = [];
        let at = 0;
        for (let i = 0; at < stream.length; i++) {
          const size = cuts[i % cuts.length]!;
          found.push(...splitter.push(stream.subarray(at, at + size)).frames);
          at += size;
        }
        expect(found).toEqual(frames);
      }),
      { numRuns: 300 },
    );
  });
});

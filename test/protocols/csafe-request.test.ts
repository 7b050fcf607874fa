import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCommandFrame, MONITOR_POLL } from '../../gateway/protocols/csafe/commands.js';
import { encodeFrame } from '../../gateway/protocols/csafe/frame.js';
import { decodeCsafeRequest } from '../../gateway/protocols/csafe/request.js';
import type { Result } from '../../gateway/protocols/result.js';
import { hex } from './hex.js';

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

// Frame layout and command ids: Concept2 PM CSAFE Communication Definition rev 0.27 ("Frame structure",
// "Command structure", "C2 proprietary commands"); PM command ids as PyRow csafe_dic.py names them.
describe('csafe-request: frames sent to the monitor', () => {
  it('reads the gateway\'s own poll: the 0x1A wrapper opened, its PM commands and the public ones named', () => {
    const frame = buildCommandFrame(MONITOR_POLL);
    expect(frame.toString('hex')).toBe('f11a02a0a3a6a7b4a3b0bdf2');
    expect(value(decodeCsafeRequest(frame))).toEqual({
      frame: 'standard',
      commands: [
        { id: 0x1a, name: 'SETUSERCFG1', commands: [{ id: 0xa0, name: 'PM_GET_WORKTIME' }, { id: 0xa3, name: 'PM_GET_WORKDISTANCE' }] },
        { id: 0xa6, name: 'GETPACE' },
        { id: 0xa7, name: 'GETCADENCE' },
        { id: 0xb4, name: 'GETPOWER' },
        { id: 0xa3, name: 'GETCALORIES' },
        { id: 0xb0, name: 'GETHRCUR' },
      ],
    });
  });

  it('reads long commands with data, and an extended frame with addresses and stuffed bytes', () => {
    // SETHORIZONTAL 2000 m (units 0x24 = m); SETPMCFG wrapping sub-command 0x05 with data byte F1 (stuffed F3 01).
    const contents = hex('21 03 D0 07 24 76 03 05 01 F1');
    const frame = encodeFrame(contents, { destination: 0xfd, source: 0x00 });
    expect(frame.includes(Buffer.from([0xf3, 0x01]))).toBe(true);
    expect(value(decodeCsafeRequest(frame))).toEqual({
      frame: 'extended',
      address: { destination: 0xfd, source: 0x00 },
      commands: [
        { id: 0x21, name: 'SETHORIZONTAL', data: [0xd0, 0x07, 0x24] },
        { id: 0x76, name: 'SETPMCFG', commands: [{ id: 0x05, name: 'SETPMCFG/0x05', data: [0xf1] }] },
      ],
    });
  });

  it('names every PM wrapper: 0x7E GETPMCFG and 0x7F GETPMDATA', () => {
    const commands = value(decodeCsafeRequest(encodeFrame(hex('7E 01 80 7F 01 81')))).commands;
    expect(commands.map((c) => c.name)).toEqual(['GETPMCFG', 'GETPMDATA']);
    expect(commands.map((c) => c.commands?.map((s) => s.name))).toEqual([['GETPMCFG/0x80'], ['GETPMDATA/0x81']]);
  });

  it('refuses a bad checksum, naming the checksum the frame should have had', () => {
    expect(decodeCsafeRequest(hex('F1 1A 02 A0 A3 A6 A7 B4 A3 B0 00 F2'))).toEqual({
      ok: false,
      error: 'checksum mismatch: frame says 00, expected BD, the XOR of the contents',
    });
    // A checksum that is itself a flag value travels stuffed; the error says how.
    expect(decodeCsafeRequest(hex('F1 F3 01 00 F2'))).toEqual({
      ok: false,
      error: 'checksum mismatch: frame says 00, expected F1 (sent stuffed as F3 01), the XOR of the contents',
    });
  });

  it('refuses commands cut short, and empty frames', () => {
    expect(decodeCsafeRequest(encodeFrame(hex('1A 03 A0')))).toEqual({ ok: false, error: 'command SETUSERCFG1 at offset 0 says 3 data bytes, only 1 left' });
    expect(decodeCsafeRequest(encodeFrame(hex('21')))).toEqual({ ok: false, error: 'command SETHORIZONTAL at offset 0 has no byte count' });
    expect(decodeCsafeRequest(hex('F1 00 F2'))).toEqual({ ok: false, error: 'request frame carries no command' });
  });

  it('any command list the gateway can build reads back as the same ids and data', () => {
    const short = fc.integer({ min: 0x80, max: 0xff }).map((id) => ({ id }));
    const long = fc.record({ id: fc.integer({ min: 0x00, max: 0x7f }).filter((id) => ![0x1a, 0x76, 0x77, 0x7e, 0x7f].includes(id)), data: fc.uint8Array({ maxLength: 6 }) });
    fc.assert(
      fc.property(fc.array(fc.oneof(short, long), { minLength: 1, maxLength: 8 }), (commands) => {
        const decoded = decodeCsafeRequest(buildCommandFrame(commands));
        if (!decoded.ok) return false;
        return decoded.value.commands.every((c, i) => c.id === commands[i]!.id && (c.data ?? []).join() === [...(('data' in commands[i]! && commands[i]!.data) || [])].join());
      }),
    );
  });
});

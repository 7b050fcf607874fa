import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBadgePayloadBytes, parseBadgePayload } from '../../gateway/protocols/badge-payload.js';

describe('keyboard-wedge and QR scans → badge id', () => {
  it.each([
    ['1002', { badge: '1002', method: 'badge' }],
    ['0008684763\r\n', { badge: '0008684763', method: 'badge' }], // wedge readers end the line with Enter
    ['  00:04:1a:2b  ', { badge: '00:04:1a:2b', method: 'badge' }],
    ['62E3086CED', { badge: '62E3086CED', method: 'badge' }],
    ['floorgate:badge:1002', { badge: '1002', method: 'qr' }],
    ['FLOORGATE:BADGE:m-anna%2D1', { badge: 'm-anna-1', method: 'qr' }],
    ['https://gym.example/checkin?badge=1004&utm=poster', { badge: '1004', method: 'qr' }],
    ['http://192.168.1.20:8080/screen/entrance?badge=A1%3AB2', { badge: 'A1:B2', method: 'qr' }],
  ])('%j', (line, expected) => {
    expect(parseBadgePayload(line)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'empty scan'],
    ['\r\n', 'empty scan'],
    ['https://gym.example/opening-hours', 'URL gym.example/opening-hours has no ?badge= parameter'],
    ['https://gym.example/?badge=', 'QR URL: the badge id is empty'],
    ['floorgate:wod:2026-01-05', '"floorgate:wod:2026-01-05": a floorgate: code that is not floorgate:badge:<id>'],
    ['WIFI:S:GymGuest;T:WPA;P:secret;;', 'a wifi: code, not a badge'],
    ['mailto:desk@gym.example', 'a mailto: code, not a badge'],
    ['{"badge":"1002"}', 'scan: "{\\"badge\\":\\"1002\\"}" is not a badge id (letters, digits, space . _ : - only, at most 64)'],
    ['10\u000702', 'scan holds control characters: not a badge'],
    ['x'.repeat(600), 'scan is 600 characters long: not a badge (at most 512)'],
  ])('refuses %j', (line, error) => {
    expect(parseBadgePayload(line)).toEqual({ ok: false, error });
  });

  it('never throws, whatever bytes a scanner sends', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        expect(decodeBadgePayloadBytes(bytes).ok).toBeTypeOf('boolean');
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const r = parseBadgePayload(`floorgate:badge:${text}`);
        if (r.ok) expect(r.value.badge).toMatch(/^[A-Za-z0-9][A-Za-z0-9 ._:-]*$/);
        expect(parseBadgePayload(`https://x.example/?badge=${text}`).ok).toBeTypeOf('boolean');
      }),
      { numRuns: 2000 },
    );
  });
});

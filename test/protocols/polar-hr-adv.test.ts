import { describe, expect, it } from 'vitest';
import { decodePolarHrAdvertisement, decodePolarManufacturerData } from '../../gateway/protocols/polar-hr-adv.js';
import type { Result } from '../../gateway/protocols/result.js';
import { hex } from './hex.js';

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('polar-hr-adv: Polar heart rate from advertisements', () => {
  // Source: polarofficial/polar-ble-sdk, iOS BleAdvertisementContent.swift, the comment "polar manufacturer
  // data example from OH1: 6b 00 72 06 7f 44 37 00 00 00 33 00 3c". A GPB block (72, length 06, 6 bytes)
  // comes first and is skipped; the 3-byte heart-rate block 33 00 3c follows: contact, counter 4, 60 bpm.
  it('decodes the OH1 capture quoted in Polar\'s SDK, with and without the company id', () => {
    const expected = { heartRateBpm: 60, sensorContact: true, frameCounter: 4, batteryStatusBit: 1, khzCode: 0, skippedBlocks: 1 };
    expect(value(decodePolarManufacturerData(hex('6b 00 72 06 7f 44 37 00 00 00 33 00 3c')))).toEqual(expected);
    expect(value(decodePolarHrAdvertisement(hex('72 06 7f 44 37 00 00 00 33 00 3c')))).toEqual(expected);
  });

  // Layout: polar-ble-sdk Android BlePolarHrAdvertisement.kt (slow average = byte 3 of a 4-byte block).
  it('shows the slow average of a 4-byte block, as the SDK does, and keeps the fast one beside it', () => {
    expect(value(decodePolarHrAdvertisement(hex('06 00 4A 4B')))).toEqual({
      heartRateBpm: 75,
      fastAverageBpm: 74,
      sensorContact: true,
      frameCounter: 1,
      batteryStatusBit: 0,
      khzCode: 0,
      skippedBlocks: 0,
    });
  });

  it('without sensor contact there is no heart rate, not the stale one still in the bytes', () => {
    const reading = value(decodePolarHrAdvertisement(hex('1C 00 48 48')));
    expect(reading).toMatchObject({ sensorContact: false, heartRateBpm: null, fastAverageBpm: null, frameCounter: 7 });
  });

  it('skips several data blocks before the heart-rate block, including an empty one', () => {
    expect(value(decodePolarHrAdvertisement(hex('40 00 41 02 AA BB 22 00 50')))).toMatchObject({ heartRateBpm: 80, skippedBlocks: 2 });
  });

  it('refuses what it cannot read, saying why', () => {
    expect(decodePolarHrAdvertisement(hex(''))).toEqual({ ok: false, error: 'no bytes' });
    expect(decodePolarHrAdvertisement(hex('72 06 7f 44'))).toEqual({ ok: false, error: 'data block at offset 0 says 6 bytes, 2 left' });
    expect(decodePolarHrAdvertisement(hex('72'))).toEqual({ ok: false, error: 'data block at offset 0 has no length byte' });
    expect(decodePolarHrAdvertisement(hex('40 00'))).toEqual({ ok: false, error: 'no heart-rate block after 1 data block(s)' });
    expect(decodePolarHrAdvertisement(hex('06 00 4A 4B 00'))).toEqual({ ok: false, error: 'heart-rate block at offset 0 is 5 bytes (expected 3 or 4)' });
    expect(decodePolarManufacturerData(hex('4c 00 06 00 4a 4b'))).toEqual({ ok: false, error: 'company id 0x004c is not Polar (0x006b)' });
  });
});

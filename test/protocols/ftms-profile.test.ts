import { describe, expect, it } from 'vitest';
import { knownBleDeviceSchema } from '../../gateway/devices/ble/config.js';
import { NotificationDecoder } from '../../gateway/devices/ble/notification-decoder.js';
import { CHARACTERISTICS } from '../../gateway/devices/ble/uuids.js';
import { decodeIndoorBikeData } from '../../gateway/protocols/ftms/indoor-bike.js';
import { decodeTreadmillData } from '../../gateway/protocols/ftms/treadmill.js';
import { hex } from './hex.js';

/**
 * A Matrix-like treadmill: its flags 0x040C announce total distance (bit 2), inclination and ramp angle
 * (bit 3, 4 bytes) and elapsed time (bit 10), but it never sends the inclination. Constructed after the
 * behaviour reported for Matrix treadmills (flag bits set for fields they do not send); 12.00 km/h, 5000 m, 3600 s.
 */
const MATRIX_LIKE = '0C 04 B0 04 88 13 00 10 0E';

describe('FTMS frames whose flags do not match their bytes', () => {
  it('refuses a frame whose flags declare more bytes than it carries, instead of shifting fields', () => {
    const result = decodeTreadmillData(hex(MATRIX_LIKE));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^truncated: /);
  });

  it('refuses a frame with bytes left over after the fields its flags declare', () => {
    // Indoor bike, flags 0x0044: speed, cadence, power = 6 bytes; two more follow.
    expect(decodeIndoorBikeData(hex('44 00 E8 03 B4 00 FA 00 01 02'))).toEqual({
      ok: false,
      error: "2 bytes left over after the fields flags 0x0044 declare (set the model's ignoreFlagBits if this machine's flags are known to lie)",
    });
    expect(decodeIndoorBikeData(hex('44 00 E8 03 B4 00 FA 00')).ok).toBe(true);
  });

  it('reads the frame right with a model profile that ignores the lying bit', () => {
    expect(decodeTreadmillData(hex(MATRIX_LIKE), { ignoreFlagBits: [3] })).toEqual({
      ok: true,
      value: { moreData: false, speedMps: 3.333, distanceM: 5000, elapsedS: 3600 },
    });
  });

  it('the BLE config carries the profile to the decoder; without it the frame is an error the adapter counts', () => {
    const base = { id: 'tm-1', name: 'Treadmill 1', kind: 'treadmill', address: 'e8:fe:6e:91:9f:16' };
    const plain = new NotificationDecoder(knownBleDeviceSchema.parse(base).model);
    expect(plain.decode(CHARACTERISTICS.treadmillData, hex(MATRIX_LIKE), 0).kind).toBe('error');

    const matrix = knownBleDeviceSchema.parse({ ...base, model: { ignoreFlagBits: [3] } });
    const outcome = new NotificationDecoder(matrix.model).decode(CHARACTERISTICS.treadmillData, hex(MATRIX_LIKE), 0);
    expect(outcome.kind).toBe('metrics');
    expect(outcome.kind === 'metrics' && outcome.metrics).toMatchObject({ distanceM: 5000, elapsedS: 3600 });
  });

  it('a bad profile names the field (bit 0 is More Data and cannot be ignored)', () => {
    const parsed = knownBleDeviceSchema.safeParse({ id: 'tm-1', name: 'T', kind: 'treadmill', address: 'e8:fe:6e:91:9f:16', model: { ignoreFlagBits: [0] } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['model', 'ignoreFlagBits', 0]);
  });
});

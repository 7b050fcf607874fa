import { describe, expect, it } from 'vitest';
import { bleDeviceSchema } from '../../gateway/devices/ble/config.js';
import { matchKnownDevice } from '../../gateway/devices/ble/match.js';
import { NotificationDecoder } from '../../gateway/devices/ble/notification-decoder.js';
import { pm5Uuid } from '../../gateway/devices/ble/uuids.js';

describe('known-device matching', () => {
  const devices = bleDeviceSchema.parse({
    kind: 'ble',
    id: 'ble',
    devices: [
      { id: 'pm5-a', name: 'Rower A', kind: 'rower', address: 'E8:FE:6E:00:00:01' },
      { id: 'pm5-any', name: 'Rower', kind: 'rower', namePattern: '^PM5 ' },
    ],
  }).devices;

  it('prefers the address, then the name pattern (case-insensitive)', () => {
    expect(matchKnownDevice(devices, { address: 'e8:fe:6e:00:00:01', localName: 'PM5 430000001' })?.id).toBe('pm5-a');
    expect(matchKnownDevice(devices, { address: 'e8:fe:6e:00:00:02', localName: 'pm5 430000002' })?.id).toBe('pm5-any');
    expect(matchKnownDevice(devices, { address: 'e8:fe:6e:00:00:03', localName: 'Polar H10' })).toBeNull();
    expect(matchKnownDevice(devices, { address: 'e8:fe:6e:00:00:03' })).toBeNull();
  });
});

describe('BLE config', () => {
  it('fills defaults and normalizes addresses', () => {
    const config = bleDeviceSchema.parse({ kind: 'ble', id: 'ble', devices: [{ id: 'b', name: 'B', kind: 'bike', address: 'AA-BB-CC-DD-EE-FF' }] });
    expect(config).toMatchObject({
      maxConnections: 5,
      reconnect: { initialDelayMs: 1_000, maxDelayMs: 60_000 },
      capture: { enabled: false },
    });
    expect(config.devices[0]!.address).toBe('aa:bb:cc:dd:ee:ff');
  });

  it('refuses a device it could never recognise, and a broken name pattern, naming the field', () => {
    const noWay = bleDeviceSchema.safeParse({ kind: 'ble', id: 'ble', devices: [{ id: 'r', name: 'R', kind: 'rower' }] });
    expect(noWay.success).toBe(false);
    expect(noWay.error!.issues[0]).toMatchObject({ path: ['devices', 0, 'address'], message: expect.stringContaining('namePattern') });
    const badPattern = bleDeviceSchema.safeParse({ kind: 'ble', id: 'ble', devices: [{ id: 'r', name: 'R', kind: 'rower', namePattern: '(' }] });
    expect(badPattern.error!.issues[0]).toMatchObject({ path: ['devices', 0, 'namePattern'] });
  });
});

describe('notification decoder (the pipeline shared by BLE and replay)', () => {
  it('combines the PM5 characteristics into one picture of the rower', () => {
    const decoder = new NotificationDecoder();
    // Vectors written from the PM5 interface definition's Table 3 (see test/protocols/pm5.test.ts).
    decoder.decode(pm5Uuid(0x31), Buffer.from('40e201caa80001ff010102000000d007008078', 'hex'), 0);
    decoder.decode(pm5Uuid(0x32), Buffer.from('40e2011b101c965f2fda2f000000000000', 'hex'), 0);
    decoder.decode(pm5Uuid(0x33), Buffer.from('40e20100c8005a00762fc3005203bf0400f40100', 'hex'), 0);
    const last = decoder.decode(pm5Uuid(0x36), Buffer.from('40e201c80052034101080700401f00', 'hex'), 0);
    expect(last).toEqual({
      kind: 'metrics',
      metrics: { distanceM: 4321, elapsedS: 1234.56, speedMps: 4.123, paceSecPer500m: 121.27, strokeRateSpm: 28, heartRateBpm: 150, energyKcal: 90, powerW: 200 },
    });
  });

  it('reports cadence 0 once the cranks have not turned for a while', () => {
    const decoder = new NotificationDecoder();
    decoder.decode('2a63', Buffer.from('200000000100000b', 'hex'), 0);
    expect(decoder.decode('2a63', Buffer.from('20002d000200b812', 'hex'), 1_000)).toMatchObject({ metrics: { cadenceRpm: 31.09 } });
    expect(decoder.decode('2a63', Buffer.from('20002d000200b812', 'hex'), 2_000)).toMatchObject({ metrics: { cadenceRpm: 31.09 } });
    expect(decoder.decode('2a63', Buffer.from('200000000200b812', 'hex'), 4_500)).toMatchObject({ metrics: { powerW: 0, cadenceRpm: 0 } });
  });

  it('ignores characteristics it has no codec for', () => {
    expect(new NotificationDecoder().decode('2a19', Buffer.from([100]), 0)).toEqual({ kind: 'ignored' });
  });
});

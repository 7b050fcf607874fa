import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../gateway/config/load.js';
import { relayCommand } from '../../gateway/devices/serial/door-relay.js';

function load(devices: unknown[]) {
  const dir = mkdtempSync(path.join(tmpdir(), 'floorgate-serial-config-'));
  const file = path.join(dir, 'floorgate.config.json');
  writeFileSync(file, JSON.stringify({ devices }));
  return loadConfig({ env: {}, file, cwd: dir });
}

function configError(devices: unknown[]): string {
  try {
    load(devices);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('config was accepted');
}

describe('serial device config', () => {
  it('fills each role’s defaults', () => {
    const config = load([
      { kind: 'serial', id: 'entrance-rfid', role: 'rfid', path: '/dev/ttyUSB0' },
      { kind: 'serial', id: 'rower-3', role: 'csafe', path: '/dev/ttyUSB1' },
      { kind: 'serial', id: 'door', role: 'relay', path: '/dev/ttyUSB2', openOn: ['entrance-rfid'] },
    ]);
    expect(config.devices).toEqual([
      expect.objectContaining({ role: 'rfid', baudRate: 9600, protocol: 'rdm6300', badge: 'tag', removalGapMs: 1500, reopenMinMs: 500, reopenMaxMs: 10_000 }),
      expect.objectContaining({ role: 'csafe', baudRate: 9600, equipmentKind: 'rower', pollMs: 250, timeoutMs: 500 }),
      expect.objectContaining({ role: 'relay', baudRate: 9600, channel: 1, openSeconds: 5 }),
    ]);
    expect(config.simulator.enabled).toBe(false); // devices configured: no simulator unless asked
  });

  it('names the bad field', () => {
    expect(configError([{ kind: 'serial', id: 'door', role: 'relay', path: '/dev/ttyUSB2', openOn: [] }])).toContain(
      'devices.0.openOn: list at least one reader id whose accepted check-ins open the door',
    );
    expect(configError([{ kind: 'serial', id: 'x', role: 'printer', path: '/dev/ttyUSB0' }])).toContain('devices.0.role');
    expect(configError([{ kind: 'serial', id: 'x', role: 'rfid' }])).toContain('devices.0.path: is required');
    expect(configError([{ kind: 'serial', id: 'x', role: 'rfid', path: '/dev/ttyUSB0', baudRate: 9601 }])).toContain(
      'devices.0.baudRate: must be a standard baud rate',
    );
    expect(configError([{ kind: 'serial', id: 'pm', role: 'csafe', path: '/dev/ttyUSB0', pollMs: 10 }])).toContain('devices.0.pollMs');
  });
});

describe('CH340 relay board commands', () => {
  it('A0 01 01 A2 opens channel 1, A0 01 00 A1 closes it; the last byte is the sum', () => {
    expect(relayCommand(1, true)).toEqual(Buffer.from([0xa0, 0x01, 0x01, 0xa2]));
    expect(relayCommand(1, false)).toEqual(Buffer.from([0xa0, 0x01, 0x00, 0xa1]));
    expect(relayCommand(2, true)).toEqual(Buffer.from([0xa0, 0x02, 0x01, 0xa3]));
  });
});

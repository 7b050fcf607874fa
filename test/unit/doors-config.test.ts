import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../gateway/config/load.js';
import { doorList } from '../../gateway/doors/door-list.js';
import { createDoors } from '../../gateway/doors/create-doors.js';
import { createLogger } from '../../gateway/log.js';
import { openStore } from '../../gateway/store/open-store.js';
import { systemClock } from '../../gateway/time/clock.js';
import { screenConfigFrom } from '../../gateway/screens/screen-config.js';

const dir = () => mkdtempSync(path.join(tmpdir(), 'floorgate-doors-'));
const load = (file: Record<string, unknown>) => {
  const d = dir();
  const configFile = path.join(d, 'floorgate.config.json');
  writeFileSync(configFile, JSON.stringify(file));
  return loadConfig({ env: { FLOORGATE_DATA_DIR: d }, file: configFile, cwd: d });
};
const relay = { kind: 'serial', id: 'door', role: 'relay', path: '/dev/ttyUSB2' };
const shelly = (extra: Record<string, unknown> = {}) => ({ id: 'front', openOn: ['entrance-rfid'], output: { kind: 'shelly', url: 'http://192.168.1.40', ...extra } });

describe('the doors config', () => {
  it('keeps the older config valid: a serial relay with openOn is a door, and the entrance shows "door is open"', () => {
    const config = load({ devices: [{ ...relay, openOn: ['entrance-rfid'], openSeconds: 3 }] });
    expect(doorList(config.devices, config.doors)).toEqual([
      { id: 'door', openOn: ['entrance-rfid'], openSeconds: 3, timeoutMs: 2000, output: { kind: 'ch340', device: 'door' } },
    ]);
    expect(screenConfigFrom(config).doorConfigured).toBe(true);
    expect(screenConfigFrom(load({})).doorConfigured).toBe(false);
  });

  it('reads several doors with their defaults, and a Shelly-only box shows the door too', () => {
    const config = load({
      devices: [relay],
      doors: [
        { id: 'side', openOn: ['side-rfid'], output: { kind: 'ch340', device: 'door' } },
        shelly(),
        { id: 'garage', openOn: ['garage-rfid'], output: { kind: 'kisi', lockId: 42, apiKey: { env: 'KISI_KEY' } } },
      ],
    });
    expect(config.doors.map((d) => d.output)).toEqual([
      { kind: 'ch340', device: 'door' },
      { kind: 'shelly', url: 'http://192.168.1.40', generation: 2, channel: 0, user: 'admin' },
      { kind: 'kisi', lockId: '42', apiKey: { env: 'KISI_KEY' }, baseUrl: 'https://api.kisi.io' },
    ]);
    expect(doorList(config.devices, config.doors).map((d) => d.id)).toEqual(['side', 'front', 'garage']);
    expect(screenConfigFrom(load({ doors: [shelly()] })).doorConfigured).toBe(true);
  });

  it('names the bad field', () => {
    const fails = (file: Record<string, unknown>) => {
      try {
        load(file);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error('the config was accepted');
    };
    expect(fails({ doors: [shelly({ url: 'ftp://x' })] })).toMatch(/doors\.0\.output\.url: must be an http/);
    expect(fails({ doors: [shelly({ generation: 3 })] })).toMatch(/doors\.0\.output\.generation: must be 1 .* or 2/);
    expect(fails({ doors: [shelly({ password: 'hunter2' })] })).toMatch(/doors\.0\.output\.password: .*never written in the config/);
    expect(fails({ doors: [{ ...shelly(), openOn: [] }] })).toMatch(/doors\.0\.openOn: list at least one reader/);
    expect(fails({ doors: [{ ...shelly(), output: { kind: 'brivo' } }] })).toMatch(/doors\.0\.output\.kind.*ch340, shelly, kisi, http/);
    expect(fails({ doors: [shelly(), shelly()] })).toMatch(/doors\.1\.id: "front" is used by another door/);
    expect(fails({ doors: [{ id: 'x', openOn: ['r'], output: { kind: 'ch340', device: 'nope' } }] })).toMatch(/doors\.0\.output\.device: "nope" is not a serial device with role "relay"/);
    expect(fails({ devices: [relay] })).toMatch(/devices\.0\.openOn: list at least one reader/);
    expect(fails({ devices: [{ ...relay, openOn: ['a'] }], doors: [{ id: 'x', openOn: ['r'], output: { kind: 'ch340', device: 'door' } }] })).toMatch(
      /devices\.0\.openOn: this relay is a door’s output/,
    );
  });

  it('reads secrets from the environment or a 0600 file, and names the field when one is missing or exposed', () => {
    const d = dir();
    const keyFile = path.join(d, 'kisi-key');
    writeFileSync(keyFile, 'secret-kisi-key\n');
    chmodSync(keyFile, 0o644);
    const config = load({ doors: [{ id: 'garage', openOn: ['r'], output: { kind: 'kisi', lockId: 42, apiKey: { file: keyFile } } }] });
    const store = openStore(config, systemClock, createLogger('silent'));
    const make = (env: NodeJS.ProcessEnv = {}) =>
      createDoors({ config, journal: store.journal, alerts: store.alerts, clock: systemClock, log: createLogger('silent'), adapters: [], env });
    try {
      expect(make).toThrow(/doors\.0\.output\.apiKey\.file: .*\(mode 0644\).*chmod 600/);
      chmodSync(keyFile, 0o600);
      expect(make().status()).toMatchObject([{ id: 'garage', output: 'Kisi lock 42', state: 'idle' }]);
      config.doors[0]!.output = { kind: 'kisi', lockId: '42', apiKey: { env: 'KISI_KEY' }, baseUrl: 'https://api.kisi.io' };
      expect(make).toThrow('doors.0.output.apiKey.env: the variable KISI_KEY is not set');
      expect(JSON.stringify(make({ KISI_KEY: 'k' }).status())).not.toContain('secret-kisi-key');
    } finally {
      store.close();
    }
  });
});

/** The floor's credentials: from the environment or 0600 files only, never from the config file, never logged. */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { floorBrokerUrl } from '../../gateway/config/floor.js';
import { loadConfig } from '../../gateway/config/load.js';
import { floorPassword } from '../../gateway/floor/credentials.js';
import { createLogger } from '../../gateway/log.js';

const dir = () => mkdtempSync(path.join(tmpdir(), 'floorgate-floor-config-'));
const secretFile = (folder: string, text: string, mode: number) => {
  const file = path.join(folder, 'floor-password');
  writeFileSync(file, text);
  chmodSync(file, mode);
  return file;
};

describe('floor configuration', () => {
  it('reads the password from FLOORGATE_FLOOR_PASSWORD_FILE when the file is 0600', () => {
    const cwd = dir();
    const file = secretFile(cwd, 's3cret-pass\n', 0o600);
    const config = loadConfig({ env: { FLOORGATE_FLOOR_BROKER: 'mqtt://10.0.0.5:1883', FLOORGATE_BOX_ID: 'upstairs', FLOORGATE_FLOOR_PASSWORD_FILE: file }, cwd });
    expect(floorPassword(config)).toBe('s3cret-pass');
    expect(config.floor.boxId).toBe('upstairs');
    expect(floorBrokerUrl(config.floor)).toBe('mqtt://10.0.0.5:1883');
  });

  it('refuses a password file others may read, naming the variable, without the secret', () => {
    const cwd = dir();
    const file = secretFile(cwd, 's3cret-pass', 0o644);
    expect(() => loadConfig({ env: { FLOORGATE_FLOOR_PASSWORD_FILE: file }, cwd })).toThrow(/FLOORGATE_FLOOR_PASSWORD_FILE: .* chmod 600/);
    try {
      loadConfig({ env: { FLOORGATE_FLOOR_PASSWORD_FILE: file }, cwd });
    } catch (error) {
      expect((error as Error).message).not.toContain('s3cret-pass');
    }
  });

  it('floor.passwordFile: read at start, 0600 only, named by its field', () => {
    const cwd = dir();
    const loose = secretFile(cwd, 'pw', 0o640);
    const config = loadConfig({ env: {}, cwd });
    config.floor.passwordFile = loose;
    expect(() => floorPassword(config)).toThrow(/^floor\.passwordFile: .* \(mode 0640\)/);
    chmodSync(loose, 0o600);
    expect(floorPassword(config)).toBe('pw');
  });

  it('a password written in the config file is refused', () => {
    const cwd = dir();
    const file = path.join(cwd, 'floorgate.config.json');
    writeFileSync(file, JSON.stringify({ floor: { broker: 'mqtt://h:1883', password: 'plain' } }));
    expect(() => loadConfig({ env: {}, file, cwd })).toThrow(/floor\.password: a password does not belong in the config file/);
  });

  it('a bad broker URL names the variable', () => {
    expect(() => loadConfig({ env: { FLOORGATE_FLOOR_BROKER: 'http://broker:1883' }, cwd: dir() })).toThrow(/FLOORGATE_FLOOR_BROKER \(floor\.broker\): must be mqtt:\/\/host:port/);
  });

  it('an embedded broker (listen) is joined on loopback; none of either is a box on its own', () => {
    const config = loadConfig({ env: { FLOORGATE_FLOOR_LISTEN: '1884', FLOORGATE_FLOOR_ACCOUNTS_FILE: 'floor-accounts.json' }, cwd: dir() });
    expect(floorBrokerUrl(config.floor)).toBe('mqtt://127.0.0.1:1884');
    expect(floorBrokerUrl(loadConfig({ env: {}, cwd: dir() }).floor)).toBeNull();
  });

  it('an embedded broker without an accounts file is refused, naming floor.accountsFile', () => {
    expect(() => loadConfig({ env: { FLOORGATE_FLOOR_LISTEN: '1884' }, cwd: dir() })).toThrow(/floor\.accountsFile.*required with floor\.listen/);
  });

  it('the logger redacts the floor password wherever the config is logged', () => {
    let out = '';
    const sink = new Writable({ write: (chunk, _e, done) => ((out += chunk.toString()), done()) });
    const config = loadConfig({ env: { FLOORGATE_FLOOR_PASSWORD: 'hunter2-floor' }, cwd: dir() });
    createLogger('info', sink).info({ config }, 'config');
    expect(out).not.toContain('hunter2-floor');
    expect(out).toContain('[redacted]');
  });
});

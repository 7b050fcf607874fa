/** FLOORGATE_API_KEY_FILE / FLOORGATE_STAFF_PIN_FILE in the gateway's config loader. */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../gateway/config/load.js';

const KEY = 'bak_test_0123456789abcdef';
let dir: string;
beforeEach(() => void (dir = mkdtempSync(path.join(tmpdir(), 'floorgate-secrets-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function secretFile(name: string, content: string, mode: number) {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  chmodSync(file, mode);
  return file;
}

const cloud = { FLOORGATE_CLOUD_URL: 'http://127.0.0.1:9/', FLOORGATE_SIMULATOR: 'off' };

describe('secrets from files', () => {
  it('reads the API key from a 0600 file (trailing newline dropped)', () => {
    const file = secretFile('api-key', `${KEY}\n`, 0o600);
    const config = loadConfig({ env: { ...cloud, FLOORGATE_API_KEY_FILE: file }, cwd: dir });
    expect(config.cloud.apiKey).toBe(KEY);
  });

  it('accepts a read-only credential file (systemd LoadCredential= makes them 0400)', () => {
    const file = secretFile('api-key', KEY, 0o400);
    expect(loadConfig({ env: { ...cloud, FLOORGATE_API_KEY_FILE: file }, cwd: dir }).cloud.apiKey).toBe(KEY);
  });

  it('resolves a relative file name against the working directory', () => {
    secretFile('api-key', KEY, 0o600);
    expect(loadConfig({ env: { ...cloud, FLOORGATE_API_KEY_FILE: 'api-key' }, cwd: dir }).cloud.apiKey).toBe(KEY);
  });

  it.each([
    [0o644, '0644'],
    [0o640, '0640'],
    [0o604, '0604'],
    [0o620, '0620'],
  ])('refuses a key file with mode %s, naming the file, its mode and the fix, never the key', (mode, shown) => {
    const file = secretFile('api-key', KEY, mode);
    let error: unknown;
    try {
      loadConfig({ env: { ...cloud, FLOORGATE_API_KEY_FILE: file }, cwd: dir });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(`FLOORGATE_API_KEY_FILE: ${file} is readable or writable by group or others (mode ${shown})`);
    expect(message).toContain(`chmod 600 ${file}`);
    expect(message).not.toContain(KEY);
  });

  it('reads the staff PIN from FLOORGATE_STAFF_PIN_FILE and from FLOORGATE_STAFF_PIN', () => {
    const file = secretFile('pin', '4321\n', 0o600);
    expect(loadConfig({ env: { FLOORGATE_STAFF_PIN_FILE: file }, cwd: dir }).staff.pin).toBe('4321');
    expect(loadConfig({ env: { FLOORGATE_STAFF_PIN: '98765' }, cwd: dir }).staff.pin).toBe('98765');
    expect(loadConfig({ env: {}, cwd: dir }).staff.pin).toBeUndefined();
  });

  it('refuses a group-readable PIN file and a PIN that is not 4-12 digits, naming the variable', () => {
    const open = secretFile('pin', '4321', 0o644);
    expect(() => loadConfig({ env: { FLOORGATE_STAFF_PIN_FILE: open }, cwd: dir })).toThrow(/FLOORGATE_STAFF_PIN_FILE: .*pin is readable/);
    expect(() => loadConfig({ env: { FLOORGATE_STAFF_PIN: '12ab' }, cwd: dir })).toThrow(/FLOORGATE_STAFF_PIN \(staff\.pin\): must be 4 to 12 digits/);
  });

  it('refuses the value and its file together, a missing file, an empty file', () => {
    const file = secretFile('api-key', KEY, 0o600);
    expect(() => loadConfig({ env: { ...cloud, FLOORGATE_API_KEY: KEY, FLOORGATE_API_KEY_FILE: file }, cwd: dir })).toThrow(
      'FLOORGATE_API_KEY and FLOORGATE_API_KEY_FILE are both set: use one of them',
    );
    expect(() => loadConfig({ env: { ...cloud, FLOORGATE_API_KEY_FILE: path.join(dir, 'nope') }, cwd: dir })).toThrow(
      /FLOORGATE_API_KEY_FILE: cannot read .*nope: ENOENT/,
    );
    const empty = secretFile('empty', '\n', 0o600);
    expect(() => loadConfig({ env: { ...cloud, FLOORGATE_API_KEY_FILE: empty }, cwd: dir })).toThrow(/FLOORGATE_API_KEY_FILE: .*empty is empty/);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../gateway/config/load.js';

const cwd = mkdtempSync(path.join(tmpdir(), 'floorgate-config-'));

describe('config', () => {
  it('runs standalone with the simulator on a fresh machine', () => {
    const config = loadConfig({ env: {}, cwd });
    expect(config).toMatchObject({ port: 8080, simulator: { enabled: true }, cloud: {} });
    expect(config.dataDir).toBe(path.join(cwd, 'data'));
  });

  it('takes the environment over the file', () => {
    const file = path.join(cwd, 'with-file.json');
    writeFileSync(file, JSON.stringify({ port: 9000, location: { id: 'north', capacity: 80 } }));
    const config = loadConfig({ env: { PORT: '9100', FLOORGATE_SIMULATOR: 'off' }, cwd, file });
    expect(config).toMatchObject({ port: 9100, location: { id: 'north', capacity: 80 }, simulator: { enabled: false } });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT (port)'],
    [{ FLOORGATE_SIMULATOR: 'sometimes' }, 'FLOORGATE_SIMULATOR (simulator.enabled)'],
    [{ FLOORGATE_CLOUD_URL: 'ftp://cloud' , FLOORGATE_API_KEY: 'bak_x' }, 'FLOORGATE_CLOUD_URL (cloud.url)'],
    [{ FLOORGATE_CLOUD_URL: 'https://cloud.example' }, 'FLOORGATE_API_KEY (cloud.apiKey)'],
    [{ FLOORGATE_TIMEZONE: 'Mars/Olympus' }, 'FLOORGATE_TIMEZONE (location.timezone)'],
  ])('names the bad field: %o', (env, field) => {
    expect(() => loadConfig({ env, cwd })).toThrow(ConfigError);
    expect(() => loadConfig({ env, cwd })).toThrow(field);
  });

  it('names a bad field in the file', () => {
    const file = path.join(cwd, 'bad.json');
    writeFileSync(file, JSON.stringify({ checkin: { dwellMinutes: -5 } }));
    expect(() => loadConfig({ env: {}, cwd, file })).toThrow(/checkin\.dwellMinutes/);
  });

  it('makes `floorgate start` exit non-zero with the field named, before it opens anything', () => {
    const result = spawnSync(process.execPath, ['bin/floorgate.mjs', 'start'], {
      env: { ...process.env, PORT: 'not-a-port', FLOORGATE_DATA_DIR: path.join(cwd, 'never') },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('PORT (port): must be a whole number from 1 to 65535');
  });
});

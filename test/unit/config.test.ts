import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../gateway/config/load.js';

const cwd = mkdtempSync(path.join(tmpdir(), 'floorgate-config-'));

describe('config', () => {
  it('runs standalone on a fresh machine, without the simulator unless asked (floorgate start --demo)', () => {
    const config = loadConfig({ env: {}, cwd });
    expect(config).toMatchObject({ port: 8080, simulator: { enabled: false }, cloud: {} });
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
    [{ FLOORGATE_CLOUD_URL: 'ftp://cloud' , FLOORGATE_API_KEY: 'bak_x1234' }, 'FLOORGATE_CLOUD_URL (cloud.url)'],
    [{ FLOORGATE_CLOUD_URL: 'https://cloud.example' }, 'FLOORGATE_API_KEY (cloud.apiKey)'],
    [{ FLOORGATE_TIMEZONE: 'Mars/Olympus' }, 'FLOORGATE_TIMEZONE (location.timezone)'],
  ])('names the bad field: %o', (env, field) => {
    expect(() => loadConfig({ env, cwd })).toThrow(ConfigError);
    expect(() => loadConfig({ env, cwd })).toThrow(field);
  });

  it.each([
    ['bak_live\n7f3a9c0e', /FLOORGATE_API_KEY \(cloud\.apiKey\): must be printable ASCII/],
    ['bak_live\u00007f3a9c0e', /FLOORGATE_API_KEY \(cloud\.apiKey\): must be printable ASCII/],
    ['live_7f3a9c0e5d1b', /FLOORGATE_API_KEY \(cloud\.apiKey\): must start with "bak_"/],
    ['bak_', /FLOORGATE_API_KEY \(cloud\.apiKey\): is too short/],
  ])('refuses a cloud key the cloud could never take, from the environment: %j', (key, message) => {
    const error = captureError(() => loadConfig({ env: { FLOORGATE_CLOUD_URL: 'https://cloud.example', FLOORGATE_API_KEY: key }, cwd }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(message);
  });

  it('refuses such a cloud key from the config file too, naming cloud.apiKey, and takes a good one (trimmed, as a key file ends in a newline)', () => {
    const bad = path.join(cwd, 'bad-key.json');
    writeFileSync(bad, JSON.stringify({ cloud: { url: 'https://cloud.example', apiKey: 'bak_with space' } }));
    expect(captureError(() => loadConfig({ env: {}, cwd, file: bad })).message).toMatch(/^ {2}cloud\.apiKey: must be printable ASCII/m);
    const good = path.join(cwd, 'good-key.json');
    writeFileSync(good, JSON.stringify({ cloud: { url: 'https://cloud.example', apiKey: 'bak_live_7f3a9c0e\n' } }));
    expect(loadConfig({ env: {}, cwd, file: good }).cloud.apiKey).toBe('bak_live_7f3a9c0e');
  });

  it('refuses an unknown key in the file, naming it with its place', () => {
    const file = path.join(cwd, 'typo.json');
    writeFileSync(file, JSON.stringify({ location: { name: 'North Box', capacty: 80 }, simulatr: { enabled: true }, devices: [{ kind: 'serial', role: 'rfid', id: 'door', path: '/dev/ttyUSB0', baud: 9600 }] }));
    const error = captureError(() => loadConfig({ env: {}, cwd, file }));
    expect(error.message).toContain('location.capacty: unknown key "capacty"');
    expect(error.message).toContain('simulatr: unknown key "simulatr"');
    expect(error.message).toContain('devices.0.baud: unknown key "baud"');
  });

  it('names a bad value by its file field, and by its variable only when the variable gave it', () => {
    const file = path.join(cwd, 'bad-port.json');
    writeFileSync(file, JSON.stringify({ port: 'eighty', location: { capacity: -3 } }));
    const fromFile = captureError(() => loadConfig({ env: {}, cwd, file })).message;
    expect(fromFile).toContain(`(file ${file} and environment)`);
    expect(fromFile).toMatch(/^ {2}port: /m);
    expect(fromFile).toMatch(/^ {2}location\.capacity: /m);
    expect(fromFile).not.toContain('PORT');
    expect(fromFile).not.toContain('FLOORGATE_CAPACITY');
    const fromEnv = captureError(() => loadConfig({ env: { FLOORGATE_CAPACITY: 'lots' }, cwd, file: path.join(cwd, 'with-file.json') })).message;
    expect(fromEnv).toContain('FLOORGATE_CAPACITY (location.capacity)');
  });

  it('names a bad field in the file', () => {
    const file = path.join(cwd, 'bad.json');
    writeFileSync(file, JSON.stringify({ checkin: { dwellMinutes: -5 } }));
    expect(() => loadConfig({ env: {}, cwd, file })).toThrow(/checkin\.dwellMinutes/);
  });

  it('refuses quotas that leave check-ins no room, naming the webhook quota', () => {
    const file = path.join(cwd, 'quotas.json');
    writeFileSync(file, JSON.stringify({ storage: { maxDatabaseMB: 100, telemetryQuotaMB: 60, webhookQuotaMB: 40 } }));
    expect(() => loadConfig({ env: {}, cwd, file })).toThrow(/storage\.webhookQuotaMB/);
    expect(() => loadConfig({ env: {}, cwd, file })).toThrow(/telemetryQuotaMB \+ storage\.webhookQuotaMB must be below storage\.maxDatabaseMB/);
    writeFileSync(file, JSON.stringify({ storage: { maxDatabaseMB: 100, telemetryQuotaMB: 60, webhookQuotaMB: 39 } }));
    expect(loadConfig({ env: {}, cwd, file }).storage.webhookQuotaMB).toBe(39);
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

function captureError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { configSchema, type FloorgateConfig } from './schema.js';
import { readSecretFiles } from './secret-files.js';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Environment variables and the config path each one sets. */
const ENV_FIELDS: ReadonlyArray<[env: string, path: string[], parse: (raw: string) => unknown]> = [
  ['PORT', ['port'], (v) => v],
  ['HOST', ['host'], (v) => v],
  ['FLOORGATE_DATA_DIR', ['dataDir'], (v) => v],
  ['FLOORGATE_LOG_LEVEL', ['logLevel'], (v) => v],
  ['FLOORGATE_LOCATION_ID', ['location', 'id'], (v) => v],
  ['FLOORGATE_TIMEZONE', ['location', 'timezone'], (v) => v],
  ['FLOORGATE_CAPACITY', ['location', 'capacity'], numberOrRaw],
  ['FLOORGATE_CLOUD_URL', ['cloud', 'url'], (v) => v],
  ['FLOORGATE_API_KEY', ['cloud', 'apiKey'], (v) => v],
  ['FLOORGATE_STAFF_PIN', ['staff', 'pin'], (v) => v],
  ['FLOORGATE_CLOUD_TIER', ['cloud', 'tier'], (v) => v],
  ['FLOORGATE_MAX_DATABASE_MB', ['storage', 'maxDatabaseMB'], numberOrRaw],
  ['FLOORGATE_ALLOWED_HOSTS', ['allowedHosts'], (v) => v.split(',').map((h) => h.trim()).filter(Boolean)],
  ['FLOORGATE_FLOOR_BROKER', ['floor', 'broker'], (v) => v],
  ['FLOORGATE_BOX_ID', ['floor', 'boxId'], (v) => v],
  ['FLOORGATE_BOX_NAME', ['floor', 'boxName'], (v) => v],
  ['FLOORGATE_FLOOR_LISTEN', ['floor', 'listen'], numberOrRaw],
  ['FLOORGATE_FLOOR_ACCOUNTS_FILE', ['floor', 'accountsFile'], (v) => v],
  ['FLOORGATE_FLOOR_PASSWORD', ['floor', 'password'], (v) => v],
  ['FLOORGATE_SIMULATOR', ['simulator', 'enabled'], onOff],
  ['FLOORGATE_SIMULATOR_SEED', ['simulator', 'seed'], numberOrRaw],
  ['FLOORGATE_SIMULATOR_TAPS_PER_MINUTE', ['simulator', 'tapsPerMinute'], numberOrRaw],
];

function numberOrRaw(raw: string): unknown {
  const n = Number(raw);
  return raw.trim() !== '' && Number.isFinite(n) ? n : raw;
}

function onOff(raw: string): unknown {
  const v = raw.trim().toLowerCase();
  if (['on', 'true', '1', 'yes'].includes(v)) return true;
  if (['off', 'false', '0', 'no'].includes(v)) return false;
  return raw; // left as a string so validation names the variable
}

function setPath(target: Record<string, unknown>, keys: string[], value: unknown): void {
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

function hasValue(source: unknown, keys: readonly PropertyKey[]): boolean {
  let node = source;
  for (const key of keys) {
    if (typeof node !== 'object' || node === null || !(key in node)) return false;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node !== undefined;
}

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
  /** Path of a JSON config file; default: $FLOORGATE_CONFIG, else ./floorgate.config.json when it exists. */
  file?: string;
  cwd?: string;
}

/**
 * One validated config from a JSON file plus the environment (the environment wins).
 * Throws ConfigError whose message names the bad field, and the variable that set it.
 */
export function loadConfig(options: LoadOptions = {}): FloorgateConfig {
  const cwd = options.cwd ?? process.cwd();
  // FLOORGATE_API_KEY_FILE / FLOORGATE_STAFF_PIN_FILE become FLOORGATE_API_KEY / FLOORGATE_STAFF_PIN.
  const secrets = readSecretFiles(options.env ?? process.env, cwd);
  if ('error' in secrets) throw new ConfigError(secrets.error);
  const env = secrets.env;
  const explicit = options.file ?? env.FLOORGATE_CONFIG;
  const file = explicit ? path.resolve(cwd, explicit) : path.join(cwd, 'floorgate.config.json');

  let raw: Record<string, unknown> = {};
  if (explicit || existsSync(file)) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new ConfigError(`Cannot read config file ${file}: ${(error as Error).message}`);
    }
    try {
      raw = JSON.parse(text) as Record<string, unknown>;
    } catch (error) {
      throw new ConfigError(`Config file ${file} is not valid JSON: ${(error as Error).message}`);
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new ConfigError(`Config file ${file} must hold a JSON object`);
    }
  }

  // Which field each variable set: a bad value is named by the variable that gave it, else by its file field.
  const fromEnv = new Map<string, string>();
  const fileRaw = structuredClone(raw);
  if (hasValue(fileRaw, ['floor', 'password'])) {
    throw new ConfigError('floor.password: a password does not belong in the config file; use floor.passwordFile (mode 0600) or FLOORGATE_FLOOR_PASSWORD(_FILE)');
  }
  for (const [name, keys, parse] of ENV_FIELDS) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    setPath(raw, keys, parse(value));
    fromEnv.set(keys.join('.'), name);
  }
  const hasFile = Boolean(explicit) || existsSync(file);

  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.flatMap((issue) => {
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => `  ${[...issue.path, key].join('.')}: unknown key "${key}" (a typo? see the README's configuration table)`);
      }
      const field = issue.path.join('.');
      // A field set nowhere is named with the variable that can set it too.
      const variable = fromEnv.get(field) ?? (hasValue(fileRaw, issue.path) ? undefined : ENV_FIELDS.find(([, keys]) => keys.join('.') === field)?.[0]);
      return [`  ${variable ? `${variable} (${field})` : field}: ${issue.message}`];
    });
    throw new ConfigError(`Invalid configuration${hasFile ? ` (file ${file} and environment)` : ''}:\n${lines.join('\n')}`);
  }
  const config = result.data;
  config.dataDir = path.resolve(cwd, config.dataDir);
  return config;
}

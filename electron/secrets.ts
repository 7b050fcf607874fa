/// <reference types="electron-types" />
/**
 * The cloud API key and the staff PIN, kept encrypted with Electron's safeStorage (Windows DPAPI,
 * macOS Keychain, the Linux keyring) in `<data dir>/kiosk-secrets.json` (mode 0600), and handed to
 * the gateway the kiosk starts through its environment. They are never logged: messages name a
 * secret, never show it.
 *
 * On Linux without a keyring safeStorage falls back to "basic_text", a key built into Chromium:
 * that is obfuscation, not encryption, so the kiosk refuses it and the secret stays where the
 * gateway-only setup keeps it (FLOORGATE_API_KEY_FILE, mode 0600, or the environment).
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readSecretFiles, SECRET_VARIABLES } from '../gateway/config/secret-files.js';

export type SecretName = 'apiKey' | 'staffPin';
export const SECRET_NAMES: readonly SecretName[] = ['apiKey', 'staffPin'];
export const SECRETS_FILE_NAME = 'kiosk-secrets.json';

/** The variables the gateway reads each secret from (gateway/config/load.ts). */
export const SECRET_ENV: Record<SecretName, { value: string; file: string }> = {
  apiKey: SECRET_VARIABLES[0],
  staffPin: SECRET_VARIABLES[1],
};

export type SafeStorageLike = Pick<Electron.SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & {
  getSelectedStorageBackend?: () => string;
};

export type Availability = { ok: true } | { ok: false; why: string };

interface SecretsFile {
  version: 1;
  /** base64 of safeStorage.encryptString(value) */
  secrets: Partial<Record<SecretName, string>>;
}

export interface SecretStoreOptions {
  /** The data directory; the file is <dataDir>/kiosk-secrets.json. */
  dataDir: string;
  safeStorage: SafeStorageLike;
  platform?: NodeJS.Platform;
  log?: (message: string) => void;
}

export class SecretStore {
  readonly file: string;
  private readonly platform: NodeJS.Platform;
  private readonly log: (message: string) => void;

  constructor(private readonly options: SecretStoreOptions) {
    this.file = path.join(options.dataDir, SECRETS_FILE_NAME);
    this.platform = options.platform ?? process.platform;
    this.log = options.log ?? console.warn;
  }

  /** Whether secrets can be stored here with real encryption (only valid once Electron is ready). */
  availability(): Availability {
    const { safeStorage } = this.options;
    if (!safeStorage.isEncryptionAvailable()) return { ok: false, why: 'safeStorage has no encryption on this system' };
    if (this.platform === 'linux') {
      const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
      if (backend === 'basic_text' || backend === 'unknown') {
        return { ok: false, why: `no OS keyring is unlocked (safeStorage backend: ${backend})` };
      }
    }
    return { ok: true };
  }

  /** The stored secrets that can be decrypted; a missing file means none. */
  load(): Partial<Record<SecretName, string>> {
    let stored: SecretsFile;
    try {
      stored = JSON.parse(readFileSync(this.file, 'utf8')) as SecretsFile;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.log(`kiosk: cannot read ${this.file}: ${(error as Error).message}`);
      return {};
    }
    if (!this.availability().ok) {
      this.log(`kiosk: ${this.file} holds secrets, but ${this.describeUnavailable()}; they are not used`);
      return {};
    }
    const result: Partial<Record<SecretName, string>> = {};
    for (const name of SECRET_NAMES) {
      const sealed = stored.secrets?.[name];
      if (typeof sealed !== 'string') continue;
      try {
        result[name] = this.options.safeStorage.decryptString(Buffer.from(sealed, 'base64'));
      } catch {
        // Encrypted for another user or keyring: say which one, never what it held.
        this.log(`kiosk: the stored ${name} in ${this.file} cannot be decrypted here; store it again (--import-secrets)`);
      }
    }
    return result;
  }

  /** Encrypts and stores the given secrets (others already stored stay). Throws when unavailable. */
  save(values: Partial<Record<SecretName, string>>): void {
    const availability = this.availability();
    if (!availability.ok) throw new Error(`cannot store secrets: ${availability.why}`);
    let stored: SecretsFile = { version: 1, secrets: {} };
    try {
      stored = JSON.parse(readFileSync(this.file, 'utf8')) as SecretsFile;
    } catch {
      // no file yet (or unreadable: it is replaced)
    }
    for (const name of SECRET_NAMES) {
      const value = values[name];
      if (value === undefined) continue;
      stored.secrets = { ...stored.secrets, [name]: this.options.safeStorage.encryptString(value).toString('base64') };
    }
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify({ version: 1, secrets: stored.secrets }, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, this.file);
  }

  private describeUnavailable(): string {
    const availability = this.availability();
    return availability.ok ? 'safeStorage is available' : availability.why;
  }
}

/**
 * The environment for the gateway the kiosk starts: each stored secret as its variable, unless the
 * kiosk's own environment already sets it or its _FILE (the operator's choice wins).
 */
export function gatewaySecretEnv(
  stored: Partial<Record<SecretName, string>>,
  env: NodeJS.ProcessEnv,
): { env: Record<string, string>; passed: SecretName[]; overridden: SecretName[] } {
  const result: Record<string, string> = {};
  const passed: SecretName[] = [];
  const overridden: SecretName[] = [];
  for (const name of SECRET_NAMES) {
    const value = stored[name];
    if (value === undefined) continue;
    const { value: variable, file } = SECRET_ENV[name];
    if (env[variable] || env[file]) {
      overridden.push(name);
      continue;
    }
    result[variable] = value;
    passed.push(name);
  }
  return { env: result, passed, overridden };
}

/**
 * `--import-secrets`: reads FLOORGATE_API_KEY / FLOORGATE_STAFF_PIN (or their _FILE variables, with the
 * gateway's own rules) and stores them encrypted. The operator then removes them from the environment.
 */
export function importSecrets(
  store: SecretStore,
  env: NodeJS.ProcessEnv,
  cwd: string,
): { ok: true; stored: SecretName[] } | { ok: false; error: string } {
  const availability = store.availability();
  if (!availability.ok) {
    return {
      ok: false,
      error:
        `cannot keep secrets with safeStorage here: ${availability.why}. ` +
        'Keep the key in a file only the kiosk user can read and set FLOORGATE_API_KEY_FILE (and FLOORGATE_STAFF_PIN_FILE) instead.',
    };
  }
  const read = readSecretFiles(env, cwd);
  if ('error' in read) return { ok: false, error: read.error };
  const values: Partial<Record<SecretName, string>> = {};
  for (const name of SECRET_NAMES) {
    const value = read.env[SECRET_ENV[name].value];
    if (value) values[name] = value;
  }
  const stored = SECRET_NAMES.filter((name) => values[name] !== undefined);
  if (stored.length === 0) {
    return {
      ok: false,
      error: 'nothing to store: set FLOORGATE_API_KEY and/or FLOORGATE_STAFF_PIN (or their _FILE variables) for this one run',
    };
  }
  store.save(values);
  return { ok: true, stored };
}

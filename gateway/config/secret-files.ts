/**
 * Secrets from files: `FLOORGATE_API_KEY_FILE` / `FLOORGATE_STAFF_PIN_FILE` name a file that holds the
 * value (e.g. a systemd credential, or /etc/floorgate/api-key mode 0600). A file others can read is
 * refused: a key that every local user can copy is not a secret.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Each secret: the variable holding the value, and the one naming a file that holds it. */
export const SECRET_VARIABLES = [
  { value: 'FLOORGATE_API_KEY', file: 'FLOORGATE_API_KEY_FILE' },
  { value: 'FLOORGATE_STAFF_PIN', file: 'FLOORGATE_STAFF_PIN_FILE' },
  { value: 'FLOORGATE_FLOOR_PASSWORD', file: 'FLOORGATE_FLOOR_PASSWORD_FILE' },
] as const;

export type SecretFilesResult = { env: NodeJS.ProcessEnv } | { error: string };

function set(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}

/**
 * Returns the environment with every `*_FILE` secret read into its value variable, or an error that
 * names the variable and the file. Never puts the secret itself in a message.
 */
export function readSecretFiles(
  env: NodeJS.ProcessEnv,
  cwd: string,
  platform: NodeJS.Platform = process.platform,
): SecretFilesResult {
  let result: NodeJS.ProcessEnv | undefined;
  for (const { value, file } of SECRET_VARIABLES) {
    const fileName = env[file];
    if (!set(fileName)) continue;
    if (set(env[value])) return { error: `${value} and ${file} are both set: use one of them` };
    const read = readPrivateFile(path.resolve(cwd, fileName), file, platform);
    if ('error' in read) return read;
    const text = read.value;
    result ??= { ...env };
    result[value] = text;
    delete result[file];
  }
  return { env: result ?? env };
}

/**
 * The trimmed text of a secret file, refused when group or others may read it, or when it is empty.
 * `label` names the setting in the error (the variable or the config field); the secret never appears in it.
 */
export function readPrivateFile(resolved: string, label: string, platform: NodeJS.Platform = process.platform): { value: string } | { error: string } {
  let stats;
  try {
    stats = statSync(resolved);
  } catch (error) {
    return { error: `${label}: cannot read ${resolved}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
  if (!stats.isFile()) return { error: `${label}: ${resolved} is not a file` };
  // POSIX modes mean nothing on Windows, where the ACL of the data directory protects the file.
  if (platform !== 'win32' && (stats.mode & 0o077) !== 0) {
    const mode = (stats.mode & 0o777).toString(8).padStart(4, '0');
    return {
      error:
        `${label}: ${resolved} is readable or writable by group or others (mode ${mode}); ` +
        `it must be readable only by the user the gateway runs as: chmod 600 ${resolved}`,
    };
  }
  let text: string;
  try {
    text = readFileSync(resolved, 'utf8').trim();
  } catch (error) {
    return { error: `${label}: cannot read ${resolved}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
  if (text === '') return { error: `${label}: ${resolved} is empty` };
  return { value: text };
}

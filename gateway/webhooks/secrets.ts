import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { WebhookConfig } from './config.js';
import { newSecret } from './signer.js';

/** Where a destination's generated secret lives (mode 0600; `floorgate webhooks secret <name>` prints it). */
export const generatedSecretFile = (dataDir: string, name: string) => path.join(dataDir, 'webhooks', `${name}.secret`);

/** The secret a generated one replaced at its last rotation (console destinations), signed with as well. */
export const previousSecretFile = (dataDir: string, name: string) => path.join(dataDir, 'webhooks', `${name}.previous.secret`);

/** Writes `secret` to `file` (0600) in one step: a reader sees the old file or the new, never half of one. */
function writeSecret(file: string, secret: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${secret}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}

/** A new destination made at the console: a fresh secret (replacing any left by a removed one), returned once. */
export function createGeneratedSecret(dataDir: string, name: string): string {
  const secret = newSecret();
  rmSync(previousSecretFile(dataDir, name), { force: true });
  writeSecret(generatedSecretFile(dataDir, name), secret);
  return secret;
}

/** Rotation: the current secret becomes the previous one (receivers verify with either), a new one is current. */
export function rotateGeneratedSecret(dataDir: string, name: string): string {
  const current = readSecretFile(generatedSecretFile(dataDir, name), `webhook "${name}" (generated secret)`, process.platform);
  const secret = newSecret();
  writeSecret(previousSecretFile(dataDir, name), current);
  writeSecret(generatedSecretFile(dataDir, name), secret);
  return secret;
}

/** A console destination deleted: its secrets go with it. */
export function removeGeneratedSecrets(dataDir: string, name: string): void {
  rmSync(generatedSecretFile(dataDir, name), { force: true });
  rmSync(previousSecretFile(dataDir, name), { force: true });
}

/**
 * The secrets a destination signs with, newest first: `secret`, else `secretFile` (refused unless only its owner
 * can read it), else one generated on first start. Errors name the config field.
 */
export function resolveSecrets(hook: WebhookConfig, field: string, dataDir: string, platform = process.platform): string[] {
  let current = hook.secret;
  if (!current && hook.secretFile) current = readSecretFile(path.resolve(dataDir, hook.secretFile), `${field}.secretFile`, platform);
  if (!current) {
    const file = generatedSecretFile(dataDir, hook.name);
    if (existsSync(file)) current = readSecretFile(file, `${field} (generated secret)`, platform);
    else {
      current = newSecret();
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      writeFileSync(file, `${current}\n`, { mode: 0o600, flag: 'wx' });
    }
  }
  if (hook.previousSecret) return [current, hook.previousSecret];
  const previous = !hook.secret && !hook.secretFile ? previousSecretFile(dataDir, hook.name) : null;
  return previous && existsSync(previous) ? [current, readSecretFile(previous, `${field} (previous secret)`, platform)] : [current];
}

function readSecretFile(file: string, field: string, platform: NodeJS.Platform): string {
  let stats;
  try {
    stats = statSync(file);
  } catch (error) {
    throw new Error(`${field}: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (platform !== 'win32' && (stats.mode & 0o077) !== 0) {
    const mode = (stats.mode & 0o777).toString(8).padStart(4, '0');
    throw new Error(`${field}: ${file} is readable by group or others (mode ${mode}); chmod 600 ${file}`);
  }
  const text = readFileSync(file, 'utf8').trim();
  if (!/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/.test(text)) throw new Error(`${field}: ${file} must hold one whsec_… secret`);
  return text;
}

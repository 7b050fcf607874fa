import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { WebhookConfig } from './config.js';
import { newSecret } from './signer.js';

/** Where a destination's generated secret lives (mode 0600; `floorgate webhooks secret <name>` prints it). */
export const generatedSecretFile = (dataDir: string, name: string) => path.join(dataDir, 'webhooks', `${name}.secret`);

/**
 * The secrets a destination signs with, newest first: `secret`, else `secretFile` (refused unless only its owner
 * can read it), else one generated on first start. Errors name the config field.
 */
export function resolveSecrets(hook: WebhookConfig, index: number, dataDir: string, platform = process.platform): string[] {
  const field = `webhooks[${index}]`;
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
  return hook.previousSecret ? [current, hook.previousSecret] : [current];
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

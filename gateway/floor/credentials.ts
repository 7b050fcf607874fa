import path from 'node:path';
import { ConfigError } from '../config/load.js';
import type { FloorgateConfig } from '../config/schema.js';
import { readPrivateFile } from '../config/secret-files.js';

/** The broker password: FLOORGATE_FLOOR_PASSWORD(_FILE) (config.floor.password), else `floor.passwordFile` (0600). */
export function floorPassword(config: FloorgateConfig): string | null {
  const { floor } = config;
  if (floor.password) return floor.password;
  if (!floor.passwordFile) return null;
  const read = readPrivateFile(path.resolve(floor.passwordFile), 'floor.passwordFile');
  if ('error' in read) throw new ConfigError(read.error);
  return read.value;
}

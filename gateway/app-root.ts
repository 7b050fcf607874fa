/**
 * The app's root directory (package.json, dist/renderer, docs/), found by walking up from this module.
 * One helper because the gateway runs from two places: as TypeScript (gateway/…, tests and `npm run dev`)
 * and bundled (dist/gateway/floorgate.cjs), where every module's import.meta.url is the bundle's.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function findAppRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = path.dirname(from);
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}: the gateway must run from its app folder`);
    dir = parent;
  }
}

export const APP_ROOT = findAppRoot();

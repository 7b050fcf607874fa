import { readFileSync } from 'node:fs';
import path from 'node:path';
import { APP_ROOT } from './app-root.js';

/** Where this installation's files are, from the TypeScript sources and from the compiled bundle alike. */
export const VERSION = (JSON.parse(readFileSync(path.join(APP_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
export const DEFAULT_RENDERER_DIR = path.join(APP_ROOT, 'dist', 'renderer');

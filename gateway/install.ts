import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where this installation's files are, found from this module's own place in the tree. */
export const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
export const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../dist/renderer', import.meta.url));

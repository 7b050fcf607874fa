#!/usr/bin/env node
// Compiles the Electron main process (electron/main.ts and what it imports) into one ES module,
// dist/electron/main.mjs, which electron-builder packs (build/electron-builder.yml: extraMetadata.main)
// and `floorgate kiosk` runs. Only `electron` and Node's built-ins stay imports; zod, cockatiel and
// the config schema are bundled, so the packaged main needs nothing from node_modules.
// Usage: node build/build-electron.mjs   (npm run build:electron)
import { build } from 'esbuild';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ELECTRON_MAIN = 'dist/electron/main.mjs';

/** Builds dist/electron/main.mjs under appRoot; returns its path and the imports left in it. */
export async function buildElectronMain(appRoot = APP_ROOT) {
  const outfile = path.join(appRoot, ELECTRON_MAIN);
  const result = await build({
    absWorkingDir: appRoot,
    entryPoints: ['electron/main.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    // Electron 44's Node; older syntax costs nothing here.
    target: 'node22',
    external: ['electron', ...builtinModules, ...builtinModules.map((name) => `node:${name}`)],
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
  });
  const output = result.metafile.outputs[path.relative(appRoot, outfile).split(path.sep).join('/')];
  const imports = [...new Set((output?.imports ?? []).filter((i) => i.external).map((i) => i.path))].sort();
  return { outfile, imports };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { outfile, imports } = await buildElectronMain();
  process.stdout.write(`built ${path.relative(process.cwd(), outfile)} (external: ${imports.join(', ')})\n`);
}

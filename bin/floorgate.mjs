#!/usr/bin/env node
// The `floorgate` command. Runs the compiled gateway, dist/gateway/floorgate.cjs (`npm run build`), with V8's
// code cache (./code-cache.mjs), when it exists and no source it was built from (dist/gateway/floorgate.inputs.json)
// changed since; otherwise the TypeScript through tsx, a devDependency (a development clone: slower to start,
// always current).
// FLOORGATE_FROM_SOURCE=1 forces the TypeScript.
import { existsSync, readFileSync, statSync } from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runWithCodeCache } from './code-cache.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist', 'gateway', 'floorgate.cjs');

/** Why the compiled gateway cannot run, or null when it can. */
function whyNotCompiled() {
  if (process.env.FLOORGATE_FROM_SOURCE === '1') return 'FLOORGATE_FROM_SOURCE=1';
  const built = statSync(bundle, { throwIfNoEntry: false });
  if (!built) return 'dist/gateway/floorgate.cjs is not built';
  // A package ships no sources: nothing to compare.
  if (!existsSync(path.join(root, 'gateway'))) return null;
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(path.join(root, 'dist', 'gateway', 'floorgate.inputs.json'), 'utf8'));
  } catch {
    return 'dist/gateway/floorgate.inputs.json is missing';
  }
  for (const file of inputs) {
    const source = statSync(path.join(root, file), { throwIfNoEntry: false });
    if (!source || source.mtimeMs > built.mtimeMs) return `${file} changed after the build`;
  }
  return null;
}

// Node ≥ 22.1 keeps V8's compiled code of the modules it loads between starts (in $NODE_COMPILE_CACHE, else the
// temp directory): tsx and the packages in node_modules. The compiled gateway has its own cache (./code-cache.mjs).
module.enableCompileCache?.();

const reason = whyNotCompiled();
if (reason === null) {
  // Source maps stay off: reading floorgate.cjs.map costs ~8 MB for good. NODE_OPTIONS=--enable-source-maps
  // makes stack traces name the TypeScript lines; Node's own loader reads the map then (no code cache).
  if (process.sourceMapsEnabled) module.createRequire(import.meta.url)(bundle);
  else runWithCodeCache(bundle);
} else {
  // Said where a person or the service's journal sees it; tests read stderr, so not to pipes otherwise.
  if (process.stderr.isTTY || process.env.NODE_ENV === 'production') {
    process.stderr.write(`floorgate: running the TypeScript through tsx (${reason}; \`npm run build\` compiles it)\n`);
  }
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    process.stderr.write(`floorgate: ${reason}, and tsx (a devDependency) is not installed: run \`npm run build\` in ${root}\n`);
    process.exit(1);
  }
  register();
  await import('../gateway/cli/program.ts');
}

#!/usr/bin/env node
// Compiles the gateway (gateway/cli/program.ts and what it imports, shared/ included) into one ES module,
// dist/gateway/floorgate.js, which bin/floorgate.mjs, the systemd unit and the Electron package run: no
// TypeScript loader at run time. Packages stay imports (native modules must; the others keep node_modules
// the one copy). JSON imports (the demo roster) are inlined; files found at run time (package.json,
// dist/renderer) are looked up from the app root (gateway/app-root.ts), so they resolve from both places.
// Also writes dist/gateway/floorgate.inputs.json, the sources it was built from, for bin/'s freshness check.
// Usage: node build/build-gateway.mjs   (npm run build:gateway)
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const GATEWAY_BUNDLE = 'dist/gateway/floorgate.js';
export const GATEWAY_INPUTS = 'dist/gateway/floorgate.inputs.json';

/** Builds dist/gateway/floorgate.js under appRoot; returns its path and the packages it imports. */
export async function buildGateway(appRoot = APP_ROOT) {
  const outfile = path.join(appRoot, GATEWAY_BUNDLE);
  rmSync(path.dirname(outfile), { recursive: true, force: true }); // no chunks of an older build left behind
  const result = await build({
    absWorkingDir: appRoot,
    entryPoints: { floorgate: 'gateway/cli/program.ts' },
    outdir: path.dirname(outfile),
    // What the gateway imports lazily (the cloud link, only with a cloud configured) becomes its own chunk,
    // so its packages (undici, cockatiel) load only then.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
    // Stack traces name the TypeScript lines (source map) when run with --enable-source-maps.
    banner: { js: '// Built by build/build-gateway.mjs from gateway/ and shared/: edit those, not this file.' },
  });
  const inputs = Object.keys(result.metafile.inputs).filter((file) => !file.startsWith('node_modules/')).sort();
  writeFileSync(path.join(appRoot, GATEWAY_INPUTS), `${JSON.stringify(inputs, null, 1)}\n`);
  const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.js')).map(([, output]) => output);
  const imports = [...new Set(outputs.flatMap((o) => o.imports).filter((i) => i.external && !i.path.startsWith('node:')).map((i) => i.path))].sort();
  return { outfile, inputs, imports, bytes: outputs.reduce((sum, o) => sum + o.bytes, 0), files: outputs.length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { outfile, inputs, imports, bytes, files } = await buildGateway();
  process.stdout.write(
    `built ${path.relative(process.cwd(), outfile)} (+${files - 1} chunks, ${Math.round(bytes / 1024)} kB from ${inputs.length} sources; packages: ${imports.join(', ')})\n`,
  );
}

#!/usr/bin/env node
// Compiles the gateway (gateway/cli/program.ts and what it imports, shared/ included) into one CommonJS file,
// dist/gateway/floorgate.cjs, which bin/floorgate.mjs, the systemd unit and the Electron package run: no
// TypeScript loader at run time. CommonJS, not an ES module, because V8 can cache a script's compiled code
// between starts and Node 20 offers that only for scripts (bin/code-cache.mjs): start-up ~0.5 → ~0.3 s here.
// Packages stay imports where they must (native modules) or load on demand; the pure-JS ones are bundled. JSON
// imports (the demo roster) are inlined; files found at run time (package.json, dist/renderer) are looked up from
// the app root (gateway/app-root.ts), so they resolve from both places.
// Also writes dist/gateway/floorgate.inputs.json, the sources it was built from, for bin/'s freshness check.
// Usage: node build/build-gateway.mjs   (npm run build:gateway; FLOORGATE_BUILD_METAFILE=<file> also writes esbuild's metafile)
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const GATEWAY_BUNDLE = 'dist/gateway/floorgate.cjs';
export const GATEWAY_INPUTS = 'dist/gateway/floorgate.inputs.json';

/** Packages with a native binding (or that load one): loaded from node_modules at run time, never bundled. */
export const NATIVE_PACKAGES = ['better-sqlite3', '@abandonware/noble', 'serialport', '@serialport/*', 'usb', 'incyclist-ant-plus'];
/**
 * Packages loaded only on demand, left out of the bundle so that start-up does not parse them; they load from
 * node_modules when used: fastify's schema compilers (gateway/http/schema-compilers.ts defers them; no route
 * declares a fastify schema) and inject() (tests), and undici, which only a box with a cloud or webhooks loads.
 */
export const LOADED_ON_DEMAND = ['@fastify/ajv-compiler', '@fastify/fast-json-stringify-compiler', 'light-my-request', 'undici'];

/**
 * zod re-exports all 64 of its locales as `z.locales`, a namespace esbuild cannot shake: ~330 kB parsed at every
 * start for error messages in languages the gateway never uses (English is zod's default and stays).
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, ({ importer }) =>
      importer.includes(`${path.sep}node_modules${path.sep}zod${path.sep}`) ? { path: importer, namespace: 'zod-locales' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, ({ path: importer }) => ({
      contents: "export { default as en } from '../locales/en.js';",
      resolveDir: path.dirname(importer),
    }));
  },
};

/** Builds dist/gateway/floorgate.cjs under appRoot; returns its path and the packages it imports. */
export async function buildGateway(appRoot = APP_ROOT) {
  const outfile = path.join(appRoot, GATEWAY_BUNDLE);
  rmSync(path.dirname(outfile), { recursive: true, force: true }); // nothing of an older build left (its code cache too)
  const result = await build({
    absWorkingDir: appRoot,
    entryPoints: ['gateway/cli/program.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Pure-JS packages are bundled in: resolving and compiling ~400 small CommonJS files from node_modules was
    // most of the start-up time. Native modules (and what loads them) cannot be bundled and stay imports. What
    // the gateway imports lazily (the cloud link, the floor's MQTT client and broker, prom-client) stays lazy:
    // esbuild wraps those modules so they run only when first imported, and the code cache spares their parsing.
    external: [...NATIVE_PACKAGES, ...LOADED_ON_DEMAND],
    // The sources' import.meta.url (createRequire, the app root) is the bundle's own URL.
    define: { 'import.meta.url': '__floorgateBundleUrl' },
    sourcemap: 'linked',
    metafile: true,
    plugins: [zodEnglishOnly],
    logLevel: 'warning',
    legalComments: 'none',
    // Names stay (stack traces, logged error types); whitespace and syntax are minified: less to read and parse.
    minifyWhitespace: true,
    minifySyntax: true,
    // Stack traces name the TypeScript lines (source map) when run with --enable-source-maps.
    banner: {
      js: [
        '// Built by build/build-gateway.mjs from gateway/ and shared/: edit those, not this file.',
        "const __floorgateBundleUrl = require('node:url').pathToFileURL(__filename).href;",
      ].join('\n'),
    },
  });
  // What went into each file, for esbuild's bundle analyzer (https://esbuild.github.io/analyze/).
  if (process.env.FLOORGATE_BUILD_METAFILE) writeFileSync(process.env.FLOORGATE_BUILD_METAFILE, JSON.stringify(result.metafile));
  // Our own source files only: not packages, nor a plugin's virtual modules (`namespace:path`, no file to compare).
  const inputs = Object.keys(result.metafile.inputs).filter((file) => !file.startsWith('node_modules/') && !/^[\w-]+:/.test(file)).sort();
  writeFileSync(path.join(appRoot, GATEWAY_INPUTS), `${JSON.stringify(inputs, null, 1)}\n`);
  const output = result.metafile.outputs[path.relative(appRoot, outfile).split(path.sep).join('/')];
  const imports = [...new Set(output.imports.filter((i) => i.external && !i.path.startsWith('node:') && !builtinModules.includes(i.path)).map((i) => i.path))].sort();
  return { outfile, inputs, imports, bytes: output.bytes };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { outfile, inputs, imports, bytes } = await buildGateway();
  process.stdout.write(`built ${path.relative(process.cwd(), outfile)} (${Math.round(bytes / 1024)} kB from ${inputs.length} sources; packages: ${imports.join(', ')})\n`);
}

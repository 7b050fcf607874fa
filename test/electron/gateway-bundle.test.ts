/**
 * The compiled gateway as bin/ runs it: a build whose source list bin/ cannot check would make every start fall
 * back to the TypeScript through tsx (twice the start-up work, ~50 MB more), silently. And what start-up loads:
 * the packages only some boxes use stay out of the main bundle and its static imports.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface BuildResult { outfile: string; inputs: string[]; imports: string[] }
let build: BuildResult;

beforeAll(async () => {
  const { buildGateway } = (await import(path.join(REPO_ROOT, 'build', 'build-gateway.mjs'))) as { buildGateway(root: string): Promise<BuildResult> };
  build = await buildGateway(REPO_ROOT);
}, 120_000);

describe('the compiled gateway', () => {
  it('lists only source files that exist, so bin/ runs the bundle and not tsx', async () => {
    const listed = JSON.parse(readFileSync(path.join(REPO_ROOT, 'dist/gateway/floorgate.inputs.json'), 'utf8')) as string[];
    expect(listed).toContain('gateway/cli/program.ts');
    expect(listed.filter((file) => !existsSync(path.join(REPO_ROOT, file)))).toEqual([]);
    // NODE_ENV=production: bin/ says on stderr when it falls back to the TypeScript.
    const { stdout, stderr } = await run(process.execPath, [path.join(REPO_ROOT, 'bin/floorgate.mjs'), '--version'], {
      env: { ...process.env, NODE_ENV: 'production', FLOORGATE_FROM_SOURCE: '' },
    });
    expect(stderr).not.toContain('through tsx');
    expect(stdout.trim()).toBe(JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version);
  });

  it('imports only native modules and on-demand packages from node_modules; prom-client, undici, ajv, MQTT.js and Aedes are not loaded at start', () => {
    const packages = build.imports.filter((name) => !builtinModules.includes(name.replace(/^node:/, '')));
    // bufferutil and utf-8-validate: ws's optional native speed-ups, required in a try (absent here, fine).
    expect(packages.sort()).toEqual(
      ['@abandonware/noble', '@fastify/ajv-compiler', '@fastify/fast-json-stringify-compiler', 'better-sqlite3', 'bufferutil', 'light-my-request', 'undici', 'utf-8-validate'].sort(),
    );
    const main = readFileSync(build.outfile, 'utf8');
    // Static imports of the main file: what every start loads.
    const staticImports = [...main.matchAll(/\bfrom\s*"([^"]+)"/g)].map((m) => m[1]);
    expect(staticImports.filter((name) => /prom-client|undici|ajv/.test(name!))).toEqual([]);
    expect(main).not.toContain('prom-client/lib/registry');
    // The floor's MQTT client and broker: only a box with a floor configured loads them (gateway/floor/start-floor.ts).
    expect(main).not.toContain('node_modules/mqtt-packet/');
    expect(main).not.toContain('node_modules/aedes/');
    expect(main).not.toMatch(/Ungültige Eingabe|Entrada inválida/); // zod's other locales
  });
});

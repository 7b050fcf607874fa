/**
 * The compiled gateway as bin/ runs it: a build whose source list bin/ cannot check would make every start fall
 * back to the TypeScript through tsx (twice the start-up work, ~50 MB more), silently. What start-up runs: the
 * packages only some boxes use are never evaluated at start (V8's own coverage of a real start says so). And the
 * code cache (bin/code-cache.mjs): a start from the cache serves, and loads its lazy parts, like any other.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, killChild, startChildGateway } from '../support/child-gateway.js';

const run = promisify(execFile);
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface BuildResult { outfile: string; inputs: string[]; imports: string[] }
let build: BuildResult;
let dataDir: string;

beforeAll(async () => {
  const { buildGateway } = (await import(path.join(REPO_ROOT, 'build', 'build-gateway.mjs'))) as { buildGateway(root: string): Promise<BuildResult> };
  build = await buildGateway(REPO_ROOT);
  dataDir = mkdtempSync(path.join(tmpdir(), 'floorgate-bundle-'));
}, 120_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** A function's run count in V8's coverage of the bundle, by the name esbuild gives a lazily run module. */
type Coverage = { result: { url: string; functions: { functionName: string; ranges: { count: number }[] }[] }[] };

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

  it('imports only native modules and on-demand packages from node_modules, and never with import()', () => {
    const packages = build.imports.filter((name) => !builtinModules.includes(name.replace(/^node:/, '')));
    // bufferutil and utf-8-validate: ws's optional native speed-ups, required in a try (absent here, fine). noble,
    // serialport and the ANT+ stick load through createRequire when a box has such devices (not seen here).
    expect(packages.sort()).toEqual(
      ['@fastify/ajv-compiler', '@fastify/fast-json-stringify-compiler', 'better-sqlite3', 'bufferutil', 'light-my-request', 'undici', 'utf-8-validate'].sort(),
    );
    const bundle = readFileSync(build.outfile, 'utf8');
    // Code from V8's cache cannot import() on Node 20 (bin/code-cache.mjs): on-demand packages come with require.
    expect(bundle.match(/[^\w$.]import\(.{0,40}/g) ?? []).toEqual([]);
    expect(bundle).not.toMatch(/Ungültige Eingabe|Entrada inválida/); // zod's other locales
  });

  it('a start runs none of what only some boxes use: the floor’s MQTT client and broker, the cloud link, prom-client, undici', async () => {
    const coverageDir = path.join(dataDir, 'coverage');
    const child = await startChildGateway({
      port: await freePort(),
      dataDir: path.join(dataDir, 'coverage-box'),
      env: { NODE_V8_COVERAGE: coverageDir, FLOORGATE_SIMULATOR: 'off', FLOORGATE_COMPILE_CACHE: 'off' },
    });
    const health = await fetch(`${child.url}/healthz`);
    expect(health.status).toBe(200);
    await killChild(child, 'SIGTERM'); // V8 writes its coverage as the process exits
    const scripts = readdirSync(coverageDir).flatMap((file) => (JSON.parse(readFileSync(path.join(coverageDir, file), 'utf8')) as Coverage).result);
    const gateway = scripts.find((script) => script.url.endsWith('/dist/gateway/floorgate.cjs'));
    expect(gateway, 'the compiled gateway ran').toBeDefined();
    const runs = new Map(gateway!.functions.map((fn) => [fn.functionName, fn.ranges[0]!.count]));
    const lazy = [
      'gateway/floor/mqtt-link.ts',
      'gateway/floor/embedded-broker.ts',
      'node_modules/mqtt/build/index.js',
      'node_modules/aedes/aedes.js',
      'gateway/uplink/cloud-link.ts',
      'gateway/status/prometheus.ts',
      'node_modules/prom-client/lib/registry.js',
    ];
    // Each is in the bundle (a missing name would make this test pass for nothing) and never ran.
    expect(Object.fromEntries(lazy.map((name) => [name, runs.get(name)]))).toEqual(Object.fromEntries(lazy.map((name) => [name, 0])));
    expect(scripts.filter((script) => /node_modules\/(undici|@fastify\/ajv-compiler|mqtt|aedes|prom-client)\//.test(script.url))).toEqual([]);
  });

  it('a start from the code cache serves and loads its lazy parts (prom-client for /metrics)', async () => {
    const cacheDir = path.join(dataDir, 'code-cache');
    const box = path.join(dataDir, 'cached-box');
    const env = { FLOORGATE_SIMULATOR: 'off', FLOORGATE_COMPILE_CACHE: cacheDir };
    const first = await startChildGateway({ port: await freePort(), dataDir: box, env });
    // The first start writes the cache a few seconds in (bin/code-cache.mjs); wait for the file, not a time.
    await new Promise<void>((resolve) => {
      const cached = () => existsSync(cacheDir) && readdirSync(cacheDir).some((name) => name.endsWith('.v8cache'));
      const timer = setInterval(() => cached() && (clearInterval(timer), resolve()), 100);
    });
    await killChild(first, 'SIGTERM');

    const second = await startChildGateway({ port: await freePort(), dataDir: box, env });
    try {
      expect((await fetch(`${second.url}/healthz`)).status).toBe(200);
      const metrics = await fetch(`${second.url}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('floorgate_outbox_pending');
    } finally {
      await killChild(second, 'SIGTERM');
    }
    // A good cache is not written again.
    expect(readdirSync(cacheDir).filter((name) => name.endsWith('.v8cache'))).toHaveLength(1);
  }, 30_000);
});

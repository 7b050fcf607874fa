/**
 * bin/code-cache.mjs, which runs the compiled gateway with V8's code cache: a start after the first uses the cache,
 * a damaged or foreign cache is refused by V8 and replaced (never run), and a rebuilt bundle never meets the old
 * build's cache. Real V8, real files; each start is a worker thread (its own V8 isolate, as a process has: one
 * isolate keeps what it compiled, so a second start in the same one would never read the cache). The bundles
 * here are small CommonJS files like the gateway's.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const LOADER = fileURLToPath(new URL('../../bin/code-cache.mjs', import.meta.url));
const { codeCacheDirectory } = (await import(LOADER)) as { codeCacheDirectory(bundle: string, env?: NodeJS.ProcessEnv): string | null };

interface Start {
  cache: 'used' | 'none' | 'rejected' | 'off';
  /** The cache file written after this start, if any. */
  written: string | undefined;
  /** What the bundle saw and did: its __filename, a relative require, a require from one of its functions later. */
  ran: { filename: string; helper: string; later: string };
}
/** One start of the bundle in a fresh isolate, through the loader, writing its cache at once. */
function start(cacheSetting = cacheDir): Promise<Start> {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     // The loader's write timer never keeps a process alive; this start waits for it.
     const alive = setInterval(() => {}, 1000);
     import(workerData.loader).then(async ({ runWithCodeCache }) => {
       const run = runWithCodeCache(workerData.bundle, { env: { FLOORGATE_COMPILE_CACHE: workerData.cacheSetting }, writeAfterMs: 0 });
       const { filename, helper, later } = globalThis.codeCacheTest;
       parentPort.postMessage({ cache: run.cache, written: await run.written, ran: { filename, helper, later: await later() } });
       clearInterval(alive);
     });`,
    { eval: true, workerData: { loader: LOADER, bundle, cacheSetting } },
  );
  return new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject));
}

let dir: string;
let cacheDir: string;
let bundle: string;
const caches = () => readdirSync(cacheDir).filter((name) => name.endsWith('.v8cache'));

/** A bundle that records what it saw: __filename, require (relative too, and later from a function the cache holds). */
function writeBundle(label: string): void {
  writeFileSync(path.join(dir, 'helper.cjs'), `module.exports = 'helper ${label}';`);
  writeFileSync(
    bundle,
    `globalThis.codeCacheTest = { filename: __filename, helper: require('./helper.cjs'),
       later: async () => typeof require('node:os').cpus + ' ${label}' };
     function work(n) { let total = 0; for (let i = 0; i < n; i++) total += i % 7; return total; }
     module.exports = work(1000);`,
  );
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'floorgate-code-cache-'));
  cacheDir = path.join(dir, 'cache');
  bundle = path.join(dir, 'bundle.cjs');
  writeBundle('one');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the compiled gateway with V8 code cache', () => {
  it('compiles the first start, writes the cache, and the next start uses it and runs the same code', async () => {
    const first = await start();
    expect(first.cache).toBe('none');
    const ran = { filename: bundle, helper: 'helper one', later: 'function one' };
    expect(first.ran).toEqual(ran);
    expect(first.written && path.dirname(first.written)).toBe(cacheDir);
    expect(caches()).toHaveLength(1);

    const second = await start();
    expect(second.cache).toBe('used');
    expect(second.written).toBeUndefined(); // nothing to write: the cache was good
    // require and __filename from code that came out of the cache.
    expect(second.ran).toEqual(ran);
  });

  it('a damaged cache is refused by V8, never run: the bundle compiles as usual and the cache is written again', async () => {
    const { written: file } = await start();
    const garbage = Buffer.alloc(readFileSync(file!).length, 0x5a);
    writeFileSync(file!, garbage);

    const damaged = await start();
    expect(damaged.cache).toBe('rejected');
    expect(damaged.ran.later).toBe('function one');
    expect(damaged.written).toBe(file);
    expect(readFileSync(file!).equals(garbage)).toBe(false);
    expect((await start()).cache).toBe('used');
  });

  it('a rebuilt bundle of the same length never meets the old build’s cache, which is removed', async () => {
    await start();
    const before = caches();
    const length = readFileSync(bundle).length;
    writeBundle('two'); // same length, other code: V8's own check (the length) would take the old cache
    expect(readFileSync(bundle).length).toBe(length);
    utimesSync(bundle, new Date(), new Date(Date.now() + 60_000));

    const rebuilt = await start();
    expect(rebuilt.cache).toBe('none');
    expect(rebuilt.ran.later).toBe('function two');
    expect(caches()).toHaveLength(1);
    expect(caches()).not.toEqual(before);
    expect((await start()).cache).toBe('used');
  });

  it('FLOORGATE_COMPILE_CACHE=off runs the bundle without a cache and writes none', async () => {
    const off = await start('off');
    expect(off).toMatchObject({ cache: 'off', written: undefined, ran: { later: 'function one' } });
    expect(readdirSync(dir).sort()).toEqual(['bundle.cjs', 'helper.cjs']);
  });

  it('keeps the cache beside the bundle unless FLOORGATE_COMPILE_CACHE names a directory', () => {
    expect(codeCacheDirectory(bundle, {})).toBe(dir);
    expect(codeCacheDirectory(bundle, { FLOORGATE_COMPILE_CACHE: 'cache' })).toBe(path.resolve('cache'));
    expect(codeCacheDirectory(bundle, { FLOORGATE_COMPILE_CACHE: 'off' })).toBeNull();
  });
});

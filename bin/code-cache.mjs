// Runs a CommonJS bundle (the compiled gateway, dist/gateway/floorgate.cjs) with V8's code cache: the bytecode of
// every function the last start compiled, kept on disk, so the next start deserializes it instead of parsing and
// compiling ~2.8 MB of JavaScript again. Node 20 has no compile cache of its own (Node ≥ 22.1's
// module.enableCompileCache does this for modules it loads; one loader here serves every Node the box may run).
// Measured here (bench/startup.ts): start to /healthz ~0.5 s without the cache, ~0.3 s with it.
//
// Safe by construction: V8 checks the cache against its own version, its flags and the source's length and
// rejects a mismatch (the bundle then compiles as usual and the cache is written again); the file name also
// carries the bundle's size and mtime, so a rebuilt bundle never meets an older build's cache.
import { createHash } from 'node:crypto';
import { accessSync, constants, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

/**
 * Where the cache lives: $FLOORGATE_COMPILE_CACHE (a directory; `off` turns the cache off), else beside the bundle
 * when that directory is writable (a clone), else the temp directory (a read-only install without the variable).
 * @param {string} bundle
 * @param {NodeJS.ProcessEnv} env
 * @returns {string | null} the directory, or null for no cache
 */
export function codeCacheDirectory(bundle, env = process.env) {
  const chosen = env.FLOORGATE_COMPILE_CACHE;
  if (chosen === 'off') return null;
  if (chosen) return path.resolve(chosen);
  const beside = path.dirname(bundle);
  try {
    accessSync(beside, constants.W_OK);
    return beside;
  } catch {
    return path.join(tmpdir(), 'floorgate-compile-cache');
  }
}

/**
 * The cache file for this bundle (its path, size and mtime) and this V8; older builds' files share the prefix.
 * @param {string} directory
 * @param {string} bundle
 */
function cacheFileFor(directory, bundle) {
  const { size, mtimeMs } = statSync(bundle);
  const hash = (text) => createHash('sha256').update(text).digest('hex').slice(0, 12);
  const prefix = `${path.basename(bundle)}.${hash(path.resolve(bundle))}.`;
  return { file: path.join(directory, `${prefix}${hash(`${size}:${mtimeMs}:${process.versions.v8}`)}.v8cache`), prefix };
}

/**
 * Evaluates `bundle` as the CommonJS module it is (its own require, module, __filename), with the code cache.
 * When there was no usable cache, writes one `writeAfterMs` later (by then start-up has compiled what a start
 * needs; the timer never keeps the process alive, so a short command writes none).
 * @param {string} bundle absolute path of the CommonJS bundle
 * @param {{ env?: NodeJS.ProcessEnv, writeAfterMs?: number }} [options]
 * @returns {{ cache: 'used' | 'none' | 'rejected' | 'off', written: Promise<string | undefined> }}
 *   what happened to the cache, and (when one is to be written) the file once it is on disk
 */
export function runWithCodeCache(bundle, { env = process.env, writeAfterMs = 5_000 } = {}) {
  const directory = codeCacheDirectory(bundle, env);
  const target = directory === null ? null : cacheFileFor(directory, bundle);
  /** @type {Buffer | undefined} */
  let cachedData;
  if (target) {
    try {
      cachedData = readFileSync(target.file);
    } catch {
      cachedData = undefined; // none yet (or unreadable): compiled as usual, written later
    }
  }
  // No importModuleDynamically: on Node 20, code that comes out of the cache loses it, and import() would throw
  // there. The bundle loads what it loads on demand with require (test/electron/gateway-bundle.test.ts checks).
  const script = new vm.Script(Module.wrap(readFileSync(bundle, 'utf8')), { filename: bundle, cachedData });
  const cache = !target ? 'off' : !cachedData ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';

  const bundleModule = new Module(bundle);
  bundleModule.filename = bundle;
  bundleModule.paths = Module._nodeModulePaths(path.dirname(bundle));
  const wrapper = script.runInThisContext();
  /** @type {Promise<string | undefined>} */
  const written =
    target && cache !== 'used'
      ? new Promise((resolve) => setTimeout(() => resolve(writeCache(script, target)), writeAfterMs).unref())
      : Promise.resolve(undefined);
  wrapper.call(bundleModule.exports, bundleModule.exports, createRequire(bundle), bundleModule, bundle, path.dirname(bundle));
  return { cache, written };
}

/**
 * Writes the cache whole or not at all (a temp file renamed over: starts running side by side never read half a
 * file), and removes older builds' caches of the same bundle. A failure only costs the next start its speed-up.
 * @param {vm.Script} script
 * @param {{ file: string, prefix: string }} target
 * @returns {string | undefined}
 */
function writeCache(script, { file, prefix }) {
  const directory = path.dirname(file);
  const temp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
    renameSync(temp, file);
    for (const name of readdirSync(directory)) {
      if (name.startsWith(prefix) && name.endsWith('.v8cache') && path.join(directory, name) !== file) rmSync(path.join(directory, name), { force: true });
    }
    return file;
  } catch {
    rmSync(temp, { force: true });
    return undefined;
  }
}

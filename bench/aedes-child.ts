/**
 * The Aedes broker in its own process for the benches (bench/floor-broker-child.ts), bundled by esbuild as the
 * gateway is, so its memory is not tsx's. `raw`: no accounts; `embedded`: the embedded broker as shipped.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { stopChild, waitForOutput, type BenchBroker } from './mosquitto.js';

const here = path.dirname(fileURLToPath(import.meta.url));
let bundle: Promise<string> | null = null;

function bundled(): Promise<string> {
  bundle ??= (async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'floorgate-bench-aedes-bundle-'));
    const outfile = path.join(dir, 'floor-broker-child.mjs');
    await build({
      entryPoints: [path.join(here, 'floor-broker-child.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
      logLevel: 'warning',
    });
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    return outfile;
  })();
  return bundle;
}

export async function startAedesChild(
  options: { mode: 'raw'; noDelay: boolean } | { mode: 'embedded'; accountsFile: string; locationId: string; port?: number },
): Promise<BenchBroker> {
  const args = [await bundled(), options.mode];
  if (options.mode === 'embedded') args.push(options.accountsFile, options.locationId, String(options.port ?? 0));
  const env = { ...process.env, BENCH_FLOOR_NODELAY: options.mode === 'raw' && options.noDelay ? '1' : '0' };
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env });
  const [, port] = await waitForOutput(child, child.stdout!, /listening (\d+)/);
  const dir = mkdtempSync(path.join(tmpdir(), 'floorgate-bench-aedes-'));
  return { url: `mqtt://127.0.0.1:${port}`, pid: child.pid!, stop: stopChild(child, dir) };
}

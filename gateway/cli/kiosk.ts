/**
 * `floorgate kiosk` (npm run kiosk): runs the Electron kiosk from a clone. Builds the Electron main
 * (build/build-electron.mjs), then starts Electron on it; the kiosk attaches to a running gateway or
 * starts and supervises one itself. Where the optional `electron` package could not be installed
 * (no Electron build for the platform, or its download failed), it says so and how to show the same
 * screens with Chromium instead, and exits with code 1: no stack trace.
 */
import { execFile, spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants as osConstants } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Command } from 'commander';
import { APP_ROOT } from '../app-root.js';

export { APP_ROOT };

const run = promisify(execFile);

export type ElectronLocation = { ok: true; binary: string } | { ok: false; problem: string };

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Electron version package.json asks for (optionalDependencies.electron). */
function wantedElectron(appRoot: string): string {
  try {
    const manifest = JSON.parse(readFileSync(path.join(appRoot, 'package.json'), 'utf8')) as {
      optionalDependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    return manifest.optionalDependencies?.electron ?? manifest.devDependencies?.electron ?? 'latest';
  } catch {
    return 'latest';
  }
}

/**
 * Finds the Electron binary: $FLOORGATE_ELECTRON, else the `electron` package's downloaded binary.
 * Reads the package's path.txt instead of require('electron'), whose own error is a stack trace.
 */
export function locateElectron(appRoot: string, env: NodeJS.ProcessEnv): ElectronLocation {
  const explicit = env.FLOORGATE_ELECTRON;
  if (explicit) {
    return isExecutableFile(explicit)
      ? { ok: true, binary: explicit }
      : { ok: false, problem: `FLOORGATE_ELECTRON is set to ${explicit}, which is not an executable file` };
  }
  let packageDir: string;
  try {
    packageDir = path.dirname(createRequire(path.join(appRoot, 'package.json')).resolve('electron/package.json'));
  } catch {
    return {
      ok: false,
      problem:
        `the optional "electron" package is not installed (npm skips it where Electron has no build for ` +
        `${process.platform}-${process.arch} or its download failed)`,
    };
  }
  let relative: string;
  try {
    relative = readFileSync(path.join(packageDir, 'path.txt'), 'utf8').trim();
  } catch {
    return {
      ok: false,
      problem: `the "electron" package in ${packageDir} has no Electron binary (its download during npm install failed)`,
    };
  }
  const binary = path.join(packageDir, 'dist', relative);
  return isExecutableFile(binary)
    ? { ok: true, binary }
    : { ok: false, problem: `the Electron binary ${binary} is missing (its download during npm install failed)` };
}

/** What to tell someone whose machine cannot run the Electron kiosk. */
export function withoutElectronAdvice(problem: string, appRoot: string, env: NodeJS.ProcessEnv): string {
  const port = env.PORT || '8080';
  return [
    `floorgate kiosk: cannot start the Electron kiosk: ${problem}.`,
    '',
    'Show the same screens without Electron:',
    '  1. run the gateway:          npm start            (or: floorgate start)',
    `  2. open a screen fullscreen: chromium --kiosk --app=http://localhost:${port}/screen/entrance`,
    '     (any screen works: /screen/occupancy, /screen/playlist?name=…; see README "Kiosk")',
    '',
    'Or make Electron available:',
    `  npm install --no-save electron@${wantedElectron(appRoot)}    (needs a platform Electron ships for)`,
    '  or set FLOORGATE_ELECTRON to the path of an Electron binary.',
    '',
  ].join('\n');
}

/**
 * Builds the Electron main (build/build-electron.mjs, an ES module with esbuild) in its own node process: the
 * compiled gateway is a CommonJS script run from V8's code cache, where Node 20 cannot import() (bin/code-cache.mjs).
 */
async function buildElectronMain(): Promise<string> {
  try {
    await run(process.execPath, [path.join(APP_ROOT, 'build', 'build-electron.mjs')], { cwd: APP_ROOT });
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(stderr?.trim() || (error as Error).message);
  }
  return path.join(APP_ROOT, 'dist', 'electron', 'main.mjs');
}

export async function runKioskCommand(electronArgs: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const electron = locateElectron(APP_ROOT, env);
  if (!electron.ok) {
    process.stderr.write(withoutElectronAdvice(electron.problem, APP_ROOT, env));
    return 1;
  }
  if (!existsSync(path.join(APP_ROOT, 'dist', 'renderer', 'index.html'))) {
    process.stderr.write('floorgate kiosk: the screens are not built yet: run `npm run build` first.\n');
    return 1;
  }
  let main: string;
  try {
    main = await buildElectronMain();
  } catch (error) {
    process.stderr.write(`floorgate kiosk: cannot build the Electron main process: ${(error as Error).message}\n`);
    return 1;
  }
  const child = spawn(electron.binary, [main, ...electronArgs], { stdio: 'inherit', env, cwd: APP_ROOT });
  const forward = (signal: NodeJS.Signals) => () => void child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  return new Promise<number>((resolve) => {
    child.once('error', (error) => {
      process.stderr.write(withoutElectronAdvice(`${electron.binary} could not be started: ${error.message}`, APP_ROOT, env));
      resolve(1);
    });
    child.once('exit', (code, signal) => resolve(code ?? 128 + (signal ? (osConstants.signals[signal] ?? 0) : 0)));
  });
}

export function kioskCommand(): Command {
  return new Command('kiosk')
    .description('run the Electron kiosk: fullscreen screens per display, gateway attached or started and supervised')
    .argument('[electron-args...]', 'passed on to Electron, e.g. --ozone-platform=x11')
    .allowUnknownOption()
    .action(async (electronArgs: string[]) => {
      process.exitCode = await runKioskCommand(electronArgs);
    });
}

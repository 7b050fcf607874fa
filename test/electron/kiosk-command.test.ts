/**
 * `npm run kiosk` / `floorgate kiosk` as a user runs them: real child processes. On this machine the
 * optional electron package cannot be installed, which is exactly the case the first test covers.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { locateElectron } from '../../gateway/cli/kiosk.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function runCommand(command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(command, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const STACK_LINE = /^\s+at .+\(?.*:\d+:\d+\)?$/m;

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'floorgate-kiosk-cmd-'));
  temps.push(dir);
  return dir;
}

describe('npm run kiosk without Electron', () => {
  it('says why it cannot start and how to show the screens with Chromium, exit code 1, no stack trace', async () => {
    const { code, stderr } = await runCommand('npm', ['run', '--silent', 'kiosk']);
    expect(code).not.toBe(0);
    expect(stderr).toContain('floorgate kiosk: cannot start the Electron kiosk: the optional "electron" package is not installed');
    expect(stderr).toContain('chromium --kiosk --app=http://localhost:8080/screen/entrance');
    expect(stderr).toContain('npm start');
    expect(stderr).not.toMatch(STACK_LINE);
    expect(stderr).not.toMatch(/Error:/);
  });

  it('names FLOORGATE_ELECTRON when it points at nothing, and uses PORT in the advice', async () => {
    const { code, stderr } = await runCommand(process.execPath, ['bin/floorgate.mjs', 'kiosk'], {
      FLOORGATE_ELECTRON: '/nonexistent/electron',
      PORT: '9123',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('FLOORGATE_ELECTRON is set to /nonexistent/electron, which is not an executable file');
    expect(stderr).toContain('chromium --kiosk --app=http://localhost:9123/screen/entrance');
    expect(stderr).not.toMatch(STACK_LINE);
  });
});

describe('floorgate kiosk with an Electron binary', () => {
  it('builds the Electron main and runs Electron on it with the extra arguments, passing its exit code on', async () => {
    const dir = tempDir();
    const fake = path.join(dir, 'electron');
    // Stands in for Electron: records how it was started, exits with a code the command must pass on.
    writeFileSync(fake, `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/args"\nexit 7\n`);
    chmodSync(fake, 0o755);
    const { code } = await runCommand(process.execPath, ['bin/floorgate.mjs', 'kiosk', '--ozone-platform=x11'], { FLOORGATE_ELECTRON: fake });
    expect(code).toBe(7);
    const args = readFileSync(path.join(dir, 'args'), 'utf8').trim().split('\n');
    expect(args).toEqual([path.join(REPO_ROOT, 'dist/electron/main.mjs'), '--ozone-platform=x11']);
    expect(readFileSync(args[0]!, 'utf8')).toContain('another Floorgate kiosk is already running');
  });
});

describe('locateElectron', () => {
  function appWithElectron(files: Record<string, string>): string {
    const root = tempDir();
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'floorgate' }));
    const pkg = path.join(root, 'node_modules/electron');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'electron', version: '44.11.5' }));
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(pkg, name)), { recursive: true });
      writeFileSync(path.join(pkg, name), content, { mode: 0o755 });
    }
    return root;
  }

  it('reports an electron package whose binary download failed', () => {
    const root = appWithElectron({});
    expect(locateElectron(root, {})).toEqual({
      ok: false,
      problem: expect.stringMatching(/the "electron" package in .*node_modules\/electron has no Electron binary \(its download during npm install failed\)/),
    });
  });

  it('finds the downloaded binary', () => {
    const root = appWithElectron({ 'path.txt': 'electron', 'dist/electron': '#!/bin/sh\n' });
    expect(locateElectron(root, {})).toEqual({ ok: true, binary: path.join(root, 'node_modules/electron/dist/electron') });
  });

  it('reports a missing package', () => {
    const root = tempDir();
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'floorgate' }));
    const located = locateElectron(root, {});
    expect(located.ok).toBe(false);
  });
});

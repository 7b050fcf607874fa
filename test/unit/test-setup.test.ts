/**
 * scripts/test-setup.sh, `npm test`'s first step: on a machine without a package the tests need it stops at
 * once with the exact apt-get line (not root), or installs the package (root). Run for real by bash, on a PATH
 * of stand-ins: `id` answers the uid under test, `apt-get` records how it was called, socat is left out.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../../scripts/test-setup.sh', import.meta.url));
const dirs: string[] = [];

function executable(file: string, body: string): void {
  writeFileSync(file, `#!/bin/bash\n${body}\n`);
  chmodSync(file, 0o755);
}

/** A bin folder with every tool but the ones left out, an `id` that answers `uid`, an apt-get that logs. */
function machine(options: { uid: number; without: string[]; aptFails?: boolean }) {
  const dir = mkdtempSync(path.join(tmpdir(), 'floorgate-test-setup-'));
  dirs.push(dir);
  const bin = path.join(dir, 'bin');
  const aptLog = path.join(dir, 'apt-get.log');
  spawnSync('mkdir', [bin]);
  for (const tool of ['socat', 'systemd-analyze', 'udevadm', 'unshare', 'mosquitto']) {
    if (!options.without.includes(tool)) executable(path.join(bin, tool), 'exit 0');
  }
  executable(path.join(bin, 'id'), `[ "$1" = "-u" ] && echo ${options.uid}`);
  executable(path.join(bin, 'apt-get'), `echo "$*" >> ${aptLog}\n${options.aptFails ? 'exit 100' : 'exit 0'}`);
  const chromium = path.join(dir, 'chromium');
  if (!options.without.includes('chromium')) executable(chromium, 'exit 0');
  const run = (...args: string[]) =>
    spawnSync('/bin/bash', [SCRIPT, ...args], { env: { PATH: bin, FLOORGATE_CHROMIUM: chromium }, encoding: 'utf8', timeout: 10_000 });
  const aptCalls = () => (existsSync(aptLog) ? readFileSync(aptLog, 'utf8').trim().split('\n') : []);
  return { run, aptCalls };
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('scripts/test-setup.sh', () => {
  it('stops at once, not as root, naming the exact apt-get line for what is missing', () => {
    const box = machine({ uid: 1000, without: ['socat', 'chromium'] });
    const result = box.run();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('not installed: chromium socat');
    expect(result.stderr).toContain('  sudo apt-get install -y --no-install-recommends chromium socat\n');
    expect(box.aptCalls()).toEqual([]);
  });

  it('as root installs the missing packages with apt-get (after an update) and goes on', () => {
    const box = machine({ uid: 0, without: ['socat', 'udevadm'] });
    const result = box.run();
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('installed socat udev');
    expect(box.aptCalls()).toEqual(['update -qq', 'install -y -qq --no-install-recommends socat udev']);
  });

  it('as root says so and fails when apt-get cannot install', () => {
    const box = machine({ uid: 0, without: ['udevadm'], aptFails: true });
    const result = box.run();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('apt-get install udev failed');
  });

  it('with --check never installs, even as root', () => {
    const box = machine({ uid: 0, without: ['systemd-analyze', 'unshare'] });
    const result = box.run('--check');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('sudo apt-get install -y --no-install-recommends systemd util-linux');
    expect(box.aptCalls()).toEqual([]);
  });

  it('passes without a word of advice when everything is there', () => {
    const box = machine({ uid: 1000, without: [] });
    const result = box.run();
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(box.aptCalls()).toEqual([]);
  });
});

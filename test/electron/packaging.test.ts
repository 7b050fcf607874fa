/**
 * Packaging, checked without downloading anything: electron-builder's own schema validation of
 * build/electron-builder.yml, the compiled Electron main, a real `electron-builder --dir` run with a
 * stand-in for the Electron binary (so the packed layout is real and the gateway is started from
 * it), the systemd units through `systemd-analyze verify`, the udev rules through udevadm's own
 * parser, and the install script in dry-run mode.
 */
import { execFile, spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../support/child-gateway.js';

const run = promisify(execFile);
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUILD = path.join(REPO_ROOT, 'build');
const CONFIG = path.join(BUILD, 'electron-builder.yml');
const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  optionalDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
// electron-builder's internals, resolved from electron-builder itself (they are its dependencies).
const builderRequire = createRequire(createRequire(import.meta.url).resolve('electron-builder'));

const temps: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}
const children: Array<{ kill(signal?: NodeJS.Signals): boolean }> = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type BuilderConfig = Record<string, any>;
const { getConfig, validateConfiguration } = builderRequire('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string, fromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
};
const { DebugLogger } = builderRequire('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

/** Loads a config the way electron-builder does, then runs its schema validation on it. */
async function validateBuilderConfig(file: string): Promise<BuilderConfig> {
  const config = await getConfig(REPO_ROOT, file, null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

describe('electron-builder config', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(validateBuilderConfig(CONFIG)).resolves.toMatchObject({ appId: 'org.floorgate.kiosk' });
  });

  it('would be refused if it were wrong (the validation is real)', async () => {
    const dir = tempDir('floorgate-eb-');
    const broken = path.join(dir, 'electron-builder.yml');
    writeFileSync(broken, readFileSync(CONFIG, 'utf8').replace('npmRebuild: true', 'npmRebuild: "yes please"'));
    await expect(validateBuilderConfig(broken)).rejects.toThrow(/configuration\.npmRebuild should be a boolean/);
  });

  it('targets AppImage and deb on x64, arm64 and armv7l, and NSIS on Windows, for the pinned Electron', async () => {
    const config = await validateBuilderConfig(CONFIG);
    expect(config.linux.target).toEqual([
      { target: 'AppImage', arch: ['x64', 'arm64', 'armv7l'] },
      { target: 'deb', arch: ['x64', 'arm64', 'armv7l'] },
    ]);
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    // One Electron version everywhere: the package pin, the packaging, and the types tsc checks against.
    expect(config.electronVersion).toBe(manifest.optionalDependencies.electron);
    expect(manifest.devDependencies['electron-types']!.split('.')[0]).toBe(String(config.electronVersion).split('.')[0]);
    expect(config.extraMetadata.main).toBe('dist/electron/main.mjs');
    expect(config).toMatchObject({ npmRebuild: true, buildDependenciesFromSource: false, asar: true });
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['bin/**', 'dist/gateway/**', 'dist/renderer/**', 'node_modules/**']));
    expect(config.directories.buildResources).toBe('build');
  });
});

describe('the compiled Electron main', () => {
  it('bundles everything but electron and Node built-ins, and runs in Node with Electron stubbed', async () => {
    const { buildElectronMain } = (await import(path.join(BUILD, 'build-electron.mjs'))) as {
      buildElectronMain(root: string): Promise<{ outfile: string; imports: string[] }>;
    };
    const { outfile, imports } = await buildElectronMain(REPO_ROOT);
    expect(outfile).toBe(path.join(REPO_ROOT, 'dist/electron/main.mjs'));
    expect(imports.filter((name) => name !== 'electron' && !name.startsWith('node:'))).toEqual([]);

    // A stand-in electron module: this box already has a kiosk, so the compiled main must bow out.
    const dir = tempDir('floorgate-main-');
    mkdirSync(path.join(dir, 'dist/electron'), { recursive: true });
    mkdirSync(path.join(dir, 'node_modules/electron'), { recursive: true });
    copyFileSync(outfile, path.join(dir, 'dist/electron/main.mjs'));
    writeFileSync(path.join(dir, 'node_modules/electron/package.json'), JSON.stringify({ name: 'electron', type: 'module', main: 'index.js' }));
    writeFileSync(
      path.join(dir, 'node_modules/electron/index.js'),
      `export const app = { requestSingleInstanceLock: () => false, exit: (code) => process.exit(code), on() {}, whenReady: () => new Promise(() => {}) };
       export const Menu = {}, powerSaveBlocker = {}, safeStorage = {}, screen = {}, session = {}, BrowserWindow = class {};`,
    );
    const result = await run(process.execPath, [path.join(dir, 'dist/electron/main.mjs')], { timeout: 15_000 });
    expect(result.stderr).toContain('kiosk: another Floorgate kiosk is already running on this box; this one exits');
  });
});

describe('electron-builder --dir with a stand-in Electron (no download, no native rebuild)', () => {
  it('packs the compiled main into app.asar and a gateway that starts from app.asar.unpacked', { timeout: 180_000 }, async () => {
    expect(existsSync(path.join(REPO_ROOT, 'dist/renderer/index.html')), 'npm run build:renderer first (npm test does)').toBe(true);
    await run(process.execPath, [path.join(BUILD, 'build-electron.mjs')], { cwd: REPO_ROOT });
    await run(process.execPath, [path.join(BUILD, 'build-gateway.mjs')], { cwd: REPO_ROOT });
    // This machine's code cache beside the bundle (bin/code-cache.mjs) stays out of the package.
    const localCache = path.join(REPO_ROOT, 'dist/gateway/floorgate.cjs.from-this-machine.v8cache');
    writeFileSync(localCache, 'not for the package');
    const fakeElectron = tempDir('floorgate-fake-electron-');
    writeFileSync(path.join(fakeElectron, 'electron'), '#!/bin/sh\necho "stand-in electron $@"\n');
    chmodSync(path.join(fakeElectron, 'electron'), 0o755);
    mkdirSync(path.join(fakeElectron, 'resources'));
    const out = tempDir('floorgate-packages-');
    const builderCli = path.join(path.dirname(createRequire(import.meta.url).resolve('electron-builder/package.json')), 'cli.js');
    await run(
      process.execPath,
      [builderCli, '--config', CONFIG, '--dir', '--linux', '--x64', '-c.npmRebuild=false', `-c.electronDist=${fakeElectron}`, `-c.directories.output=${out}`],
      { cwd: REPO_ROOT, timeout: 170_000, maxBuffer: 64 * 1024 * 1024 },
    ).finally(() => rmSync(localCache, { force: true }));

    const resources = path.join(out, 'linux-unpacked/resources');
    expect(existsSync(path.join(out, 'linux-unpacked/floorgate-kiosk'))).toBe(true);
    for (const file of ['floorgate-gateway.service', 'systemd/floorgate-kiosk.service', 'udev/70-floorgate-serial.rules', 'autostart/floorgate-kiosk.desktop', 'scripts/install-gateway.sh']) {
      expect(existsSync(path.join(resources, 'setup', file)), file).toBe(true);
    }
    const asar = builderRequire('@electron/asar') as {
      extractFile(archive: string, file: string): Buffer;
      statFile(archive: string, file: string): { unpacked?: boolean };
    };
    const archive = path.join(resources, 'app.asar');
    expect(JSON.parse(asar.extractFile(archive, 'package.json').toString()).main).toBe('dist/electron/main.mjs');
    expect(asar.statFile(archive, 'dist/electron/main.mjs').unpacked).toBeFalsy();
    expect(asar.statFile(archive, 'bin/floorgate.mjs').unpacked).toBe(true);
    const unpacked = path.join(resources, 'app.asar.unpacked');
    expect(existsSync(path.join(unpacked, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true);
    // The compiled gateway only: no TypeScript, and tsx (a devDependency) left out.
    expect(existsSync(path.join(unpacked, 'dist/gateway/floorgate.cjs'))).toBe(true);
    expect(readdirSync(path.join(unpacked, 'dist/gateway')).filter((name) => name.endsWith('.v8cache'))).toEqual([]);
    expect(existsSync(path.join(unpacked, 'gateway'))).toBe(false);
    expect(existsSync(path.join(unpacked, 'shared'))).toBe(false);
    expect(existsSync(path.join(unpacked, 'node_modules/tsx/package.json'))).toBe(false);

    // The gateway, as the packaged kiosk starts it (here with this machine's node: no rebuild happened).
    const port = await freePort();
    const data = tempDir('floorgate-packaged-data-');
    const gateway = spawn(process.execPath, [path.join(unpacked, 'bin/floorgate.mjs'), 'start'], {
      cwd: unpacked,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', FLOORGATE_DATA_DIR: data, FLOORGATE_SIMULATOR: 'off', FLOORGATE_CONFIG: '' },
      stdio: 'ignore',
    });
    children.push(gateway);
    const origin = `http://127.0.0.1:${port}`;
    await expect
      .poll(async () => (await fetch(`${origin}/healthz`).catch(() => undefined))?.status, { timeout: 30_000, interval: 200 })
      .toBe(200);
    expect((await fetch(`${origin}/screen/entrance`)).status).toBe(200);
    expect(await (await fetch(`${origin}/api/kiosk-config`)).json()).toMatchObject({ displays: [{ screen: 'entrance', display: 0 }] });
  });
});

/** systemd-analyze verify: exit 0 and not a single warning. */
async function verifyUnit(file: string, options: { user?: boolean } = {}): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, SYSTEMD_LOG_COLOR: '0' };
  if (options.user) env.XDG_RUNTIME_DIR = tempDir('floorgate-xdg-');
  const result = await run('systemd-analyze', ['verify', ...(options.user ? ['--user'] : []), file], { env }).catch(
    (error: { stderr?: string; code?: number }) => ({ stderr: `exit ${error.code}: ${error.stderr}` }),
  );
  expect(result.stderr.trim(), file).toBe('');
}

/** A copy of a unit with its ExecStart binary swapped for one that exists here (verify checks it). */
function withExecutable(unit: string, binary: string, replacement: string): string {
  const dir = tempDir('floorgate-unit-');
  const file = path.join(dir, path.basename(unit));
  writeFileSync(file, readFileSync(unit, 'utf8').replaceAll(`ExecStart=${binary} `, `ExecStart=${replacement} `).replaceAll(`ExecStart=${binary}\n`, `ExecStart=${replacement}\n`));
  return file;
}

describe('systemd units', () => {
  const gatewayUnit = path.join(BUILD, 'floorgate-gateway.service');

  it('the gateway unit has what a gateway-only box needs', () => {
    const unit = readFileSync(gatewayUnit, 'utf8');
    for (const line of [
      'User=floorgate',
      'Restart=always',
      'StateDirectory=floorgate',
      'AmbientCapabilities=CAP_NET_RAW CAP_NET_ADMIN',
      'CapabilityBoundingSet=CAP_NET_RAW CAP_NET_ADMIN',
      'NoNewPrivileges=yes',
      'ProtectSystem=strict',
      'ProtectHome=yes',
      'PrivateTmp=yes',
      'SupplementaryGroups=dialout',
      'Environment=FLOORGATE_DATA_DIR=/var/lib/floorgate',
      // The code cache where the service may write it and it outlives a restart (bin/code-cache.mjs).
      'CacheDirectory=floorgate',
      'Environment=FLOORGATE_COMPILE_CACHE=/var/cache/floorgate',
      'ExecStart=/usr/bin/node /opt/floorgate/bin/floorgate.mjs start',
      'WantedBy=multi-user.target',
    ]) {
      expect(unit.split('\n'), line).toContain(line);
    }
    // V8's JIT needs writable+executable memory: this one would kill the gateway at start.
    expect(unit).not.toMatch(/^MemoryDenyWriteExecute=yes/m);
  });

  it('the gateway unit passes systemd-analyze verify', async () => {
    await verifyUnit(withExecutable(gatewayUnit, '/usr/bin/node', process.execPath));
  });

  it('the gateway unit is hardened: exposure at most 3.0 by systemd-analyze security', async () => {
    const result = await run('systemd-analyze', ['security', '--offline=true', '--threshold=30', '--no-pager', gatewayUnit]).catch(
      (error: { stdout: string }) => ({ stdout: `over the threshold:\n${error.stdout}` }),
    );
    expect(result.stdout).toMatch(/Overall exposure level for floorgate-gateway\.service: [0-2]\.\d|3\.0/);
  });

  it('the kiosk user unit restarts the kiosk forever and passes systemd-analyze verify --user', async () => {
    const unit = path.join(BUILD, 'systemd/floorgate-kiosk.service');
    const text = readFileSync(unit, 'utf8');
    for (const line of ['Restart=always', 'StartLimitIntervalSec=0', 'EnvironmentFile=-/etc/floorgate/floorgate.env', 'WantedBy=graphical-session.target']) {
      expect(text.split('\n'), line).toContain(line);
    }
    await verifyUnit(withExecutable(unit, '/usr/bin/floorgate-kiosk', '/bin/true'), { user: true });
  });

  it('the autostart entry hands the display to the user service and starts it', () => {
    const desktop = readFileSync(path.join(BUILD, 'autostart/floorgate-kiosk.desktop'), 'utf8');
    expect(desktop.split('\n')[0]).toBe('[Desktop Entry]');
    expect(desktop).toMatch(/^Type=Application$/m);
    expect(desktop).toMatch(/^Exec=.*systemctl --user import-environment .*WAYLAND_DISPLAY.*systemctl --user restart floorgate-kiosk\.service/m);
  });
});

describe('install script (dry run into a temporary root)', () => {
  async function install(...args: string[]) {
    const root = tempDir('floorgate-install-');
    const result = await run('bash', [path.join(BUILD, 'scripts/install-gateway.sh'), '--dry-run', ...args], {
      env: { ...process.env, FLOORGATE_INSTALL_ROOT: root },
    });
    return { root, stdout: result.stdout };
  }

  it('installs the unit, a drop-in for this clone, udev rules and settings, and says what it runs', async () => {
    const { root, stdout } = await install();
    const node = execPathOfNode();
    expect(stdout).toContain(`+ setcap cap_net_raw,cap_net_admin+eip ${node}`);
    expect(stdout).toContain('+ systemctl enable --now floorgate-gateway.service');
    expect(stdout).toContain('+ useradd --system --user-group --home-dir /var/lib/floorgate --no-create-home --shell /usr/sbin/nologin floorgate');
    expect(stdout).toContain('+ usermod -a -G dialout floorgate');
    const dropIn = readFileSync(path.join(root, 'etc/systemd/system/floorgate-gateway.service.d/10-floorgate-paths.conf'), 'utf8');
    expect(dropIn).toContain(`WorkingDirectory=${REPO_ROOT}\nExecStart=\nExecStart=${node} ${REPO_ROOT}/bin/floorgate.mjs start\n`);
    expect(readFileSync(path.join(root, 'etc/udev/rules.d/70-floorgate-serial.rules'), 'utf8')).toBe(
      readFileSync(path.join(BUILD, 'udev/70-floorgate-serial.rules'), 'utf8'),
    );
    expect(readFileSync(path.join(root, 'etc/floorgate/floorgate.env'), 'utf8')).toMatch(/^PORT=8080$/m);
    expect(existsSync(path.join(root, 'etc/systemd/user/floorgate-kiosk.service'))).toBe(false);
    // What gets installed is what systemd would run.
    await verifyUnit(path.join(root, 'etc/systemd/system/floorgate-gateway.service'));
  });

  it('--kiosk adds the user unit (running the clone) and the autostart entry; --no-setcap, --no-enable do as they say', async () => {
    const { root, stdout } = await install('--kiosk', '--no-setcap', '--no-enable');
    expect(stdout).not.toContain('setcap');
    expect(stdout).not.toContain('+ systemctl enable');
    expect(stdout).toContain('installed; start with: systemctl daemon-reload && systemctl enable --now floorgate-gateway.service');
    expect(existsSync(path.join(root, 'etc/xdg/autostart/floorgate-kiosk.desktop'))).toBe(true);
    const dropIn = readFileSync(path.join(root, 'etc/systemd/user/floorgate-kiosk.service.d/10-floorgate-paths.conf'), 'utf8');
    expect(dropIn).toContain(`ExecStart=${execPathOfNode()} ${REPO_ROOT}/bin/floorgate.mjs kiosk`);
    await verifyUnit(path.join(root, 'etc/systemd/user/floorgate-kiosk.service'), { user: true });
  });

  it('keeps an existing settings file on a second run', async () => {
    const { root } = await install();
    const env = path.join(root, 'etc/floorgate/floorgate.env');
    writeFileSync(env, 'PORT=9000\n');
    await run('bash', [path.join(BUILD, 'scripts/install-gateway.sh'), '--dry-run'], { env: { ...process.env, FLOORGATE_INSTALL_ROOT: root } });
    expect(readFileSync(env, 'utf8')).toBe('PORT=9000\n');
    expect(statSync(path.join(root, 'etc/systemd/system/floorgate-gateway.service')).mode & 0o777).toBe(0o644);
  });
});

/** The node the install script finds: `command -v node`, links resolved. */
function execPathOfNode(): string {
  const found = process.env.PATH!.split(':')
    .map((dir) => path.join(dir, 'node'))
    .find((candidate) => existsSync(candidate));
  return found ? realpathSync(found) : process.execPath;
}

describe('udev rules for serial readers', () => {
  const rulesFile = path.join(BUILD, 'udev/70-floorgate-serial.rules');
  const rules = readFileSync(rulesFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'));

  it('give CH340/CH341, CP210x, FTDI, Concept2 monitors and ANT+ sticks to dialout, 0660, away from ModemManager', () => {
    const vendors = new Set(rules.map((rule) => /ATTRS\{idVendor\}=="([0-9a-f]{4})"/.exec(rule)?.[1]));
    expect([...vendors].sort()).toEqual(['0403', '0fcf', '10c4', '17a4', '1a86']);
    // ANT+ sticks by product: ANTUSB2 and ANTUSB-m, opened through libusb (a usb node, not a tty).
    expect(rules.filter((rule) => rule.includes('"0fcf"')).map((rule) => /idProduct\}=="([0-9a-f]{4})"/.exec(rule)?.[1])).toEqual(['1008', '1009']);
    for (const rule of rules) {
      expect(rule).toMatch(/^SUBSYSTEM=="(tty|hidraw|usb)", /);
      expect(rule).toContain('GROUP="dialout", MODE="0660"');
      if (rule.startsWith('SUBSYSTEM=="tty"')) expect(rule).toContain('ENV{ID_MM_DEVICE_IGNORE}="1"');
    }
  });

  it("parse cleanly with udev's own parser (udevadm test, rules mounted in a private mount namespace)", async () => {
    const dir = tempDir('floorgate-udev-');
    copyFileSync(rulesFile, path.join(dir, '70-floorgate-serial.rules'));
    // /etc/udev/rules.d exists wherever udev does; the bind mount is visible to this command only.
    const script = `mount --bind ${dir} /etc/udev/rules.d && udevadm test --action=add /sys/class/tty/tty 2>&1`;
    const { stdout } = await run('unshare', ['--mount', 'sh', '-c', script], { maxBuffer: 16 * 1024 * 1024 });
    expect(stdout).toContain('Reading rules file: /etc/udev/rules.d/70-floorgate-serial.rules');
    expect(stdout.split('\n').filter((line) => line.includes('70-floorgate-serial.rules:'))).toEqual([]);
  });
});

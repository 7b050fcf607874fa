import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, killChild, startChildGateway, writeConfig, type ChildGateway } from '../support/child-gateway.js';
import { postCheckIn, tempDataDir } from '../support/gateway.js';

/** `floorgate …` as an operator runs it: from another directory, with only what they pass (no FLOORGATE_DATA_DIR). */
function floorgate(args: string[], cwd: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, FLOORGATE_CONFIG: '' };
  delete env.FLOORGATE_DATA_DIR;
  return spawnSync(process.execPath, [path.resolve('bin/floorgate.mjs'), ...args], { cwd, env, encoding: 'utf8', timeout: 30_000 });
}

let gateway: ChildGateway | null = null;
afterEach(async () => {
  if (gateway) await killChild(gateway, 'SIGTERM');
  gateway = null;
});

describe('floorgate token and roster import on the running gateway’s data', () => {
  it('token: a missing data directory is a clear error, no stack trace and nothing created', () => {
    const elsewhere = tempDataDir();
    const result = floorgate(['token'], elsewhere);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`no data directory at ${path.join(elsewhere, 'data')}`);
    expect(result.stderr).toContain('-c <file>');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack frames
    expect(result.stdout).toBe('');
    expect(existsSync(path.join(elsewhere, 'data'))).toBe(false);
  });

  it('with -c, both act on the data of the gateway running with that config, and say so', async () => {
    const box = tempDataDir();
    const dataDir = path.join(box, 'var');
    const configFile = writeConfig(box, { dataDir, location: { name: 'North Box' } });
    const port = await freePort();
    // The gateway is started with the config only (its data dir comes from the file).
    gateway = await startChildGateway({ port, dataDir: '', configFile, env: { FLOORGATE_DATA_DIR: '' } });
    const operatorCwd = tempDataDir();

    const token = floorgate(['token', '-c', configFile], operatorCwd);
    expect(token.status).toBe(0);
    expect(token.stdout.trim()).toBe(readFileSync(path.join(dataDir, 'kiosk-token'), 'utf8').trim());
    expect(token.stderr).toContain(`the kiosk token from ${path.join(dataDir, 'kiosk-token')}`);
    expect(token.stderr).toMatch(new RegExp(`the gateway running now \\(pid \\d+, http://127\\.0\\.0\\.1:${port}\\) uses ${dataDir}`));

    const csv = path.join(operatorCwd, 'members.csv');
    writeFileSync(csv, ['id,name,badge_ids,status,valid_until,waiver', 'm-1,Maja Berg,7A7A,active,,yes'].join('\n'));
    const imported = floorgate(['roster', 'import', csv, '-c', configFile], operatorCwd);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toContain(`Imported 1 members with 1 badges into ${path.join(dataDir, 'floorgate.db')}`);
    expect(imported.stdout).toContain('the gateway running now');
    // The running gateway decides from the imported member at once.
    expect((await postCheckIn(gateway.url, '7a7a')).body).toMatchObject({ decision: 'accepted', member: { displayName: 'Maja B.' } });
  });

  it('roster import before the first start says the data is new and who will use it', () => {
    const box = tempDataDir();
    const configFile = writeConfig(box, { dataDir: path.join(box, 'fresh') });
    const csv = path.join(box, 'members.csv');
    writeFileSync(csv, ['id,name,badge_ids,status,valid_until,waiver', 'm-1,Maja Berg,7A7A,active,,yes'].join('\n'));
    const result = floorgate(['roster', 'import', csv, '-c', configFile], box);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`no gateway has used ${path.join(box, 'fresh')} yet`);
  });
});

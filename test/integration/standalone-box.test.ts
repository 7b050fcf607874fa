import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayStatus } from '../../shared/status.js';
import type { Gateway } from '../../gateway/app.js';
import { freePort } from '../support/child-gateway.js';
import { postCheckIn, tempDataDir, testGateway } from '../support/gateway.js';

let gateway: Gateway | null = null;
afterEach(async () => {
  await gateway?.close();
  gateway = null;
});

describe('a box without a cloud', () => {
  it('says standalone — nothing is sent anywhere — and holds its events as its record, not as a queue for a cloud', async () => {
    gateway = await testGateway();
    expect((await postCheckIn(gateway.url, '1001')).body).toMatchObject({ decision: 'accepted' });
    const status = (await (await fetch(`${gateway.url}/api/status`)).json()) as GatewayStatus;
    expect(status.uplink).toMatchObject({ state: 'standalone', cloudUrl: null, summary: 'standalone — nothing is sent anywhere' });
    expect(status.queue.held).toBe(true);
    expect(status.queue.depth).toBeGreaterThan(0); // kept on the box: sent if a cloud is configured later
  });
});

describe('floorgate start on a terminal', () => {
  it('prints a banner for humans with the console URL, and writes the JSON logs to a file instead', async () => {
    const dataDir = tempDataDir();
    const port = await freePort();
    // `script` gives the gateway a real pty as stdout, as a person at the box would.
    const child = spawn('script', ['-qefc', `${process.execPath} ${path.resolve('bin/floorgate.mjs')} start --demo`, '/dev/null'], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', FLOORGATE_DATA_DIR: dataDir, FLOORGATE_CONFIG: '', FLOORGATE_SIMULATOR_TAPS_PER_MINUTE: '0' },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('a real gym:')) resolve(); // the banner's last line in the demo
      });
      void exited.then(() => reject(new Error(`exited before its banner: ${out}`)));
    });
    try {
      const lines = out.split(/\r?\n/);
      expect(lines.filter((line) => line.trimStart().startsWith('{'))).toEqual([]);
      expect(out).toContain(`Floorgate`);
      expect(out).toContain(`is running at http://127.0.0.1:${port} — DEMO`);
      expect(out).toContain(`http://127.0.0.1:${port}/staff`);
      expect(out).toContain(`logs            ${path.join(dataDir, 'floorgate.log')}`);
      const logLines = readFileSync(path.join(dataDir, 'floorgate.log'), 'utf8').trim().split('\n');
      expect(logLines.length).toBeGreaterThan(0);
      expect(JSON.parse(logLines[0]!)).toMatchObject({ app: 'floorgate' });
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
  });
});

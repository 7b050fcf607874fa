import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './helpers.js';

export interface OwnGateway {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * A gateway of a test's (or benchmark's) own: `floorgate start` as a child process on its own port and data dir,
 * with a config file of its own (written to the data dir). Resolves once it listens.
 */
export async function startOwnGateway(port: number, config: object, env: Record<string, string> = {}): Promise<OwnGateway> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'floorgate-e2e-own-'));
  const configFile = path.join(dataDir, 'floorgate.config.json');
  fs.writeFileSync(configFile, JSON.stringify(config));
  const child: ChildProcess = spawn(process.execPath, ['bin/floorgate.mjs', 'start', '-c', configFile], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      FLOORGATE_DATA_DIR: dataDir,
      FLOORGATE_SIMULATOR: 'on',
      FLOORGATE_SIMULATOR_TAPS_PER_MINUTE: '0',
      FLOORGATE_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('is running at')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code} before listening`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

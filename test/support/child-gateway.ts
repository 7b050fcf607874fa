import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/floorgate.mjs', import.meta.url));

/** A free loopback port (the OS picks one; we release it for the child to take). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function writeConfig(dataDir: string, config: Record<string, unknown>): string {
  const file = path.join(dataDir, 'floorgate.config.json');
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

export interface ChildGateway {
  process: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

/**
 * Starts `floorgate start` as a real child process (simulator only when the config or env asks; no random taps unless the env says
 * otherwise) and resolves once it listens.
 */
export async function startChildGateway(options: { port: number; dataDir: string; configFile?: string; env?: Record<string, string> }): Promise<ChildGateway> {
  const child = spawn(process.execPath, [BIN, 'start'], {
    env: {
      ...process.env,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      FLOORGATE_DATA_DIR: options.dataDir,
      FLOORGATE_CONFIG: options.configFile ?? '',
      FLOORGATE_LOG_LEVEL: 'error',
      FLOORGATE_SIMULATOR_TAPS_PER_MINUTE: '0',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${options.port}`;
  // The gateway prints its banner once it listens.
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('is running at')) resolve();
    });
    void exited.then((code) => reject(new Error(`gateway exited (${code}) before listening: ${stderr.slice(-2000)}`)));
  });
  return { process: child, url, exited };
}

export async function killChild(child: ChildGateway, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill(signal);
  await child.exited;
}

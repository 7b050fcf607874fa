/**
 * Debian's Mosquitto on a loopback port for the benches: anonymous, or with a password file and the floor's ACL
 * (publish under your own user name = box id, read the floor). Resolves once Mosquitto says it is running.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../test/support/child-gateway.js';

export interface BenchBroker {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Resolves when the child prints `marker` on the stream; rejects when it exits first. */
export function waitForOutput(child: ChildProcess, stream: NodeJS.ReadableStream, marker: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let text = '';
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = marker.exec(text);
      if (match) resolve(match);
    });
    child.once('exit', (code) => reject(new Error(`${path.basename(String(child.spawnfile))} exited (${code}) before it was ready: ${text.slice(-1000)}`)));
  });
}

export function stopChild(child: ChildProcess, dir: string): () => Promise<void> {
  return async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
}

export async function startMosquitto(options: { accounts?: Record<string, string>; noDelay: boolean }): Promise<BenchBroker> {
  const dir = mkdtempSync(path.join(tmpdir(), 'floorgate-bench-mosquitto-'));
  const port = await freePort();
  const lines = [
    `listener ${port} 127.0.0.1`,
    'persistence false',
    'log_dest stderr',
    'log_type error',
    'log_type warning',
    'log_type notice',
    'log_type information',
    'connection_messages false',
    ...(options.noDelay ? ['set_tcp_nodelay true'] : []),
    // As root, Mosquitto would switch to the `mosquitto` user and could not read the 0600 files written here.
    ...(process.getuid?.() === 0 ? ['user root'] : []),
  ];
  if (options.accounts) {
    const passwordFile = path.join(dir, 'passwords');
    writeFileSync(passwordFile, '', { mode: 0o600 });
    for (const [user, password] of Object.entries(options.accounts)) execFileSync('mosquitto_passwd', ['-b', passwordFile, user, password]);
    const aclFile = path.join(dir, 'acl');
    writeFileSync(aclFile, 'pattern read floorgate/#\npattern write floorgate/+/%u/#\n', { mode: 0o600 });
    lines.push('allow_anonymous false', `password_file ${passwordFile}`, `acl_file ${aclFile}`);
  } else {
    lines.push('allow_anonymous true');
  }
  const config = path.join(dir, 'mosquitto.conf');
  writeFileSync(config, `${lines.join('\n')}\n`);
  const child = spawn('mosquitto', ['-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  await waitForOutput(child, child.stderr!, /mosquitto version \S+ running/);
  return { url: `mqtt://127.0.0.1:${port}`, pid: child.pid!, stop: stopChild(child, dir) };
}

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SerialPort } from 'serialport';

/**
 * A pair of real pseudo-terminals joined by socat: what one end writes, the other reads — a serial cable the
 * test can unplug (stop) and plug back in (start) on the same paths.
 */
export class PtyPair {
  readonly a: string;
  readonly b: string;
  private child: ChildProcess | null = null;

  constructor(dir = mkdtempSync(path.join(tmpdir(), 'floorgate-pty-')), name = 'port') {
    this.a = path.join(dir, `${name}-a`);
    this.b = path.join(dir, `${name}-b`);
  }

  async start(): Promise<void> {
    const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${this.a}`, `pty,raw,echo=0,link=${this.b}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child = child;
    // socat reports on stderr once both ends exist ("starting data transfer loop").
    await new Promise<void>((resolve, reject) => {
      let log = '';
      const onData = (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes('starting data transfer loop') && existsSync(this.a) && existsSync(this.b)) {
          child.stderr?.off('data', onData);
          resolve();
        }
      };
      child.stderr?.on('data', onData);
      child.once('exit', (code) => reject(new Error(`socat exited (${code}) before the ptys were ready: ${log}`)));
      child.once('error', reject);
    });
  }

  /** Unplugs the cable: socat exits and removes both links. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
  }
}

/** Opens the test's end of a pty as a serial port. */
export async function openEnd(pathName: string): Promise<SerialPort> {
  const port = new SerialPort({ path: pathName, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
  return port;
}

export function closeEnd(port: SerialPort): Promise<void> {
  return new Promise((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));
}

/** Collects what arrives on a port, and resolves when a condition on all bytes so far holds. */
export class Received {
  private bytes = Buffer.alloc(0);
  private waiters: Array<{ test: (all: Buffer) => boolean; resolve: () => void }> = [];

  constructor(port: SerialPort) {
    port.on('data', (chunk: Buffer) => {
      this.bytes = Buffer.concat([this.bytes, chunk]);
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(this.bytes)) return true;
        w.resolve();
        return false;
      });
    });
  }

  get all(): Buffer {
    return this.bytes;
  }

  until(test: (all: Buffer) => boolean): Promise<Buffer> {
    if (test(this.bytes)) return Promise.resolve(this.bytes);
    return new Promise((resolve) => this.waiters.push({ test, resolve: () => resolve(this.bytes) }));
  }
}

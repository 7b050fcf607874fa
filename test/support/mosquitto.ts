import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { appendFileSync, chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './child-gateway.js';

const MOSQUITTO = '/usr/sbin/mosquitto';

export interface BrokerAccount {
  user: string;
  password: string;
  role: 'box' | 'reader';
}

/**
 * Debian's real Mosquitto on a free loopback port, with a generated password file (mosquitto_passwd) and the ACL of
 * deploy/mosquitto/floorgate.acl: each account writes only under its own id; boxes read the floor; readers read
 * presence and public topics. `kill()` is a SIGKILL; `start()` again takes the same port.
 */
export class Mosquitto {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'floorgate-mosquitto-'));
  port = 0;
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  log = '';

  constructor(private readonly accounts: BrokerAccount[]) {}

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.port === 0) {
      this.port = await freePort();
      this.writeConfig();
    }
    const child = spawn(MOSQUITTO, ['-c', path.join(this.dir, 'mosquitto.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout!.on('data', (b: Buffer) => (this.log += b.toString()));
    child.stderr!.on('data', (b: Buffer) => (this.log += b.toString()));
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    await untilListening(this.port, () => child.exitCode !== null, () => this.log);
  }

  /** kill -9: no goodbye, no saved state. */
  async kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited;
    this.child = null;
  }

  async stop(): Promise<void> {
    if (!this.child) return;
    this.child.kill('SIGTERM');
    await this.exited;
    this.child = null;
  }

  private writeConfig(): void {
    const passwd = path.join(this.dir, 'passwd');
    writeFileSync(passwd, '');
    const tool = ['/usr/bin/mosquitto_passwd', '/usr/sbin/mosquitto_passwd'].find((p) => existsSync(p)) ?? null;
    for (const a of this.accounts) {
      if (process.env.FLOORGATE_TEST_OWN_PASSWD === '1' || !tool) {
        appendFileSync(passwd, `${a.user}:${mosquittoHash(a.password)}\n`);
        continue;
      }
      const made = spawnSync(tool, ['-b', passwd, a.user, a.password], { encoding: 'utf8' });
      if (made.status !== 0) throw new Error(`mosquitto_passwd failed: ${made.stderr}`);
    }
    chmodSync(passwd, 0o600);
    const acl = [
      'pattern write floorgate/+/%u/#',
      ...this.accounts.flatMap((a) =>
        a.role === 'box' ? [`user ${a.user}`, 'topic read floorgate/#'] : [`user ${a.user}`, 'topic read floorgate/+/+/presence', 'topic read floorgate/+/+/public/#'],
      ),
    ];
    writeFileSync(path.join(this.dir, 'acl'), `${acl.join('\n')}\n`);
    const conf = [
      'per_listener_settings false',
      `listener ${this.port} 127.0.0.1`,
      'allow_anonymous false',
      `password_file ${passwd}`,
      `acl_file ${path.join(this.dir, 'acl')}`,
      'persistence false',
      // Started as root (a CI container) Mosquitto would become user `mosquitto`, who cannot read our 0600 files.
      ...(process.getuid?.() === 0 ? ['user root'] : []),
      'log_dest stderr',
      'log_type error',
      'log_type warning',
    ];
    writeFileSync(path.join(this.dir, 'mosquitto.conf'), `${conf.join('\n')}\n`);
  }
}

/**
 * Mosquitto 2's password-file hash, for systems without mosquitto_passwd: `$7$<iterations>$<salt>$<hash>`,
 * PBKDF2-HMAC-SHA512 over the raw 12-byte salt, 64-byte key, both base64 (mosquitto's src/password_mosq.c).
 */
export function mosquittoHash(password: string, iterations = 101): string {
  const salt = randomBytes(12);
  const hash = pbkdf2Sync(password, salt, iterations, 64, 'sha512');
  return `$7$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** Resolves once `port` accepts a TCP connection (polled, with a deadline). */
async function untilListening(port: number, died: () => boolean, log: () => string, deadlineMs = 10_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (died()) throw new Error(`mosquitto exited: ${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`mosquitto did not listen on ${port} within ${deadlineMs} ms: ${log()}`);
}

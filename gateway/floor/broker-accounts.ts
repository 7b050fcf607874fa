/**
 * The embedded broker's accounts file (`floor.accountsFile`, mode 0600), JSON:
 *
 *   { "accounts": [ { "user": "upstairs", "role": "box", "passwordHash": "scrypt$16384$8$1$<salt>$<hash>" } ] }
 *
 * Passwords are stored only as scrypt hashes (node:crypto; salt and hash base64). `floorgate floor add-account`
 * writes entries. The file is re-read when it changes, so an account added on a running box works at once.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { z } from 'zod';
import { BOX_ID_PATTERN } from '../../shared/floor.js';
import { readPrivateFile } from '../config/secret-files.js';
import { FLOOR_ROLES, type FloorAccount } from './broker-access.js';

const scrypt = promisify(scryptCallback) as (password: string | Buffer, salt: Buffer, keylen: number, options: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;

/** OWASP's scrypt minimum (N=2^14, r=8, p=1): ~50 ms on a Raspberry Pi 4, paid once per connection. */
const DEFAULT_COST = { N: 16384, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const HASH_PATTERN = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

/** A reader's name may also hold `@` (`homeassistant@reader`, as docs/floor-mqtt.md suggests for Mosquitto). */
const READER_NAME_PATTERN = /^[A-Za-z0-9_.@-]{1,64}$/;

const accountEntrySchema = z
  .strictObject({
    user: z.string().regex(READER_NAME_PATTERN, 'letters, digits, _ . - @ only (1 to 64)'),
    role: z.enum(FLOOR_ROLES),
    passwordHash: z.string().regex(HASH_PATTERN, 'must be scrypt$N$r$p$salt$hash (write it with floorgate floor add-account)'),
  })
  .superRefine((entry, context) => {
    if (entry.role === 'box' && !BOX_ID_PATTERN.test(entry.user)) {
      context.addIssue({ code: 'custom', path: ['user'], message: 'a box account is its box id: letters, digits, _ . - only (1 to 64)' });
    }
  });
export const accountsFileSchema = z.strictObject({ accounts: z.array(accountEntrySchema) });
export type AccountEntry = z.infer<typeof accountEntrySchema>;

export class AccountsFileError extends Error {}

export async function hashPassword(password: string, cost: { N: number; r: number; p: number } = DEFAULT_COST): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, KEY_BYTES, { ...cost, maxmem: 256 * cost.N * cost.r });
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(password: Buffer | string, stored: string): Promise<boolean> {
  const match = HASH_PATTERN.exec(stored);
  if (!match) return false;
  const [N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const expected = Buffer.from(match[5]!, 'base64');
  const actual = await scrypt(password, Buffer.from(match[4]!, 'base64'), expected.length, { N, r, p, maxmem: 256 * N * r });
  return timingSafeEqual(actual, expected);
}

/** Parse the file's text; errors name the field (`accounts[1].role: …`). */
export function parseAccountsFile(text: string, file: string): AccountEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AccountsFileError(`floor.accountsFile: ${file} is not JSON: ${(error as Error).message}`);
  }
  const parsed = accountsFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AccountsFileError(`floor.accountsFile: ${file}: ${issue.path.join('.').replace(/\.(\d+)/g, '[$1]') || '(file)'}: ${issue.message}`);
  }
  const seen = new Set<string>();
  for (const entry of parsed.data.accounts) {
    if (seen.has(entry.user)) throw new AccountsFileError(`floor.accountsFile: ${file}: user "${entry.user}" is listed twice`);
    seen.add(entry.user);
  }
  return parsed.data.accounts;
}

/** Read and check the file (owner-only mode, JSON, fields). Throws AccountsFileError naming the field. */
export function readAccountsFile(file: string): AccountEntry[] {
  const read = readPrivateFile(file, 'floor.accountsFile');
  if ('error' in read) throw new AccountsFileError(read.error);
  return parseAccountsFile(read.value, file);
}

/**
 * The accounts as the broker sees them: re-read when the file's mtime or size changes. A broken edit keeps the
 * accounts that were loaded and reports the error once, so a typo does not lock every box out.
 */
export class AccountBook {
  private entries: Map<string, AccountEntry>;
  private stamp: string;

  constructor(
    private readonly file: string,
    private readonly onReloadError: (message: string) => void,
  ) {
    this.entries = AccountBook.index(readAccountsFile(file));
    this.stamp = this.currentStamp();
  }

  private static index(entries: AccountEntry[]) {
    return new Map(entries.map((entry) => [entry.user, entry]));
  }

  private currentStamp(): string {
    try {
      const stats = statSync(this.file);
      return `${stats.ino}:${stats.mtimeMs}:${stats.size}:${stats.mode}`;
    } catch {
      return 'missing';
    }
  }

  private refresh() {
    const stamp = this.currentStamp();
    if (stamp === this.stamp) return;
    this.stamp = stamp;
    try {
      this.entries = AccountBook.index(readAccountsFile(this.file));
    } catch (error) {
      this.onReloadError(`${(error as Error).message}; keeping the ${this.entries.size} accounts loaded before`);
    }
  }

  /** The account for these credentials, or why not (never echoing the password). */
  async authenticate(user: string | undefined, password: Buffer | undefined): Promise<FloorAccount | { refused: string }> {
    this.refresh();
    if (!user) return { refused: 'no user name given' };
    const entry = this.entries.get(user);
    // Verify against a dummy hash for unknown users too, so timing does not tell which accounts exist.
    const ok = await verifyPassword(password ?? Buffer.alloc(0), entry?.passwordHash ?? DUMMY_HASH);
    if (!entry) return { refused: `unknown account "${user}"` };
    if (!password || !ok) return { refused: `wrong password for account "${user}"` };
    return { user: entry.user, role: entry.role };
  }

  get size(): number {
    return this.entries.size;
  }
}

const DUMMY_HASH = `scrypt$${DEFAULT_COST.N}$${DEFAULT_COST.r}$${DEFAULT_COST.p}$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(KEY_BYTES).toString('base64')}`;

/**
 * Add (or replace) an account in the file, creating it 0600; written to a temporary file and renamed, so a
 * running broker never reads half a file. Returns whether the user was replaced.
 */
export async function upsertAccount(file: string, account: FloorAccount, password: string): Promise<{ replaced: boolean }> {
  const entries = existsSync(file) ? readAccountsFile(file) : [];
  const entry: AccountEntry = { user: account.user, role: account.role, passwordHash: await hashPassword(password) };
  const parsed = accountEntrySchema.safeParse(entry);
  if (!parsed.success) throw new AccountsFileError(`user "${account.user}": ${parsed.error.issues[0]!.message}`);
  const index = entries.findIndex((existing) => existing.user === account.user);
  const next = index === -1 ? [...entries, entry] : entries.map((existing, i) => (i === index ? entry : existing));
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ accounts: next }, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
  return { replaced: index !== -1 };
}


import { err, ok, type Result } from './result.js';

/**
 * A little-endian reader over notification bytes with bounds checks. The first short read is remembered and
 * every later read yields NaN, so a codec reads its fields in order and asks `result()` once at the end: a
 * truncated record becomes an error naming the field, never an exception.
 */
export class ByteReader {
  private pos = 0;
  private failure: string | null = null;

  constructor(private readonly bytes: Uint8Array) {}

  get offset(): number {
    return this.pos;
  }

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  get failed(): boolean {
    return this.failure !== null;
  }

  /** The first short read, if any. */
  get error(): string | null {
    return this.failure;
  }

  uint8(field: string): number {
    return this.unsigned(field, 1);
  }

  uint16(field: string): number {
    return this.unsigned(field, 2);
  }

  uint24(field: string): number {
    return this.unsigned(field, 3);
  }

  uint32(field: string): number {
    return this.unsigned(field, 4);
  }

  sint16(field: string): number {
    const value = this.unsigned(field, 2);
    return value >= 0x8000 ? value - 0x10000 : value;
  }

  /** Skips bytes the caller does not need (still bounds-checked). */
  skip(field: string, n: number): void {
    this.unsigned(field, 0, n);
  }

  /** Records a failure found by the caller (e.g. bytes left over); the first failure wins. */
  fail(message: string): void {
    this.failure ??= message;
  }

  /** The decoded value, or the first short read as an error. */
  result<T>(value: T): Result<T> {
    return this.failure === null ? ok(value) : err(this.failure);
  }

  private unsigned(field: string, width: number, skip = 0): number {
    const n = width || skip;
    if (this.failure !== null) return Number.NaN;
    if (this.pos + n > this.bytes.length) {
      this.failure = `truncated: ${field} needs ${n} byte${n === 1 ? '' : 's'} at offset ${this.pos}, ${this.remaining} left`;
      return Number.NaN;
    }
    let value = 0;
    for (let i = 0; i < width; i++) value += this.bytes[this.pos + i]! * 2 ** (8 * i);
    this.pos += n;
    return value;
  }
}

/** Parses hex as typed by people and tools: `0b 00 4c`, `0B004C`, `0x0b,0x00`, `0b:00:4c`. */
export function parseHex(text: string): Result<Buffer> {
  const cleaned = text.replace(/0x/gi, '').replace(/[\s,:\-]/g, '');
  if (cleaned.length === 0) return err('no bytes given');
  if (!/^[0-9a-f]*$/i.test(cleaned)) return err(`not hex: ${JSON.stringify(text)}`);
  if (cleaned.length % 2 !== 0) return err(`odd number of hex digits (${cleaned.length}): each byte takes two`);
  return ok(Buffer.from(cleaned, 'hex'));
}

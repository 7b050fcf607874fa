import { err, ok, type Result } from './result.js';

/**
 * 125 kHz RFID readers of the RDM6300/RDM630 kind (Seeed Studio RDM630 datasheet, "TTL interface RS232 data
 * format"): 9600 baud 8N1, one 14-byte frame per read
 *
 *   02 | 10 ASCII hex characters (version byte + 4-byte card id) | 2 ASCII hex checksum | 03
 *
 * and the checksum is the XOR of the five data bytes the ten characters spell. The reader repeats the frame for
 * as long as the card stays in the field.
 */
export const RDM6300_BAUD = 9600;
const STX = 0x02;
const ETX = 0x03;
export const RDM6300_FRAME_BYTES = 14;

export interface RfidTag {
  /** The ten hex characters, upper case: the whole tag as the reader sends it, e.g. "62E3086CED". */
  tag: string;
  /** The first data byte (a version or customer code on EM4100 cards). */
  version: number;
  /** The last four data bytes as the decimal number printed on many cards and typed by wedge readers. */
  cardNumber: number;
}

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x41 + 10;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x61 + 10;
  return -1;
}

/** Decodes one 14-byte frame. */
export function decodeRdm6300Frame(bytes: Uint8Array): Result<RfidTag> {
  if (bytes.length !== RDM6300_FRAME_BYTES) return err(`an RDM6300 frame is 14 bytes, got ${bytes.length}`);
  if (bytes[0] !== STX) return err(`frame must start with 02, starts with ${hex2(bytes[0]!)}`);
  if (bytes[13] !== ETX) return err(`frame must end with 03, ends with ${hex2(bytes[13]!)}`);
  const values: number[] = [];
  for (let i = 1; i <= 12; i += 2) {
    const hi = hexValue(bytes[i]!);
    const lo = hexValue(bytes[i + 1]!);
    if (hi < 0 || lo < 0) return err(`not a hex character at offset ${hi < 0 ? i : i + 1}`);
    values.push(hi * 16 + lo);
  }
  const data = values.slice(0, 5);
  const sent = values[5]!;
  const computed = data.reduce((x, b) => x ^ b, 0);
  if (sent !== computed) return err(`checksum mismatch: frame says ${hex2(sent)}, data give ${hex2(computed)}`);
  return ok({
    tag: data.map(hex2).join(''),
    version: data[0]!,
    cardNumber: ((data[1]! << 24) >>> 0) + (data[2]! << 16) + (data[3]! << 8) + data[4]!,
  });
}

/** Builds a frame for a 10-hex-character tag (the reader emulator in tests and benchmarks uses it). */
export function encodeRdm6300Frame(tag: string): Buffer {
  const clean = tag.toUpperCase();
  if (!/^[0-9A-F]{10}$/.test(clean)) throw new Error(`an RDM6300 tag is 10 hex characters, got ${JSON.stringify(tag)}`);
  let x = 0;
  for (let i = 0; i < 10; i += 2) x ^= parseInt(clean.slice(i, i + 2), 16);
  return Buffer.concat([Buffer.of(STX), Buffer.from(clean + hex2(x), 'ascii'), Buffer.of(ETX)]);
}

export interface SplitResult {
  tags: RfidTag[];
  /** Frames that started (02) but were cut short, overlong, not hex, or failed the checksum. */
  malformed: number;
  /** Bytes outside any frame (line noise, a reader of another kind). */
  strayBytes: number;
}

/**
 * Finds frames in a byte stream that arrives in arbitrary chunks. Pure: it keeps only the unfinished frame
 * between calls. Malformed frames are counted and dropped; a new 02 always starts over, so one bad frame never
 * swallows the next good one.
 */
export class Rdm6300Splitter {
  private pending: number[] = [];

  push(chunk: Uint8Array): SplitResult {
    const result: SplitResult = { tags: [], malformed: 0, strayBytes: 0 };
    for (const byte of chunk) {
      if (byte === STX) {
        if (this.pending.length > 0) result.malformed++;
        this.pending = [byte];
        continue;
      }
      if (this.pending.length === 0) {
        result.strayBytes++;
        continue;
      }
      this.pending.push(byte);
      if (byte === ETX || this.pending.length === RDM6300_FRAME_BYTES) {
        const decoded = decodeRdm6300Frame(Uint8Array.from(this.pending));
        if (decoded.ok) result.tags.push(decoded.value);
        else result.malformed++;
        this.pending = [];
      }
    }
    return result;
  }
}

export type PresenceEvent = { type: 'arrived'; tag: string; at: Date } | { type: 'removed'; tag: string; at: Date };

/**
 * The reader repeats a frame while the card is in the field; a member taps once. Pure and clocked (times come
 * in with each call): a tag is "arrived" once, repeats within `removalGapMs` of the last sighting are
 * suppressed, and the tag counts as removed after `removalGapMs` without a sighting (or when another tag shows
 * up). A card that is taken away and tapped again is a new arrival.
 */
export class TagPresence {
  private current: { tag: string; lastSeen: number } | null = null;

  constructor(private readonly removalGapMs: number) {}

  /** A frame was read at `at`. Returns the events it causes ([] for a repeat). */
  sighting(tag: string, at: Date): PresenceEvent[] {
    const events = this.removals(at);
    if (this.current && this.current.tag === tag) {
      this.current.lastSeen = at.getTime();
      return events;
    }
    if (this.current) events.push({ type: 'removed', tag: this.current.tag, at });
    this.current = { tag, lastSeen: at.getTime() };
    events.push({ type: 'arrived', tag, at });
    return events;
  }

  /** Call as time passes: reports a card that left the field. */
  removals(now: Date): PresenceEvent[] {
    if (this.current && now.getTime() - this.current.lastSeen >= this.removalGapMs) {
      const { tag, lastSeen } = this.current;
      this.current = null;
      return [{ type: 'removed', tag, at: new Date(lastSeen + this.removalGapMs) }];
    }
    return [];
  }

  present(): string | null {
    return this.current?.tag ?? null;
  }
}

function hex2(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}

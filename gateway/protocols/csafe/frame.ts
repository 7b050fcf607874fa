import { err, ok, type Result } from '../result.js';

/**
 * CSAFE framing, as the Concept2 PM CSAFE Communication Definition (rev 0.27, "Frame structure", tables 5 and 6)
 * and the public CSAFE Protocol Technical Specification §2.1 define it:
 *
 *   standard: F1 <contents> <checksum> F2
 *   extended: F0 <destination> <source> <contents> <checksum> F2
 *
 * The checksum is the XOR of the frame contents (not the flags, not the addresses). Every byte between the
 * flags whose value is F0–F3 — contents, checksum and (so the stream stays unambiguous) addresses — travels
 * "stuffed" as F3 followed by its low two bits, so a flag byte on the wire always means a flag.
 */
export const EXTENDED_START = 0xf0;
export const STANDARD_START = 0xf1;
export const STOP = 0xf2;
export const STUFF = 0xf3;

/** The PM's limit, flags, checksum and stuffing included (Concept2 table "frame length restrictions"). */
export const MAX_FRAME_BYTES = 120;

export interface CsafeAddress {
  destination: number;
  source: number;
}

export interface CsafeFrame {
  kind: 'standard' | 'extended';
  /** Only in extended frames: 0x00 is the PC host, 0xFD the PM's default address, 0xFF broadcast. */
  address?: CsafeAddress;
  /** Commands or responses, unstuffed, without checksum. */
  contents: Buffer;
}

export function checksum(contents: Uint8Array): number {
  let x = 0;
  for (const byte of contents) x ^= byte;
  return x;
}

function isFlag(byte: number): boolean {
  return byte >= EXTENDED_START && byte <= STUFF;
}

/** Replaces each F0–F3 with F3, 00–03. */
export function stuff(bytes: Uint8Array): Buffer {
  const out: number[] = [];
  for (const byte of bytes) {
    if (isFlag(byte)) out.push(STUFF, byte & 0x03);
    else out.push(byte);
  }
  return Buffer.from(out);
}

/** Reverses `stuff`; a bare flag or a broken stuffing pair is an error, not a guess. */
export function unstuff(bytes: Uint8Array): Result<Buffer> {
  // Most frames carry no F0–F3 at all: then the bytes are already the contents (a view, no copy).
  if (!bytes.some(isFlag)) return ok(view(bytes));
  const out = Buffer.allocUnsafe(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte === STUFF) {
      const next = bytes[i + 1];
      if (next === undefined) return err(`byte stuffing: F3 at offset ${i} ends the frame`);
      if (next > 0x03) return err(`byte stuffing: F3 ${hex(next)} at offset ${i} (expected F3 00..03)`);
      out[n++] = 0xf0 | next;
      i++;
    } else if (isFlag(byte)) {
      return err(`unexpected flag ${hex(byte)} inside the frame at offset ${i}`);
    } else {
      out[n++] = byte;
    }
  }
  return ok(out.subarray(0, n));
}

/** Builds a frame around contents; with an address it is an extended frame. */
export function encodeFrame(contents: Uint8Array, address?: CsafeAddress): Buffer {
  const head = address
    ? [Buffer.of(EXTENDED_START), stuff(Uint8Array.of(address.destination & 0xff, address.source & 0xff))]
    : [Buffer.of(STANDARD_START)];
  return Buffer.concat([...head, stuff(contents), stuff(Uint8Array.of(checksum(contents))), Buffer.of(STOP)]);
}

/** Decodes one whole frame, flags included. */
export function decodeFrame(bytes: Uint8Array): Result<CsafeFrame> {
  if (bytes.length < 3) return err(`a frame needs at least 3 bytes (start, checksum, stop), got ${bytes.length}`);
  const start = bytes[0]!;
  if (start !== STANDARD_START && start !== EXTENDED_START) {
    return err(`no start flag: frame begins with ${hex(start)} (expected F1 standard or F0 extended)`);
  }
  if (bytes[bytes.length - 1] !== STOP) return err(`no stop flag: frame ends with ${hex(bytes[bytes.length - 1]!)} (expected F2)`);
  const body = unstuff(bytes.subarray(1, bytes.length - 1));
  if (!body.ok) return body;
  const extended = start === EXTENDED_START;
  const headLength = extended ? 2 : 0;
  if (body.value.length < headLength + 1) {
    return err(extended ? 'extended frame too short for destination, source and checksum' : 'frame has no checksum');
  }
  const contents = body.value.subarray(headLength, body.value.length - 1);
  const sent = body.value[body.value.length - 1]!;
  const computed = checksum(contents);
  if (sent !== computed) {
    const onWire = isFlag(computed) ? ` (sent stuffed as F3 ${hex(computed & 0x03)})` : '';
    return err(`checksum mismatch: frame says ${hex(sent)}, expected ${hex(computed)}${onWire}, the XOR of the contents`);
  }
  const frame: CsafeFrame = { kind: extended ? 'extended' : 'standard', contents };
  if (extended) frame.address = { destination: body.value[0]!, source: body.value[1]! };
  return ok(frame);
}

/**
 * Finds frames in a byte stream that arrives in arbitrary chunks (a serial port splits where it likes).
 * Pure: it only keeps the unfinished tail between calls. Bytes outside a frame are counted and dropped; a frame
 * that runs past the PM's maximum length is dropped as malformed. Each complete frame still has to pass
 * `decodeFrame` (checksum, stuffing).
 */
export class CsafeFrameSplitter {
  private pending: number[] = [];
  private inFrame = false;

  push(chunk: Uint8Array): { frames: Buffer[]; strayBytes: number; malformed: number } {
    const frames: Buffer[] = [];
    let strayBytes = 0;
    let malformed = 0;
    for (const byte of chunk) {
      if (byte === STANDARD_START || byte === EXTENDED_START) {
        if (this.inFrame) malformed++; // a new start before a stop: the previous frame was cut short
        this.pending = [byte];
        this.inFrame = true;
      } else if (!this.inFrame) {
        strayBytes++;
      } else {
        this.pending.push(byte);
        if (byte === STOP) {
          frames.push(Buffer.from(this.pending));
          this.pending = [];
          this.inFrame = false;
        } else if (this.pending.length > MAX_FRAME_BYTES) {
          malformed++;
          this.pending = [];
          this.inFrame = false;
        }
      }
    }
    return { frames, strayBytes, malformed };
  }
}

/** A Buffer over the same memory (no copy). */
export function view(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

export function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}

import { err, ok, type Result } from '../result.js';

/**
 * An ANT+ broadcast data page is the 8 payload bytes of a broadcast/acknowledged data message (ANT Message
 * Protocol and Usage rev 5.1 §7.1; the sync, length, id, channel and checksum bytes are the adapter's).
 * Byte 0 is the page number; multi-byte fields are little-endian.
 */
export const PAGE_BYTES = 8;

export function checkPage(bytes: Uint8Array): Result<Uint8Array> {
  if (bytes.length !== PAGE_BYTES) return err(`an ANT+ data page is ${PAGE_BYTES} bytes, got ${bytes.length}`);
  return ok(bytes);
}

export function u16(bytes: Uint8Array, at: number): number {
  return bytes[at]! | (bytes[at + 1]! << 8);
}

export function u24(bytes: Uint8Array, at: number): number {
  return bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16);
}

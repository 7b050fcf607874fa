import { decodeBadgePayloadBytes } from './badge-payload.js';
import { decodeCsafeResponse } from './csafe/response.js';
import { bleCodecs } from './ble-codecs.js';
import { decodeRdm6300Frame } from './rdm6300.js';
import type { Result } from './result.js';

/**
 * Every codec by the name `floorgate decode <codec> <hex…>` and the adapters use. A decoder takes the bytes of
 * one notification or frame and returns a reading or the reason it could not; it never throws. Registry entries
 * use each codec's default model settings; adapters that know the model call the codec with its options.
 */
export interface CodecEntry {
  /** One line for `floorgate decode --help` and the README. */
  description: string;
  decode(bytes: Uint8Array): Result<unknown>;
}

export const codecs: Record<string, CodecEntry> = {
  ...bleCodecs,
  csafe: { description: 'CSAFE response frame from a Concept2 PM (standard F1…F2 or extended F0…F2)', decode: decodeCsafeResponse },
  rdm6300: { description: '125 kHz RFID reader frame, RDM6300 kind (02 + 10 hex + 2 hex checksum + 03)', decode: decodeRdm6300Frame },
  qr: { description: 'keyboard-wedge / QR scan as UTF-8 text → badge id', decode: decodeBadgePayloadBytes },
};

export function findCodec(name: string): CodecEntry | undefined {
  return Object.hasOwn(codecs, name) ? codecs[name] : undefined;
}

export function codecNames(): string[] {
  return Object.keys(codecs);
}

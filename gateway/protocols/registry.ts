import { bleCodecs } from './ble-codecs.js';
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
};

export function findCodec(name: string): CodecEntry | undefined {
  return Object.hasOwn(codecs, name) ? codecs[name] : undefined;
}

export function codecNames(): string[] {
  return Object.keys(codecs);
}

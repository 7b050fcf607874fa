import type { Result } from './result.js';

/**
 * One entry of the `floorgate decode` registry. Lives apart from registry.ts so the codec groups
 * (ble-codecs.ts, ant/codecs.ts) can name the type without importing the registry that imports them.
 */
export interface CodecEntry {
  /** One line for `floorgate decode --help` and the README. */
  description: string;
  decode(bytes: Uint8Array): Result<unknown>;
}

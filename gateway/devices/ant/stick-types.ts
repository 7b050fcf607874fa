/**
 * The part of incyclist-ant-plus the adapter uses, as structural types: its `AntDevice` and `Channel` satisfy
 * them, and so do the fakes in the tests (no USB stick can run here).
 */
import type { EventEmitter } from 'node:events';

/** A scanning channel: emits `message` with each ANT serial message for it (A4 len id … checksum). */
export interface AntChannelLike extends EventEmitter {
  startScanner(): Promise<boolean>;
  stopScanner(): Promise<boolean | void>;
}

export interface AntStickLike {
  /** true / 'Success' when a stick was opened; false, undefined or the library's reason ('NoStick', …) otherwise. */
  open(): Promise<boolean | string | undefined>;
  close(): Promise<boolean>;
  getChannel(): AntChannelLike | null | undefined;
}

/** Makes a stick object; the default imports incyclist-ant-plus (and through it the `usb` binding) lazily. */
export type LoadAntStick = (options: { stickIndex?: number }) => Promise<AntStickLike>;

import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Clock } from '../time/clock.js';

/**
 * Capture files: one JSON object per line, one line per raw notification or frame, in arrival order:
 *
 *   {"t":1520,"source":"rower-1","characteristic":"2ad1","hex":"f80026..."}   (Bluetooth: characteristic UUID)
 *   {"t":1604,"source":"door-reader","channel":"rx","hex":"02303130..."}      (serial: channel name)
 *
 * `t` is milliseconds since the capture started, `source` the device's configured id. Captures are how support
 * for new machines grows: a user records a session, sends the file, and the replay adapter plays it through the
 * same codecs.
 */
export const captureFrameSchema = z
  .object({
    t: z.number().min(0),
    source: z.string().min(1),
    characteristic: z.string().min(1).optional(),
    channel: z.string().min(1).optional(),
    hex: z.string().regex(/^([0-9a-f]{2})*$/i, 'must be hex bytes'),
  })
  .refine((f) => (f.characteristic === undefined) !== (f.channel === undefined), {
    message: 'a frame has either a characteristic (Bluetooth) or a channel (serial)',
  });
export type CaptureFrame = z.infer<typeof captureFrameSchema>;

/** The hook adapters call with each raw frame they receive (BLE notifications, serial chunks). */
export interface FrameCapture {
  frame(source: string, where: { characteristic: string } | { channel: string }, bytes: Uint8Array): void;
}

/**
 * Appends frames to a capture file. Writes are synchronous and small: a capture is a diagnostic mode for one
 * machine at a time, and a frame must be on disk even if the gateway is killed right after.
 */
export class CaptureWriter implements FrameCapture {
  private readonly startMs: number;
  private failed = false;

  constructor(
    readonly file: string,
    private readonly clock: Clock,
    private readonly onError: (error: Error) => void = () => {},
  ) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.startMs = clock.now().getTime();
  }

  frame(source: string, where: { characteristic: string } | { channel: string }, bytes: Uint8Array): void {
    if (this.failed) return;
    const line: CaptureFrame = { t: this.clock.now().getTime() - this.startMs, source, ...where, hex: Buffer.from(bytes).toString('hex') };
    try {
      appendFileSync(this.file, `${JSON.stringify(line)}\n`);
    } catch (error) {
      // A full disk must not take the device down with it: stop capturing and say so once.
      this.failed = true;
      this.onError(error as Error);
    }
  }
}

/** Where a capture goes: `file` inside the data directory unless absolute; by default a new timestamped file. */
export function captureFilePath(dataDir: string, deviceId: string, file: string | undefined, now: Date): string {
  const name = file ?? path.join('captures', `${deviceId}-${now.toISOString().replace(/[:.]/g, '-')}.jsonl`);
  return path.resolve(dataDir, name);
}

export interface ParsedCapture {
  frames: CaptureFrame[];
  /** Lines that are not frames, with their line number (1-based) and why. */
  rejected: { line: number; reason: string }[];
}

/** Reads a capture file's text. Bad lines are reported and skipped, never fatal: the rest still replays. */
export function parseCapture(text: string): ParsedCapture {
  const frames: CaptureFrame[] = [];
  const rejected: ParsedCapture['rejected'] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      rejected.push({ line: index + 1, reason: 'not JSON' });
      return;
    }
    const parsed = captureFrameSchema.safeParse(json);
    if (parsed.success) frames.push(parsed.data);
    else rejected.push({ line: index + 1, reason: parsed.error.issues.map((i) => `${i.path.join('.') || 'frame'}: ${i.message}`).join('; ') });
  });
  frames.sort((a, b) => a.t - b.t); // stable: frames with the same t keep their file order
  return { frames, rejected };
}

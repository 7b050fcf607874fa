import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { EquipmentKind } from '../../../shared/equipment.js';
import type { DeviceProblem, DeviceProblemCode, DeviceState, DeviceStatus } from '../../../shared/status.js';
import type { Clock } from '../../time/clock.js';
import type { Logger } from '../../log.js';
import { kindForCharacteristic, NotificationDecoder } from '../ble/notification-decoder.js';
import { parseCapture, type CaptureFrame } from '../capture.js';
import type { DeviceAdapter, DeviceSink } from '../types.js';
import type { ReplayDeviceConfig } from './config.js';

export interface ReplayAdapterOptions {
  config: ReplayDeviceConfig;
  log: Logger;
  clock: Clock;
  dataDir: string;
}

export interface ReplayTotals {
  frames: number;
  readings: number;
  undecodable: number;
  /** Lines of the file that were not frames. */
  rejectedLines: number;
  /** Serial frames and unknown characteristics: nothing in the Bluetooth pipeline reads them. */
  skipped: number;
}

interface Source {
  equipmentId: string;
  name: string;
  kind: EquipmentKind;
  decoder: NotificationDecoder;
}

/** Frames played between yields to the event loop when replaying as fast as possible. */
const BATCH = 256;

/**
 * Replays a capture file through the same decoder the BLE adapter uses, so a capture sent in by a user becomes
 * readings exactly as the live machine's notifications would. Readings carry the recorded time line (the
 * replay's start + each frame's `t`), whatever the speed, so sessions see the durations that were recorded.
 */
export class ReplayAdapter implements DeviceAdapter {
  readonly id: string;
  /** Resolves when the file has been played to its end (never, with `loop`), or failed to load. */
  readonly finished: Promise<ReplayTotals>;
  private resolveFinished!: (totals: ReplayTotals) => void;
  private readonly totals: ReplayTotals = { frames: 0, readings: 0, undecodable: 0, rejectedLines: 0, skipped: 0 };
  private readonly sources = new Map<string, Source>();
  private state: DeviceState = 'connecting';
  private detail = 'not started';
  private problem: DeviceProblem | null = null;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private total = 0;

  constructor(private readonly options: ReplayAdapterOptions) {
    this.id = options.config.id;
    this.finished = new Promise((resolve) => {
      this.resolveFinished = resolve;
    });
  }

  get file(): string {
    return path.resolve(this.options.dataDir, this.options.config.file);
  }

  async start(sink: DeviceSink): Promise<void> {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      this.fail('capture_unreadable', `cannot read ${this.file}: ${(error as Error).message}`);
      return;
    }
    const { frames, rejected } = parseCapture(text);
    this.totals.rejectedLines = rejected.length;
    for (const r of rejected.slice(0, 5)) this.options.log.warn({ file: this.file, line: r.line, reason: r.reason }, 'capture line skipped');
    if (frames.length === 0) {
      this.fail('capture_unreadable', `${this.file} holds no frames`);
      return;
    }
    this.total = frames.length;
    this.state = 'ok';
    this.play(frames, sink).catch((error: unknown) => this.fail('adapter_failed', `replay stopped: ${(error as Error).message}`));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.resolveFinished({ ...this.totals });
  }

  status(): DeviceStatus[] {
    const t = this.totals;
    const detail =
      this.state === 'error'
        ? this.detail
        : `${this.detail}: ${t.frames} of ${this.total} frames, ${t.readings} readings` +
          (t.undecodable ? `, ${t.undecodable} undecodable` : '') +
          (t.rejectedLines ? `, ${t.rejectedLines} bad lines` : '') +
          (t.skipped ? `, ${t.skipped} skipped` : '');
    const name = `Replay ${path.basename(this.options.config.file)}`;
    return [{ id: this.id, kind: 'replay', name, state: this.state, detail, ...(this.problem ? { problem: this.problem } : {}) }];
  }

  private fail(code: DeviceProblemCode, detail: string): void {
    this.state = 'error';
    this.detail = detail;
    this.problem = { code, detail };
    this.options.log.error({ device: this.id }, detail);
    this.resolveFinished({ ...this.totals });
  }

  private async play(frames: CaptureFrame[], sink: DeviceSink): Promise<void> {
    const { speed, loop } = this.options.config;
    do {
      this.detail = 'playing';
      const anchorMs = this.options.clock.now().getTime();
      const realStart = Date.now();
      for (let i = 0; i < frames.length; i++) {
        if (this.stopped) return;
        const frame = frames[i]!;
        if (speed > 0) {
          const due = realStart + frame.t / speed - Date.now();
          if (due > 0) await this.sleep(due);
          if (this.stopped) return;
        } else if (i % BATCH === BATCH - 1) {
          await yieldToEventLoop();
        }
        this.playFrame(frame, new Date(anchorMs + frame.t), sink);
      }
    } while (loop && !this.stopped);
    this.detail = 'finished';
    this.resolveFinished({ ...this.totals });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.timer = setTimeout(() => {
        this.timer = null;
        resolve();
      }, ms);
    });
  }

  private playFrame(frame: CaptureFrame, at: Date, sink: DeviceSink): void {
    this.totals.frames += 1;
    if (frame.characteristic === undefined) {
      this.totals.skipped += 1;
      return;
    }
    const source = this.source(frame.source, frame.characteristic);
    const outcome = source.decoder.decode(frame.characteristic, Buffer.from(frame.hex, 'hex'), at.getTime());
    if (outcome.kind === 'error') this.totals.undecodable += 1;
    if (outcome.kind === 'ignored') this.totals.skipped += 1;
    if (outcome.kind !== 'metrics') return;
    this.totals.readings += 1;
    sink.reading({ equipmentId: source.equipmentId, name: source.name, kind: source.kind, at, metrics: outcome.metrics });
  }

  private source(id: string, characteristic: string): Source {
    let source = this.sources.get(id);
    if (!source) {
      const settings = this.options.config.equipment.find((e) => e.source === id);
      source = {
        equipmentId: settings?.id ?? id,
        name: settings?.name ?? id,
        kind: settings?.kind ?? kindForCharacteristic(characteristic) ?? 'rower',
        decoder: new NotificationDecoder(settings?.model ?? {}),
      };
      this.sources.set(id, source);
    }
    return source;
  }
}

import type { DeviceStatus } from '../../../shared/status.js';
import { parseBadgePayload } from '../../protocols/badge-payload.js';
import { Rdm6300Splitter, TagPresence, type RfidTag } from '../../protocols/rdm6300.js';
import type { AdapterContext } from '../adapter-context.js';
import type { DeviceAdapter, DeviceSink } from '../types.js';
import type { SerialRfidConfig } from './config.js';
import { ManagedPort } from './managed-port.js';

const MAX_LINE_BYTES = 512;

/**
 * A badge reader on a serial port: an RDM6300-style 125 kHz reader (frames, repeated while the card is in the
 * field: one tap per card) or a scanner that sends one line per scan (QR codes, barcodes). Each tap goes to the
 * sink as a badge scan from `serial:<id>`; a reader configured with `equipmentId` marks its taps as claims at
 * that machine. Malformed frames and lines are counted (shown in the device status) and dropped.
 */
export class SerialRfidReader implements DeviceAdapter {
  readonly id: string;
  private readonly port: ManagedPort;
  private readonly splitter = new Rdm6300Splitter();
  private readonly presence: TagPresence;
  private line: number[] = [];
  /** Inside a line longer than MAX_LINE_BYTES, until its end. */
  private overlong = false;
  private sink: DeviceSink | null = null;
  private counts = { taps: 0, repeats: 0, malformed: 0, strayBytes: 0 };

  constructor(
    private readonly config: SerialRfidConfig,
    private readonly context: AdapterContext,
  ) {
    this.id = config.id;
    this.presence = new TagPresence(config.removalGapMs);
    this.port = new ManagedPort({
      path: config.path,
      baudRate: config.baudRate,
      reopenMinMs: config.reopenMinMs,
      reopenMaxMs: config.reopenMaxMs,
      log: context.log,
      onData: (chunk) => (config.protocol === 'rdm6300' ? this.frames(chunk) : this.lines(chunk)),
      onOpen: () => {
        this.line = [];
      },
    });
  }

  async start(sink: DeviceSink): Promise<void> {
    this.sink = sink;
    this.port.start();
  }

  async stop(): Promise<void> {
    await this.port.stop();
    this.sink = null;
  }

  status(): DeviceStatus[] {
    const { taps, repeats, malformed, strayBytes } = this.counts;
    const facts = [
      `${this.config.protocol} on ${this.config.path}`,
      this.config.equipmentId ? `at machine ${this.config.equipmentId}` : 'check-in reader',
      `${taps} taps`,
      `${repeats} repeats suppressed`,
      `${malformed} malformed ${this.config.protocol === 'rdm6300' ? 'frames' : 'lines'} dropped`,
    ];
    if (strayBytes > 0) facts.push(`${strayBytes} stray bytes skipped`);
    const problem = this.port.problem;
    return [
      {
        id: this.id,
        kind: 'serial',
        name: this.config.name ?? this.id,
        state: this.port.state,
        detail: [...(problem ? [problem.detail] : []), ...facts].join('; '),
        ...(problem ? { problem } : {}),
      },
    ];
  }

  private frames(chunk: Buffer): void {
    const out = this.splitter.push(chunk);
    this.counts.malformed += out.malformed;
    this.counts.strayBytes += out.strayBytes;
    if (out.malformed > 0) this.context.log.warn({ malformed: out.malformed }, 'malformed RFID frames dropped');
    for (const tag of out.tags) {
      const arrived = this.presence.sighting(tag.tag, this.context.clock.now()).some((e) => e.type === 'arrived');
      if (arrived) this.tap(this.badgeOf(tag), 'badge');
      else this.counts.repeats++;
    }
  }

  private lines(chunk: Buffer): void {
    for (const byte of chunk) {
      if (byte === 0x0a || byte === 0x0d) {
        if (this.line.length > 0 && !this.overlong) this.scanned(Buffer.from(this.line).toString('utf8'));
        this.line = [];
        this.overlong = false;
      } else if (this.overlong) {
        // The rest of a line that was too long: dropped up to its end, never read as a scan of its own.
      } else if (this.line.length >= MAX_LINE_BYTES) {
        this.counts.malformed++;
        this.line = [];
        this.overlong = true;
      } else {
        this.line.push(byte);
      }
    }
  }

  private scanned(text: string): void {
    const payload = parseBadgePayload(text);
    if (!payload.ok) {
      this.counts.malformed++;
      this.context.log.warn({ reason: payload.error }, 'scan refused');
      return;
    }
    this.tap(payload.value.badge, payload.value.method);
  }

  private badgeOf(tag: RfidTag): string {
    return this.config.badge === 'card-number' ? String(tag.cardNumber).padStart(10, '0') : tag.tag;
  }

  private tap(badge: string, method: 'badge' | 'qr'): void {
    this.counts.taps++;
    this.sink?.badge({
      badge,
      method,
      source: `serial:${this.id}`,
      ...(this.config.equipmentId ? { equipmentId: this.config.equipmentId } : {}),
    });
  }
}

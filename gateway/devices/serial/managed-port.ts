import { createRequire } from 'node:module';
import type { SerialPort as SerialPortClass } from 'serialport';
import type { DeviceProblem, DeviceState } from '../../../shared/status.js';
import type { Logger } from '../../log.js';

export interface ManagedPortOptions {
  path: string;
  baudRate: number;
  reopenMinMs: number;
  reopenMaxMs: number;
  log: Logger;
  onData(chunk: Buffer): void;
  /** Told each time the port (re)opens, e.g. to reset a frame splitter. */
  onOpen?(): void;
}

/**
 * A serial port that stays open: it opens at start, notices when the device disappears (USB unplugged, the
 * other end of a pty gone), reports it, and reopens when the device returns, with exponential backoff and
 * jitter so a missing device costs nothing. I/O only; what the bytes mean is the caller's business.
 */
// Loaded when the first port opens: serialport and its native bindings are only needed on a box with serial devices.
let serialPortClass: typeof SerialPortClass | undefined;
function SerialPortType(): typeof SerialPortClass {
  serialPortClass ??= (createRequire(import.meta.url)('serialport') as { SerialPort: typeof SerialPortClass }).SerialPort;
  return serialPortClass;
}

export class ManagedPort {
  private port: SerialPortClass | null = null;
  private timer: NodeJS.Timeout | null = null;
  private attempt = 0;
  private running = false;
  private currentState: DeviceState = 'connecting';
  private lastError: DeviceProblem | null = null;
  private opens = 0;

  constructor(private readonly options: ManagedPortOptions) {}

  get state(): DeviceState {
    return this.currentState;
  }

  /** Why the port is not open, for staff; null while it is. */
  get problem(): DeviceProblem | null {
    return this.currentState === 'ok' ? null : this.lastError;
  }

  /** How many times the port has been opened (1 after the first open; more after reconnects). */
  get openCount(): number {
    return this.opens;
  }

  get isOpen(): boolean {
    return this.port?.isOpen === true && this.currentState === 'ok';
  }

  start(): void {
    this.running = true;
    this.open();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const port = this.port;
    this.port = null;
    if (port?.isOpen) {
      await new Promise<void>((resolve) => {
        // Let queued writes (a relay's "off") leave before the port closes.
        port.drain(() => port.close(() => resolve()));
      });
    }
    this.currentState = 'disconnected';
  }

  /** Writes when open; false when the port is not there (the caller decides whether that matters). */
  write(bytes: Uint8Array): boolean {
    if (!this.isOpen || !this.port) return false;
    this.port.write(Buffer.from(bytes));
    return true;
  }

  private open(): void {
    if (!this.running) return;
    const { path, baudRate, log } = this.options;
    const SerialPort = SerialPortType();
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    port.on('data', (chunk: Buffer) => this.options.onData(chunk));
    // Errors after open (a failed write, a read error) arrive here; a vanished device ends in 'close' too.
    port.on('error', (error) => {
      this.lastError = { code: 'port_failed', detail: error.message };
      log.warn({ err: error, path }, 'serial port error');
    });
    port.on('close', (error?: { disconnected?: boolean; message?: string }) => {
      if (this.port !== port) return; // closed by stop()
      this.port = null;
      this.currentState = 'disconnected';
      this.lastError = { code: 'port_failed', detail: error?.message ? `port closed: ${error.message}` : 'port closed' };
      log.warn({ path, reason: this.lastError.detail }, 'serial device disconnected; will reopen when it returns');
      this.scheduleReopen();
    });
    port.open((error) => {
      if (!this.running) {
        if (!error) port.close();
        return;
      }
      if (error) {
        const missing = /no such file|ENOENT|cannot open|not found/i.test(error.message);
        this.currentState = missing ? 'disconnected' : 'error';
        this.lastError = missing
          ? { code: 'port_missing', detail: `${path} is not there (unplugged?)` }
          : { code: 'port_failed', detail: error.message };
        if (this.attempt === 0) log.warn({ path, reason: this.lastError.detail }, 'serial port did not open; retrying');
        this.scheduleReopen();
        return;
      }
      this.port = port;
      this.attempt = 0;
      this.opens++;
      this.currentState = 'ok';
      this.lastError = null;
      log.info({ path, baudRate, opens: this.opens }, 'serial port open');
      this.options.onOpen?.();
    });
  }

  private scheduleReopen(): void {
    if (!this.running || this.timer) return;
    const { reopenMinMs, reopenMaxMs } = this.options;
    const base = Math.min(reopenMaxMs, reopenMinMs * 2 ** this.attempt);
    const delay = base * (0.8 + Math.random() * 0.4); // jitter: readers on one hub do not retry in lockstep
    this.attempt = Math.min(this.attempt + 1, 30);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.open();
    }, delay);
    this.timer.unref();
  }
}

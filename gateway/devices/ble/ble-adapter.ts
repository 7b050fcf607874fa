import { createRequire } from 'node:module';
import type { DeviceProblem, DeviceStatus } from '../../../shared/status.js';
import { decodePolarManufacturerData, POLAR_COMPANY_ID } from '../../protocols/polar-hr-adv.js';
import type { Clock } from '../../time/clock.js';
import type { Logger } from '../../log.js';
import { CaptureWriter, captureFilePath, type FrameCapture } from '../capture.js';
import type { DeviceAdapter, DeviceSink } from '../types.js';
import { reconnectDelayMs } from './backoff.js';
import type { BleDeviceConfig, KnownBleDevice } from './config.js';
import { matchKnownDevice } from './match.js';
import type { CharacteristicLike, NobleLike, PeripheralLike } from './noble-types.js';
import { NotificationDecoder } from './notification-decoder.js';
import { FITNESS_SERVICES, SUBSCRIBED, normalizeUuid } from './uuids.js';

export interface BleAdapterOptions {
  config: BleDeviceConfig;
  log: Logger;
  clock: Clock;
  dataDir: string;
  /** How noble is obtained; the default imports @abandonware/noble lazily (it opens the radio on import). */
  loadNoble?: () => Promise<NobleLike>;
  random?: () => number;
  /** Overrides the capture file from config (tests). */
  capture?: FrameCapture;
  /** How often the signal strength of connected devices is read. */
  rssiIntervalMs?: number;
}

/** `broadcast`: a strap read from its advertisements (Polar's heart-rate broadcast); it is never connected. */
type LinkState = 'searching' | 'queued' | 'connecting' | 'connected' | 'backoff' | 'broadcast';

interface Link {
  known: KnownBleDevice;
  peripheral: PeripheralLike | null;
  state: LinkState;
  rssi: number | null;
  attempts: number;
  retryAt: number | null;
  retryTimer: NodeJS.Timeout | null;
  decoder: NotificationDecoder;
  undecodable: number;
  lastUndecodable: string | null;
  /** Why the last connection attempt failed; cleared by a good connection. */
  lastError: string | null;
  onDisconnect: (() => void) | null;
  /** Broadcast straps: the frame counter of the last advertisement, so a repeated advertisement counts once. */
  lastFrameCounter: number | null;
  sensorContact: boolean;
}

async function importNoble(): Promise<NobleLike> {
  // require, not import(): the compiled gateway is a script run from V8's code cache, where Node 20 cannot
  // import() (bin/code-cache.mjs). noble is CommonJS; it throws here (EAFNOSUPPORT) on a box without Bluetooth.
  const mod = createRequire(import.meta.url)('@abandonware/noble') as { default?: NobleLike } & NobleLike;
  return mod.default ?? mod;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Bluetooth LE fitness equipment over noble: scans, connects the configured machines and straps (up to
 * `maxConnections` at once), subscribes to their data characteristics, and hands the sink exactly what they send:
 * a machine that goes quiet sends nothing, so nothing is emitted (the equipment board marks its tile stale, then
 * offline). A machine that drops is reconnected with backoff. Without a usable radio the adapter reports itself
 * unavailable and the gateway carries on.
 */
export class BleAdapter implements DeviceAdapter {
  readonly id: string;
  private readonly links: Link[];
  private sink: DeviceSink | null = null;
  private noble: NobleLike | null = null;
  private radio: 'loading' | 'unavailable' | 'off' | 'scanning' = 'loading';
  private radioDetail = 'starting';
  private stopped = false;
  private rssiTimer: NodeJS.Timeout | null = null;
  private capture: FrameCapture | null;
  private readonly unknownSeen = new Set<string>();
  private readonly dataHandlers = new WeakMap<CharacteristicLike, (data: Buffer) => void>();

  constructor(private readonly options: BleAdapterOptions) {
    this.id = options.config.id;
    this.links = options.config.devices.map((known) => ({
      known,
      peripheral: null,
      state: 'searching',
      rssi: null,
      attempts: 0,
      retryAt: null,
      retryTimer: null,
      decoder: new NotificationDecoder(known.model),
      undecodable: 0,
      lastUndecodable: null,
      lastError: null,
      onDisconnect: null,
      lastFrameCounter: null,
      sensorContact: false,
    }));
    this.capture = options.capture ?? null;
  }

  async start(sink: DeviceSink): Promise<void> {
    this.sink = sink;
    const { config, log, clock, dataDir } = this.options;
    if (!this.capture && config.capture.enabled) {
      const file = captureFilePath(dataDir, config.id, config.capture.file, clock.now());
      this.capture = new CaptureWriter(file, clock, (error) => log.error({ err: error, file }, 'capture stopped: cannot write'));
      log.info({ file }, 'capturing Bluetooth notifications');
    }
    try {
      this.noble = await (this.options.loadNoble ?? importNoble)();
    } catch (error) {
      this.radio = 'unavailable';
      this.radioDetail = `Bluetooth unavailable: ${(error as Error).message}`;
      log.warn({ err: error }, 'Bluetooth unavailable; the gateway runs without it');
      return;
    }
    if (this.stopped) return;
    this.noble.on('stateChange', (state: string) => void this.onRadioState(state));
    this.noble.on('discover', (peripheral: PeripheralLike) => this.onDiscover(peripheral));
    this.rssiTimer = setInterval(() => this.readRssi(), this.options.rssiIntervalMs ?? 10_000);
    this.rssiTimer.unref();
    await this.onRadioState(this.noble.state);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.rssiTimer) clearInterval(this.rssiTimer);
    for (const link of this.links) {
      if (link.retryTimer) clearTimeout(link.retryTimer);
      link.retryTimer = null;
      if (link.peripheral && (link.state === 'connected' || link.state === 'connecting')) {
        await link.peripheral.disconnectAsync().catch(() => {});
      }
    }
    if (this.noble && this.radio === 'scanning') await this.noble.stopScanningAsync().catch(() => {});
  }

  /** Why the radio cannot be used, while it cannot; every machine on it has the same problem. */
  private radioProblem(): DeviceProblem | null {
    if (this.radio === 'unavailable') return { code: 'bluetooth_unavailable', detail: this.radioDetail };
    if (this.radio === 'off') return { code: 'bluetooth_off', detail: this.radioDetail };
    return null;
  }

  status(): DeviceStatus[] {
    const { config } = this.options;
    const radioProblem = this.radioProblem();
    const connected = this.links.filter((l) => l.state === 'connected' || l.state === 'connecting').length;
    const broadcasting = this.links.filter((l) => l.state === 'broadcast').length;
    const radio: DeviceStatus = {
      id: config.id,
      kind: 'ble',
      name: config.name,
      state: this.radio === 'scanning' ? 'ok' : this.radio === 'loading' ? 'connecting' : 'unavailable',
      detail:
        this.radio === 'scanning'
          ? `scanning; ${connected} of ${config.maxConnections} connections in use` +
            (broadcasting > 0 ? `; ${broadcasting} strap(s) read by broadcast` : '') +
            (this.unknownSeen.size > 0 ? `; ${this.unknownSeen.size} unconfigured fitness device(s) nearby` : '')
          : this.radioDetail,
      ...(radioProblem ? { problem: radioProblem } : {}),
    };
    return [radio, ...this.links.map((link) => this.linkStatus(link, radioProblem))];
  }

  private linkStatus(link: Link, radioProblem: DeviceProblem | null): DeviceStatus {
    const base = {
      id: link.known.id,
      kind: 'ble' as const,
      name: link.known.name,
      equipmentId: link.known.id,
      ...(link.rssi !== null ? { rssi: link.rssi } : {}),
    };
    const errors = link.undecodable > 0 ? `; ${link.undecodable} undecodable notification(s), last: ${link.lastUndecodable}` : '';
    if (this.radio !== 'scanning') {
      return {
        ...base,
        state: this.radio === 'loading' ? 'connecting' : 'unavailable',
        detail: this.radioDetail,
        ...(radioProblem ? { problem: radioProblem } : {}),
      };
    }
    switch (link.state) {
      case 'connected':
        return { ...base, state: 'ok', detail: `connected${errors}` };
      case 'broadcast': {
        const errs = link.undecodable > 0 ? `; ${link.undecodable} undecodable advertisement(s), last: ${link.lastUndecodable}` : '';
        return { ...base, state: 'ok', detail: `heart rate by broadcast, no connection${link.sensorContact ? '' : '; no skin contact'}${errs}` };
      }
      case 'connecting':
        return { ...base, state: 'connecting', detail: 'connecting' };
      case 'backoff': {
        const inS = Math.max(0, Math.ceil(((link.retryAt ?? 0) - this.options.clock.now().getTime()) / 1000));
        // A machine that merely went away (switched off, out of range) is no problem; one that refuses us is.
        const problem: DeviceProblem | null = link.lastError ? { code: 'connect_failed', detail: link.lastError } : null;
        return {
          ...base,
          state: 'connecting',
          detail: `reconnecting in ${inS} s (attempt ${link.attempts})${link.lastError ? `: ${link.lastError}` : ''}`,
          ...(problem ? { problem } : {}),
        };
      }
      case 'queued':
        return { ...base, state: 'disconnected', detail: `in range, waiting for a free connection (limit ${this.options.config.maxConnections})` };
      default:
        return { ...base, state: 'disconnected', detail: 'not seen yet' };
    }
  }

  private async onRadioState(state: string): Promise<void> {
    if (this.stopped || !this.noble) return;
    if (state !== 'poweredOn') {
      this.radio = 'off';
      this.radioDetail = `Bluetooth adapter is ${state}`;
      return;
    }
    try {
      // No service filter: known devices are matched by address or name, and some machines do not advertise
      // their services. Duplicates keep RSSI current.
      await this.noble.startScanningAsync([], this.options.config.scan.allowDuplicates);
      this.radio = 'scanning';
    } catch (error) {
      this.radio = 'unavailable';
      this.radioDetail = `Bluetooth unavailable: cannot scan: ${(error as Error).message}`;
      this.options.log.warn({ err: error }, 'Bluetooth scan failed');
    }
  }

  private onDiscover(peripheral: PeripheralLike): void {
    if (this.stopped) return;
    const known = matchKnownDevice(this.options.config.devices, {
      address: peripheral.address,
      localName: peripheral.advertisement.localName,
    });
    if (!known) {
      const services = (peripheral.advertisement.serviceUuids ?? []).map(normalizeUuid);
      if (services.some((s) => FITNESS_SERVICES.includes(s)) && !this.unknownSeen.has(peripheral.address)) {
        this.unknownSeen.add(peripheral.address);
        this.options.log.info(
          { address: peripheral.address, name: peripheral.advertisement.localName, services },
          'fitness device nearby that is not in the config',
        );
      }
      return;
    }
    const link = this.links.find((l) => l.known === known)!;
    link.rssi = peripheral.rssi;
    if (link.peripheral !== peripheral) link.peripheral = peripheral;
    if (this.readBroadcast(link, peripheral.advertisement.manufacturerData)) return;
    if (link.state === 'searching' || link.state === 'queued') this.tryConnect(link);
  }

  /**
   * A known strap whose advertisement carries Polar's heart-rate broadcast is read from it and never connected,
   * so any number of straps share the radio without a connection slot. True when the advertisement was handled.
   */
  private readBroadcast(link: Link, manufacturerData: Buffer | undefined): boolean {
    if (link.known.kind !== 'hr_strap' || !manufacturerData || manufacturerData.length < 2) return false;
    if (manufacturerData.readUInt16LE(0) !== POLAR_COMPANY_ID) return false;
    if (link.state !== 'searching' && link.state !== 'queued' && link.state !== 'broadcast') return false; // connected straps keep their connection
    const decoded = decodePolarManufacturerData(manufacturerData);
    if (!decoded.ok) {
      if (link.state !== 'broadcast') return false; // Polar data without a heart-rate block: connect instead
      link.undecodable += 1;
      link.lastUndecodable = decoded.error;
      this.options.log.debug({ device: link.known.id, hex: manufacturerData.toString('hex'), error: decoded.error }, 'undecodable advertisement');
      return true;
    }
    link.state = 'broadcast';
    const adv = decoded.value;
    link.sensorContact = adv.sensorContact;
    // With duplicates on, the radio hears the same advertisement many times: the frame counter says which are new.
    if (adv.frameCounter === link.lastFrameCounter) return true;
    link.lastFrameCounter = adv.frameCounter;
    if (this.stopped || adv.heartRateBpm === null || adv.heartRateBpm === 0) return true; // no contact: no heart rate at all
    const now = this.options.clock.now();
    this.sink?.reading({ equipmentId: link.known.id, name: link.known.name, kind: link.known.kind, at: now, metrics: { heartRateBpm: adv.heartRateBpm } });
    return true;
  }

  private inUse(): number {
    return this.links.filter((l) => l.state === 'connected' || l.state === 'connecting').length;
  }

  private tryConnect(link: Link): void {
    if (this.stopped || !link.peripheral) return;
    if (this.inUse() >= this.options.config.maxConnections) {
      link.state = 'queued';
      return;
    }
    void this.connect(link, link.peripheral);
  }

  private async connect(link: Link, peripheral: PeripheralLike): Promise<void> {
    const { config, log } = this.options;
    link.state = 'connecting';
    link.retryAt = null;
    try {
      await withTimeout(peripheral.connectAsync(), config.scan.connectTimeoutMs, 'connect');
      if (link.onDisconnect) peripheral.off('disconnect', link.onDisconnect);
      link.onDisconnect = () => this.onDisconnect(link, peripheral, 'disconnected');
      peripheral.on('disconnect', link.onDisconnect);
      const { characteristics } = await withTimeout(
        peripheral.discoverSomeServicesAndCharacteristicsAsync([], [...SUBSCRIBED]),
        config.scan.connectTimeoutMs,
        'service discovery',
      );
      const wanted = characteristics.filter((c) => SUBSCRIBED.includes(normalizeUuid(c.uuid)));
      if (wanted.length === 0) throw new Error('offers none of the FTMS, heart rate, cycling power or PM5 data characteristics');
      for (const characteristic of wanted) {
        // noble may hand back the same characteristic objects after a reconnect: one listener each, not two.
        const previous = this.dataHandlers.get(characteristic);
        if (previous) characteristic.off('data', previous);
        const handler = (data: Buffer) => this.onData(link, characteristic, data);
        this.dataHandlers.set(characteristic, handler);
        characteristic.on('data', handler);
        await characteristic.subscribeAsync();
      }
      if (this.stopped) return;
      link.state = 'connected';
      link.attempts = 0;
      link.lastError = null;
      log.info({ device: link.known.id, characteristics: wanted.map((c) => normalizeUuid(c.uuid)) }, 'Bluetooth device connected');
    } catch (error) {
      link.lastError = (error as Error).message;
      log.warn({ device: link.known.id, err: error }, 'Bluetooth connection failed');
      await peripheral.disconnectAsync().catch(() => {});
      this.onDisconnect(link, peripheral, link.lastError);
    }
  }

  private onDisconnect(link: Link, peripheral: PeripheralLike, reason: string): void {
    if (this.stopped || link.peripheral !== peripheral || link.state === 'backoff') return;
    const wasUp = link.state === 'connected' || link.state === 'connecting';
    if (!wasUp) return;
    if (link.state === 'connected') this.options.log.info({ device: link.known.id, reason }, 'Bluetooth device disconnected');
    this.scheduleReconnect(link);
    this.connectQueued();
  }

  private scheduleReconnect(link: Link): void {
    const { reconnect } = this.options.config;
    const delay = reconnectDelayMs(link.attempts, (this.options.random ?? Math.random)(), {
      initialMs: reconnect.initialDelayMs,
      maxMs: reconnect.maxDelayMs,
    });
    link.attempts += 1;
    link.state = 'backoff';
    link.retryAt = this.options.clock.now().getTime() + delay;
    link.retryTimer = setTimeout(() => {
      link.retryTimer = null;
      link.state = 'queued';
      this.tryConnect(link);
    }, delay);
    link.retryTimer.unref();
  }

  /** A connection slot freed up: the longest-waiting device in range gets it. */
  private connectQueued(): void {
    for (const link of this.links) {
      if (this.inUse() >= this.options.config.maxConnections) return;
      if (link.state === 'queued') this.tryConnect(link);
    }
  }

  private onData(link: Link, characteristic: CharacteristicLike, data: Buffer): void {
    if (this.stopped) return;
    const uuid = normalizeUuid(characteristic.uuid);
    this.capture?.frame(link.known.id, { characteristic: uuid }, data);
    const now = this.options.clock.now();
    const outcome = link.decoder.decode(uuid, data, now.getTime());
    if (outcome.kind === 'error') {
      // Malformed notifications are counted and dropped; one bad packet never takes the machine down.
      link.undecodable += 1;
      link.lastUndecodable = outcome.error;
      this.options.log.debug({ device: link.known.id, characteristic: uuid, hex: data.toString('hex'), error: outcome.error }, 'undecodable notification');
      return;
    }
    if (outcome.kind !== 'metrics') return;
    this.sink?.reading({ equipmentId: link.known.id, name: link.known.name, kind: link.known.kind, at: now, metrics: outcome.metrics });
  }

  private readRssi(): void {
    for (const link of this.links) {
      if (link.state !== 'connected' || !link.peripheral?.updateRssiAsync) continue;
      link.peripheral.updateRssiAsync().then(
        (rssi) => {
          link.rssi = rssi;
        },
        () => {}, // a failed read keeps the last value; the connection itself is watched elsewhere
      );
    }
  }
}

import { createRequire } from 'node:module';
import type { DeviceProblem, DeviceStatus } from '../../../shared/status.js';
import type { Logger } from '../../log.js';
import { decodeAntMessage } from '../../protocols/ant/message.js';
import type { Clock } from '../../time/clock.js';
import type { DeviceAdapter, DeviceSink } from '../types.js';
import { ANT_PROFILES, type AntDeviceConfig, type KnownAntDevice } from './config.js';
import { AntPageDecoder } from './page-decoder.js';
import type { AntChannelLike, AntStickLike, LoadAntStick } from './stick-types.js';

export interface AntAdapterOptions {
  config: AntDeviceConfig;
  log: Logger;
  clock: Clock;
  /** How the stick is obtained; the default imports incyclist-ant-plus lazily (it loads the `usb` binding). */
  loadStick?: LoadAntStick;
}

interface Tracked {
  known: KnownAntDevice;
  decoder: AntPageDecoder;
  lastHeardMs: number | null;
  rssi: number | null;
  undecodable: number;
  lastUndecodable: string | null;
}

const loadIncyclistStick: LoadAntStick = async ({ stickIndex }) => {
  // A variable specifier keeps the optional package out of the type check and the bundle. require, not import():
  // the compiled gateway runs from V8's code cache, where Node 20 cannot import() (bin/code-cache.mjs).
  const specifier = 'incyclist-ant-plus/lib/bindings';
  const mod = createRequire(import.meta.url)(specifier) as { AntDevice: new (props: object) => AntStickLike };
  return new mod.AntDevice({ startupTimeout: 2000, detailedStartReport: true, ...(stickIndex !== undefined ? { deviceNo: stickIndex } : {}) });
};

/** Words for what incyclist-ant-plus says when `open()` fails. */
function whyNotOpened(result: boolean | string | undefined): string {
  switch (result) {
    case 'NoStick':
    case false:
      return 'no ANT+ USB stick found (Garmin/Dynastream 0fcf:1008 or 0fcf:1009)';
    case 'AlreadyInUse':
      return 'the ANT+ stick is in use by another program';
    case 'StartupError':
    case 'CommunicationError':
      return `the ANT+ stick does not answer (${result})`;
    default:
      return 'the ANT+ stick cannot be opened (on Linux: is the udev rule installed?)';
  }
}

/**
 * ANT+ over a USB stick: one channel in continuous scan mode hears every strap, FE-C machine and power meter in
 * range (no pairing, no channel per device). The library does the USB and the channel set-up; each ANT message it
 * hands over is unframed by our `ant-message` codec and its page read by our page codecs (`protocols/ant/`), for
 * the devices in the config, found by device type and number. Only what a device sent becomes a reading. Without
 * the library, its USB binding or a stick, the adapter is `unavailable` and looks for the stick again.
 */
export class AntAdapter implements DeviceAdapter {
  readonly id: string;
  private readonly tracked: Tracked[];
  private readonly byChannelId = new Map<string, Tracked>();
  private sink: DeviceSink | null = null;
  private stick: AntStickLike | null = null;
  private channel: AntChannelLike | null = null;
  private state: 'loading' | 'unavailable' | 'scanning' = 'loading';
  private detail = 'starting';
  private stopped = false;
  private reopenTimer: NodeJS.Timeout | null = null;
  private malformed = 0;
  private lastMalformed: string | null = null;
  private readonly unknownSeen = new Set<string>();

  constructor(private readonly options: AntAdapterOptions) {
    this.id = options.config.id;
    this.tracked = options.config.devices.map((known) => ({
      known,
      decoder: new AntPageDecoder(known.profile, known.kind),
      lastHeardMs: null,
      rssi: null,
      undecodable: 0,
      lastUndecodable: null,
    }));
    for (const t of this.tracked) this.byChannelId.set(`${ANT_PROFILES[t.known.profile]}:${t.known.deviceNumber}`, t);
  }

  async start(sink: DeviceSink): Promise<void> {
    this.sink = sink;
    await this.open();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reopenTimer) clearTimeout(this.reopenTimer);
    this.reopenTimer = null;
    await this.close();
  }

  private async open(): Promise<void> {
    const { log, config } = this.options;
    let stick: AntStickLike;
    try {
      stick = await (this.options.loadStick ?? loadIncyclistStick)({ stickIndex: config.stickIndex });
    } catch (error) {
      // Library or USB binding missing: nothing to retry until the box is reinstalled.
      this.unavailable(`ANT+ unavailable: ${(error as Error).message}`);
      log.warn({ err: error }, 'ANT+ unavailable; the gateway runs without it');
      return;
    }
    try {
      const opened = await stick.open();
      if (opened !== true && opened !== 'Success') throw new Error(whyNotOpened(opened));
      const channel = stick.getChannel();
      if (!channel) throw new Error('the ANT+ stick has no free channel');
      this.stick = stick;
      this.channel = channel;
      channel.on('message', (data: Buffer) => this.onMessage(data));
      if (!(await channel.startScanner())) throw new Error('the ANT+ stick refused continuous scan mode');
      if (this.stopped) return void (await this.close());
      this.state = 'scanning';
      this.detail = 'scanning';
      log.info('ANT+ stick open, scanning');
    } catch (error) {
      await this.close();
      this.unavailable(`ANT+ unavailable: ${(error as Error).message}`);
      log.warn({ err: error }, 'ANT+ stick not usable; looking again');
      this.scheduleReopen();
    }
  }

  private unavailable(detail: string): void {
    this.state = 'unavailable';
    this.detail = detail;
  }

  private scheduleReopen(): void {
    if (this.stopped) return;
    this.reopenTimer = setTimeout(() => {
      this.reopenTimer = null;
      void this.open();
    }, this.options.config.reopenMs);
    this.reopenTimer.unref();
  }

  private async close(): Promise<void> {
    const { stick, channel } = this;
    this.stick = null;
    this.channel = null;
    channel?.removeAllListeners('message');
    if (stick) await stick.close().catch(() => false);
  }

  /** One ANT message from the stick: counted and dropped when malformed, else a reading for a configured device. */
  onMessage(data: Uint8Array): void {
    if (this.stopped) return;
    if (data[2] !== 0x4e && data[2] !== 0x4f) return; // channel events, responses, burst packets: the library's business
    const message = decodeAntMessage(data);
    if (!message.ok) {
      this.malformed += 1;
      this.lastMalformed = message.error;
      this.options.log.debug({ hex: Buffer.from(data).toString('hex'), error: message.error }, 'malformed ANT message');
      return;
    }
    const { deviceType, deviceNumber, rssiDbm, page } = message.value;
    if (deviceType === undefined || deviceNumber === undefined) return; // scan mode always adds the channel id
    const tracked = this.byChannelId.get(`${deviceType}:${deviceNumber}`);
    if (!tracked) {
      this.noticeUnknown(deviceType, deviceNumber);
      return;
    }
    const now = this.options.clock.now();
    tracked.lastHeardMs = now.getTime();
    if (rssiDbm !== undefined) tracked.rssi = rssiDbm;
    const outcome = tracked.decoder.decode(Buffer.from(page, 'hex'));
    if (outcome.kind === 'error') {
      tracked.undecodable += 1;
      tracked.lastUndecodable = outcome.error;
      return;
    }
    if (outcome.kind !== 'metrics') return;
    const { id, name, kind } = tracked.known;
    this.sink?.reading({ equipmentId: id, name, kind, at: now, metrics: outcome.metrics });
  }

  private noticeUnknown(deviceType: number, deviceNumber: number): void {
    const profile = Object.entries(ANT_PROFILES).find(([, type]) => type === deviceType)?.[0];
    const key = `${deviceType}:${deviceNumber}`;
    if (!profile || this.unknownSeen.has(key)) return;
    this.unknownSeen.add(key);
    this.options.log.info({ profile, deviceNumber }, 'ANT+ device nearby that is not in the config');
  }

  private problem(): DeviceProblem | null {
    return this.state === 'unavailable' ? { code: 'ant_unavailable', detail: this.detail } : null;
  }

  status(): DeviceStatus[] {
    const { config } = this.options;
    const problem = this.problem();
    const state = this.state === 'scanning' ? 'ok' : this.state === 'loading' ? 'connecting' : 'unavailable';
    const counts =
      (this.unknownSeen.size > 0 ? `; ${this.unknownSeen.size} unconfigured ANT+ device(s) nearby` : '') +
      (this.malformed > 0 ? `; ${this.malformed} malformed message(s), last: ${this.lastMalformed}` : '');
    const stick: DeviceStatus = {
      id: config.id,
      kind: 'ant',
      name: config.name,
      state,
      detail: this.state === 'scanning' ? `scanning${counts}` : this.detail,
      ...(problem ? { problem } : {}),
    };
    return [stick, ...this.tracked.map((t) => this.deviceStatus(t, problem))];
  }

  private deviceStatus(t: Tracked, problem: DeviceProblem | null): DeviceStatus {
    const base = { id: t.known.id, kind: 'ant' as const, name: t.known.name, equipmentId: t.known.id, ...(t.rssi !== null ? { rssi: t.rssi } : {}) };
    if (this.state !== 'scanning') {
      return { ...base, state: this.state === 'loading' ? 'connecting' : 'unavailable', detail: this.detail, ...(problem ? { problem } : {}) };
    }
    const errors = t.undecodable > 0 ? `; ${t.undecodable} undecodable page(s), last: ${t.lastUndecodable}` : '';
    if (t.lastHeardMs === null) return { ...base, state: 'disconnected', detail: `not heard yet (device number ${t.known.deviceNumber})` };
    const silentMs = this.options.clock.now().getTime() - t.lastHeardMs;
    if (silentMs > this.options.config.silentAfterMs) {
      return { ...base, state: 'disconnected', detail: `not heard for ${Math.round(silentMs / 1000)} s${errors}` };
    }
    return { ...base, state: 'ok', detail: `receiving${errors}` };
  }
}

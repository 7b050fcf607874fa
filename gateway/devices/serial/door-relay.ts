import type { CheckInResult } from '../../../shared/checkin.js';
import type { DeviceStatus } from '../../../shared/status.js';
import type { CheckInPayload } from '../../checkin/payload.js';
import type { AdapterContext } from '../adapter-context.js';
import type { DeviceAdapter } from '../types.js';
import type { SerialRelayConfig } from './config.js';
import { ManagedPort } from './managed-port.js';

/**
 * The command of the common CH340 ("LCUS") USB relay boards: A0, channel, state, and the low byte of their
 * sum — channel 1 on is A0 01 01 A2, off is A0 01 00 A1.
 */
export function relayCommand(channel: number, on: boolean): Buffer {
  const state = on ? 1 : 0;
  return Buffer.from([0xa0, channel, state, (0xa0 + channel + state) & 0xff]);
}

/**
 * The door: a USB relay that opens for `openSeconds` after an accepted check-in from one of the configured
 * readers. It listens to committed check-ins on the floor events, so the door opens only for a decision that
 * is on disk. A second accepted check-in while open keeps it open for the full time again.
 */
export class SerialDoorRelay implements DeviceAdapter {
  readonly id: string;
  private readonly port: ManagedPort;
  private closeTimer: NodeJS.Timeout | null = null;
  private openings = 0;
  private missed = 0;
  private lastOpenedAt: Date | null = null;
  private readonly onCheckIn = (result: CheckInResult, payload: CheckInPayload) => {
    if (result.decision !== 'accepted') return;
    if (!this.config.openOn.some((reader) => reader === payload.source || `serial:${reader}` === payload.source)) return;
    this.open({ checkInEventId: result.eventId, memberId: payload.memberId, reader: payload.source });
  };

  constructor(
    private readonly config: SerialRelayConfig,
    private readonly context: AdapterContext,
  ) {
    this.id = config.id;
    this.port = new ManagedPort({
      path: config.path,
      baudRate: config.baudRate,
      reopenMinMs: config.reopenMinMs,
      reopenMaxMs: config.reopenMaxMs,
      log: context.log,
      onData: () => undefined, // the boards answer nothing worth reading
      // A door must never stay open across a reconnect: the first thing a fresh port hears is "off".
      onOpen: () => void this.port.write(relayCommand(this.config.channel, false)),
    });
  }

  async start(): Promise<void> {
    this.context.floor.on('checkin', this.onCheckIn);
    this.port.start();
  }

  async stop(): Promise<void> {
    this.context.floor.off('checkin', this.onCheckIn);
    if (this.closeTimer) clearTimeout(this.closeTimer);
    this.closeTimer = null;
    this.port.write(relayCommand(this.config.channel, false));
    await this.port.stop();
  }

  /** Opens the door for the configured time (also for staff tools and tests); an opening is told to the floor (webhooks). */
  open(cause: { checkInEventId: string; memberId: string | null; reader: string } | null = null): void {
    const sent = this.port.write(relayCommand(this.config.channel, true));
    if (!sent) {
      this.missed++;
      this.context.log.error({ path: this.config.path }, 'door relay not connected: the door did not open');
      return;
    }
    this.openings++;
    this.lastOpenedAt = this.context.clock.now();
    this.context.floor.emit('door', {
      doorId: this.id, doorName: this.config.name ?? this.id, openSeconds: this.config.openSeconds,
      checkInEventId: cause?.checkInEventId ?? null, memberId: cause?.memberId ?? null, reader: cause?.reader ?? null,
    });
    if (this.closeTimer) clearTimeout(this.closeTimer);
    this.closeTimer = setTimeout(() => {
      this.closeTimer = null;
      this.port.write(relayCommand(this.config.channel, false));
    }, this.config.openSeconds * 1000);
    this.closeTimer.unref();
  }

  status(): DeviceStatus[] {
    const facts = [
      `door relay channel ${this.config.channel} on ${this.config.path}`,
      `opens ${this.config.openSeconds} s for ${this.config.openOn.join(', ')}`,
      `opened ${this.openings} times${this.lastOpenedAt ? `, last ${this.lastOpenedAt.toISOString()}` : ''}`,
    ];
    if (this.missed > 0) facts.push(`${this.missed} openings missed while disconnected`);
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
}

import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import type { Logger } from '../log.js';
import type { BrokerState } from './view.js';

export interface MqttLinkOptions {
  url: string;
  username: string;
  password: string | null;
  clientId: string;
  /** Published by the broker when this box vanishes without a goodbye (retained). */
  will: { topic: string; payload: string };
  subscriptions: string[];
  log: Logger;
  onState: (state: BrokerState) => void;
  /** Subscribed and ready: publish presence, retained state, and resume the lane. */
  onReady: () => void;
  onMessage: (topic: string, payload: Buffer) => void;
  /** Wait between reconnect attempts. */
  reconnectMs?: number;
  keepaliveS?: number;
}

/** `mqtt://user:secret@host:1883` → `mqtt://host:1883`: what logs and status may show. */
export function redactBrokerUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '(unparsable broker URL)';
  }
}

/**
 * The box's one connection to the floor broker (MQTT.js): a retained last will, reconnect forever (also after the
 * broker refused the credentials: staff may fix its password file), nothing queued while disconnected (the outbox lane
 * keeps facts; readings are live or nothing). No MQTT error ever escapes: it is logged and the link retries.
 */
export class MqttLink {
  private readonly client: MqttClient;
  private ready = false;
  private lastErrorLog = 0;
  private readonly readyWaiters = new Set<() => void>();

  constructor(private readonly options: MqttLinkOptions) {
    const { log } = options;
    const clientOptions: IClientOptions = {
      clientId: options.clientId,
      username: options.username,
      ...(options.password !== null ? { password: options.password } : {}),
      protocolVersion: 4,
      clean: true,
      keepalive: options.keepaliveS ?? 10,
      reconnectPeriod: options.reconnectMs ?? 1_000,
      reconnectOnConnackError: true,
      connectTimeout: 5_000,
      queueQoSZero: false,
      resubscribe: false, // subscribed again on every connect below, before the box says it is online
      will: { topic: options.will.topic, payload: Buffer.from(options.will.payload), qos: 1, retain: true },
    };
    this.client = connect(options.url, clientOptions);
    options.onState('connecting');
    this.client.on('connect', () => {
      // Nagle would hold a small reading back up to ~40 ms waiting for more bytes: readings are small and live.
      const socket = this.client.stream as { setNoDelay?: (on: boolean) => void } | undefined;
      socket?.setNoDelay?.(true);
      this.client.subscribe(options.subscriptions, { qos: 1 }, (error) => {
        if (error) {
          this.noteError(error, 'floor subscription refused');
          return;
        }
        this.ready = true;
        options.onState('connected');
        log.info({ broker: redactBrokerUrl(options.url) }, 'joined the floor');
        for (const wake of this.readyWaiters) wake();
        this.readyWaiters.clear();
        this.safely(() => options.onReady());
      });
    });
    this.client.on('close', () => {
      if (this.ready) log.warn({ broker: redactBrokerUrl(options.url) }, 'floor broker connection lost: each door decides alone until it returns');
      this.ready = false;
      options.onState('unreachable');
    });
    this.client.on('error', (error) => this.noteError(error, 'floor broker error'));
    this.client.on('message', (topic, payload) => this.safely(() => options.onMessage(topic, payload)));
  }

  get connected(): boolean {
    return this.ready;
  }

  /** Resolves once connected and subscribed (or at once when already). */
  untilReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.add(resolve));
  }

  /** Wakes every `untilReady` waiter (closing). */
  wakeAll(): void {
    for (const wake of this.readyWaiters) wake();
    this.readyWaiters.clear();
  }

  /** QoS 1: resolves on the broker's PUBACK; rejects when not connected or when the link drops first. */
  publishAcked(topic: string, body: string, retain = false): Promise<void> {
    if (!this.ready) return Promise.reject(new Error('not connected to the floor broker'));
    return new Promise((resolve, reject) => {
      const onClose = () => reject(new Error('floor broker connection lost before PUBACK'));
      this.client.once('close', onClose);
      this.client.publish(topic, body, { qos: 1, retain }, (error) => {
        this.client.off('close', onClose);
        if (error) reject(error);
        else resolve();
      });
    });
  }

  /** QoS 0, fire and forget; dropped when not connected (live figures are stale a second later anyway). */
  publishLive(topic: string, body: string, retain = false): void {
    if (!this.ready) return;
    this.client.publish(topic, body, { qos: retain ? 1 : 0, retain }, (error) => {
      if (error) this.noteError(error, 'floor publish failed');
    });
  }

  /** A clean goodbye (retained presence first), then the connection ends. */
  async close(goodbye?: { topic: string; payload: string }): Promise<void> {
    this.wakeAll();
    if (goodbye && this.ready) {
      await Promise.race([this.publishAcked(goodbye.topic, goodbye.payload, true).catch(() => undefined), new Promise((r) => setTimeout(r, 1_000))]);
    }
    // Waits for acknowledgements in flight, but not for a broker that stopped answering.
    const ended = new Promise<void>((resolve) => this.client.end(false, {}, () => resolve()));
    const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 2_000).unref());
    if ((await Promise.race([ended, timer])) === 'late') await new Promise<void>((resolve) => this.client.end(true, {}, () => resolve()));
  }

  private noteError(error: Error, message: string): void {
    // A broker that is down is reported once per 30 s, not per reconnect attempt.
    const now = Date.now();
    if (now - this.lastErrorLog < 30_000) return;
    this.lastErrorLog = now;
    this.options.log.warn({ broker: redactBrokerUrl(this.options.url), error: error.message }, message);
  }

  private safely(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.options.log.error({ err: error }, 'floor message handling failed');
    }
  }
}

/**
 * Keeps the kiosk's gateway alive after start-up: checks `/healthz` every few seconds, and when a
 * gateway this kiosk started exits or stops answering, stops what is left of it and starts a new
 * one, waiting longer after each failed try (exponential backoff, reset once it has stayed healthy).
 *
 * A gateway the kiosk attached to (e.g. run by systemd) is never replaced: its owner restarts it,
 * and a second gateway would only fight it for the port. The kiosk just reports the outage.
 */
import { ExponentialBackoff, noJitterGenerator, type IBackoff } from 'cockatiel';
import type { GatewayExit, GatewayHandle } from './gateway-process.js';

export const DEFAULT_HEALTH_INTERVAL_MS = 10_000;
export const DEFAULT_UNHEALTHY_AFTER = 3;
export const DEFAULT_BACKOFF_INITIAL_MS = 1_000;
export const DEFAULT_BACKOFF_MAX_MS = 60_000;
export const DEFAULT_STABLE_AFTER_MS = 60_000;

export type SupervisorEvent =
  | { type: 'unhealthy'; failures: number; mode: GatewayHandle['mode'] }
  | { type: 'healthy-again'; mode: GatewayHandle['mode'] }
  | { type: 'restarting'; reason: string; delayMs: number; attempt: number }
  | { type: 'restarted'; gateway: GatewayHandle }
  | { type: 'restart-failed'; error: string; attempt: number };

export interface SupervisorDeps {
  /** Attach to a healthy gateway or start one (gateway-process.ts ensureGateway). */
  ensure: () => Promise<GatewayHandle>;
  /** True when `url` answers 200 in time. */
  probe: (url: string) => Promise<boolean>;
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  now: () => number;
  log: (message: string) => void;
  /** Bounds the log file of a gateway we started; called on every health check. */
  rotateLog?: (file: string) => void;
  onEvent?: (event: SupervisorEvent) => void;
}

export interface SupervisorOptions {
  healthIntervalMs?: number;
  /** Consecutive failed health checks before a gateway we started is replaced. */
  unhealthyAfter?: number;
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  /** Healthy this long after a restart → the next failure starts the backoff from the beginning. */
  stableAfterMs?: number;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function describeExit(exit: GatewayExit): string {
  return exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`;
}

export class GatewaySupervisor {
  private readonly healthIntervalMs: number;
  private readonly unhealthyAfter: number;
  private readonly stableAfterMs: number;
  private readonly backoffFactory: ExponentialBackoff<number>;
  private backoff: IBackoff<unknown> | undefined;
  private gateway: GatewayHandle | undefined;
  /** Set when the current gateway (one we started) has exited and nobody has acted on it yet. */
  private pendingExit: GatewayExit | undefined;
  private stopped = false;
  /** Cuts the current wait short: on stop(), or when our gateway exits. */
  private wake = new AbortController();
  private loop: Promise<void> | undefined;
  private failures = 0;
  private healthySince: number | undefined;
  private restartAttempts = 0;

  constructor(
    private readonly deps: SupervisorDeps,
    options: SupervisorOptions = {},
  ) {
    this.healthIntervalMs = options.healthIntervalMs ?? DEFAULT_HEALTH_INTERVAL_MS;
    this.unhealthyAfter = Math.max(1, options.unhealthyAfter ?? DEFAULT_UNHEALTHY_AFTER);
    this.stableAfterMs = options.stableAfterMs ?? DEFAULT_STABLE_AFTER_MS;
    this.backoffFactory = new ExponentialBackoff({
      generator: noJitterGenerator,
      initialDelay: options.backoffInitialMs ?? DEFAULT_BACKOFF_INITIAL_MS,
      maxDelay: options.backoffMaxMs ?? DEFAULT_BACKOFF_MAX_MS,
    });
  }

  /** The gateway in use now (changes after a restart). */
  get current(): GatewayHandle | undefined {
    return this.gateway;
  }

  /**
   * Brings the gateway up once (throws GatewayStartError when it cannot: the caller decides), then
   * watches it until stop().
   */
  async start(): Promise<GatewayHandle> {
    if (this.loop) throw new Error('GatewaySupervisor.start() was already called');
    const gateway = await this.deps.ensure();
    this.adopt(gateway);
    this.loop = this.watch();
    return gateway;
  }

  /** Stops watching; stops the gateway if this kiosk started it. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake.abort();
    await this.loop;
    await this.gateway?.stop();
  }

  private adopt(gateway: GatewayHandle): void {
    this.gateway = gateway;
    this.pendingExit = undefined;
    this.failures = 0;
    this.healthySince = this.deps.now();
    // One listener per gateway (racing the promise on every check would pile up listeners).
    void gateway.exited.then((exit) => {
      if (this.gateway !== gateway) return;
      this.pendingExit = exit;
      this.wake.abort();
    });
  }

  private async wait(ms: number): Promise<void> {
    this.wake = new AbortController();
    if (this.stopped || this.pendingExit) return;
    await this.deps.sleep(ms, this.wake.signal);
  }

  private emit(event: SupervisorEvent): void {
    this.deps.onEvent?.(event);
  }

  private async watch(): Promise<void> {
    while (!this.stopped) {
      await this.wait(this.healthIntervalMs);
      if (this.stopped) return;
      if (this.pendingExit) {
        await this.replace(`the gateway exited (${describeExit(this.pendingExit)})`);
        continue;
      }
      await this.check(this.gateway!);
    }
  }

  private async check(gateway: GatewayHandle): Promise<void> {
    if (gateway.mode === 'started' && gateway.logFile && this.deps.rotateLog) {
      try {
        this.deps.rotateLog(gateway.logFile);
      } catch (error) {
        this.deps.log(`kiosk: cannot rotate ${gateway.logFile}: ${describe(error)}`);
      }
    }
    const ok = await this.deps.probe(`${gateway.origin}/healthz`);
    if (this.stopped) return;
    if (ok) {
      if (this.failures > 0) {
        this.deps.log(`kiosk: gateway at ${gateway.origin} answers again`);
        this.emit({ type: 'healthy-again', mode: gateway.mode });
      }
      this.failures = 0;
      this.healthySince ??= this.deps.now();
      if (this.deps.now() - this.healthySince >= this.stableAfterMs) {
        this.backoff = undefined;
        this.restartAttempts = 0;
      }
      return;
    }
    this.failures++;
    this.healthySince = undefined;
    this.emit({ type: 'unhealthy', failures: this.failures, mode: gateway.mode });
    if (gateway.mode === 'attached') {
      if (this.failures === 1) {
        this.deps.log(
          `kiosk: the gateway at ${gateway.origin} (not started by this kiosk) does not answer; ` +
            'waiting for whoever runs it (e.g. systemd) to bring it back',
        );
      }
      return;
    }
    if (this.failures >= this.unhealthyAfter) {
      await this.replace(`${gateway.origin}/healthz did not answer ${this.failures} times in a row`);
    }
  }

  /** Stops what is left of the current gateway, then starts one, backing off until one comes up. */
  private async replace(reason: string): Promise<void> {
    const old = this.gateway;
    this.gateway = undefined; // its exit is expected now: it must not cut the backoff short
    await old?.stop();
    while (!this.stopped) {
      this.backoff = this.backoff ? this.backoff.next(undefined) : this.backoffFactory.next();
      const delayMs = this.backoff.duration;
      const attempt = ++this.restartAttempts;
      this.deps.log(`kiosk: ${reason}; starting it again in ${delayMs} ms (restart ${attempt})`);
      this.emit({ type: 'restarting', reason, delayMs, attempt });
      this.pendingExit = undefined;
      await this.wait(delayMs);
      if (this.stopped) return;
      try {
        const gateway = await this.deps.ensure();
        this.adopt(gateway);
        this.deps.log(`kiosk: gateway ${gateway.mode} at ${gateway.origin}${gateway.pid ? ` (pid ${gateway.pid})` : ''}`);
        this.emit({ type: 'restarted', gateway });
        return;
      } catch (error) {
        reason = `the gateway did not come back: ${describe(error)}`;
        this.emit({ type: 'restart-failed', error: describe(error), attempt });
      }
    }
  }
}

/** The real sleep: a timer that an AbortSignal cuts short. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

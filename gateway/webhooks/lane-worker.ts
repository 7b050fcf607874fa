import { BrokenCircuitError, circuitBreaker, ConsecutiveBreaker, handleWhen, type CircuitBreakerPolicy } from 'cockatiel';
import type { Dispatcher } from 'undici';
import type { WebhookDestinationStatus } from '../../shared/webhooks.js';
import type { Logger } from '../log.js';
import type { LaneDelivery, Lanes } from '../store/lanes.js';
import type { Clock } from '../time/clock.js';
import type { WebhookConfig } from './config.js';
import { backoffMs, classify, type Outcome } from './outcome.js';
import { signatureHeaders } from './signer.js';
import { loadUndici } from './undici.js';

/** A destination's lane in the `deliveries` table. */
export const laneOf = (name: string) => `webhook:${name}`;

class RetryableFailure extends Error {}

export interface LaneWorkerDeps {
  hook: WebhookConfig;
  lane: string;
  secrets: string[];
  lanes: Lanes;
  clock: Clock;
  log: Logger;
  dispatcher: Dispatcher;
  origin: 'file' | 'console';
  /** Staff paused the destination: nothing is sent until `resume`. */
  paused?: boolean;
}

/**
 * One destination's lane: sends the oldest pending delivery, one at a time, so the receiver sees events in journal
 * order; its own backoff (full jitter), circuit breaker, rate limit and Retry-After pauses. Nothing here waits on any
 * other lane, the cloud uplink or a check-in: each lane is its own async loop.
 */
export class LaneWorker {
  private readonly breaker: CircuitBreakerPolicy;
  private closed = false;
  private running: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private breakerOpenedAt = 0;
  private lastSentAt = 0;
  private pausedUntil = 0;
  private failuresInRow = 0;
  private lastError: string | null = null;
  private lastOutcome: 'delivered' | 'failed' | null = null;
  private lastSuccessAt: Date | null;
  private nextAttemptAt: number | null = null;
  private inFlight: AbortController | null = null;
  /** The next deliveries, read ahead in journal order; the first is the head. */
  private window: LaneDelivery[] = [];
  /** The last seq this worker settled (its outcome may still wait for the group commit). */
  private cursor = 0;
  /** Bumped by `rewind`: an attempt in flight across a rewind leaves the window alone. */
  private generation = 0;
  private paused: boolean;

  constructor(private readonly deps: LaneWorkerDeps) {
    const { breaker } = deps.hook;
    this.breaker = circuitBreaker(handleWhen((error) => error instanceof RetryableFailure), {
      halfOpenAfter: breaker.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(breaker.failures),
    });
    this.breaker.onBreak(() => (this.breakerOpenedAt = deps.clock.now().getTime()));
    this.lastSuccessAt = deps.lanes.lastSuccessAt(deps.lane);
    this.paused = deps.paused ?? false;
  }

  /** Paused: the queue keeps filling (and counting in the disk budget), nothing is sent. An attempt in flight finishes. */
  pause(): void {
    this.paused = true;
  }

  /** Resumed: sending starts again from the oldest waiting delivery, in order. */
  resume(): void {
    this.paused = false;
    this.wake?.();
  }

  start(): void {
    this.running ??= this.loop().catch((error: unknown) => this.deps.log.error({ err: error, lane: this.deps.lane }, 'webhook lane stopped'));
  }

  /** Something was queued: look now instead of at the next timer. */
  kick(): void {
    this.wake?.();
  }

  /** Dead deliveries were requeued (they sit before the cursor): read the lane again from its start. */
  rewind(): void {
    this.deps.lanes.flush();
    this.generation++;
    this.window = [];
    this.cursor = 0;
    this.wake?.();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.inFlight?.abort();
    this.wake?.();
    await this.running;
  }

  status(recent: number): WebhookDestinationStatus {
    const { hook, lanes, lane } = this.deps;
    const counts = lanes.counts(lane);
    const url = new URL(hook.url);
    const open = this.breaker.state === 1; // CircuitState.Open
    return {
      name: hook.name,
      origin: this.deps.origin,
      url: `${url.protocol}//${url.host}${url.pathname}`,
      events: hook.events,
      filters: hook.filters,
      include: hook.include,
      maxPerSecond: hook.maxPerSecond,
      secrets: this.deps.secrets.length,
      paused: this.paused,
      health: this.paused ? 'paused' : open ? 'circuit_open' : this.lastOutcome === 'failed' ? 'error' : this.lastOutcome === 'delivered' || this.lastSuccessAt ? 'connected' : 'idle',
      lastSuccessAt: this.lastSuccessAt?.toISOString() ?? null,
      lastError: this.lastError,
      failuresInRow: this.failuresInRow,
      nextAttemptAt: this.nextAttemptAt && counts.pending > 0 && !this.paused ? new Date(this.nextAttemptAt).toISOString() : null,
      pending: counts.pending,
      delivered: counts.delivered,
      dead: counts.dead,
      shed: counts.shed,
      discarded: counts.discarded,
      recent: lanes.recentAttempts(lane, recent),
    };
  }

  private async loop(): Promise<void> {
    const { lanes, lane, clock, hook } = this.deps;
    const spacingMs = 1000 / hook.maxPerSecond;
    while (!this.closed) {
      if (this.paused) {
        this.nextAttemptAt = null;
        await this.sleep(null);
        continue;
      }
      if (this.window.length === 0) this.window = lanes.pendingAfter(lane, this.cursor, 100);
      const head = this.window[0];
      if (!head) {
        this.nextAttemptAt = null;
        await this.sleep(null);
        continue;
      }
      const now = clock.now().getTime();
      const notBefore = Math.max(head.nextAt, this.pausedUntil, this.lastSentAt + spacingMs);
      if (notBefore > now) {
        this.nextAttemptAt = notBefore;
        await this.sleep(notBefore - now);
        continue;
      }
      await this.attempt(head);
    }
  }

  private async attempt(head: LaneDelivery): Promise<void> {
    const { lanes, lane, clock, hook } = this.deps;
    const generation = this.generation;
    const settled = () => {
      if (generation !== this.generation) return;
      this.window.shift();
      this.cursor = head.seq;
    };
    const started = clock.now();
    this.lastSentAt = started.getTime();
    const t0 = performance.now();
    let status: number | null = null;
    let outcome: Outcome;
    try {
      outcome = await this.breaker.execute(async () => {
        const answer = await this.post(head, started);
        if ('status' in answer) status = answer.status;
        const result = classify(answer, head.attempts, clock.now().getTime());
        if (result.kind === 'retry') throw new RetryableFailure(result.error);
        return result;
      });
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        this.nextAttemptAt = this.breakerOpenedAt + hook.breaker.halfOpenAfterMs;
        await this.sleep(Math.max(0, this.nextAttemptAt - clock.now().getTime()));
        return;
      }
      outcome = { kind: 'retry', error: (error as Error).message };
    }
    if (this.closed && outcome.kind === 'retry') return; // shutdown aborted the request: not the receiver's failure
    const attempt = { at: started.toISOString(), status, latencyMs: performance.now() - t0 };
    switch (outcome.kind) {
      case 'delivered':
        lanes.delivered(lane, head, attempt);
        settled();
        this.failuresInRow = 0;
        this.lastError = null;
        this.lastOutcome = 'delivered';
        this.lastSuccessAt = clock.now();
        return;
      case 'dead':
        lanes.dead(lane, head, { ...attempt, error: outcome.error });
        settled();
        this.deps.log.warn({ lane, eventId: head.eventId, error: outcome.error }, 'webhook delivery dead-lettered');
        this.noteFailure(outcome.error);
        return;
      case 'pause':
        this.pausedUntil = outcome.untilMs;
        lanes.retry(lane, head, head.nextAt, { ...attempt, outcome: 'paused', error: outcome.error }, false);
        this.lastError = outcome.error;
        return;
      case 'retry': {
        this.noteFailure(outcome.error);
        const nextAt = clock.now().getTime() + backoffMs(this.failuresInRow, hook.retry);
        lanes.retry(lane, head, nextAt, { ...attempt, outcome: 'retry', error: outcome.error });
        head.attempts++;
        head.nextAt = nextAt;
        return;
      }
    }
  }

  private noteFailure(error: string): void {
    this.failuresInRow++;
    this.lastError = error;
    this.lastOutcome = 'failed';
  }

  private async post(head: LaneDelivery, at: Date): Promise<{ status: number; retryAfter?: string } | { error: string }> {
    const { hook, secrets, dispatcher } = this.deps;
    this.inFlight = new AbortController();
    try {
      const { request } = loadUndici();
      const response = await request(hook.url, {
        method: 'POST',
        dispatcher,
        signal: this.inFlight.signal,
        headersTimeout: hook.timeoutMs,
        bodyTimeout: hook.timeoutMs,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Floorgate-Webhooks',
          ...signatureHeaders({ id: head.eventId, timestamp: at, body: head.body, secrets }),
        },
        body: head.body,
      });
      await response.body.dump({ limit: 64 * 1024 });
      const retryAfter = response.headers['retry-after'];
      return { status: response.statusCode, ...(typeof retryAfter === 'string' ? { retryAfter } : {}) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { error: code ? `${code}: ${(error as Error).message}` : (error as Error).message };
    } finally {
      this.inFlight = null;
    }
  }

  /** Waits `ms` (null: until kicked); a kick or close ends the wait early. */
  private sleep(ms: number | null): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        if (this.timer) clearTimeout(this.timer);
        this.timer = null;
        this.wake = null;
        resolve();
      };
      this.wake = done;
      if (ms !== null) this.timer = setTimeout(done, ms);
    });
  }
}

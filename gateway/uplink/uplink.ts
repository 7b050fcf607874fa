import {
  BrokenCircuitError,
  circuitBreaker,
  ConsecutiveBreaker,
  ExponentialBackoff,
  fullJitterGenerator,
  handleWhen,
  type IBackoff,
} from 'cockatiel';
import { EventEmitter } from 'node:events';
import type { UplinkState } from '../../shared/status.js';
import type { Clock } from '../time/clock.js';
import type { Logger } from '../log.js';
import type { Outbox, PendingEvent, Settlement } from '../store/outbox.js';
import type { CallOutcome, CloudClient } from './cloud-client.js';
import { MAX_BATCH_BYTES, MAX_BATCH_EVENTS, type EventsBatchResponse } from './contract.js';

export type LinkState = Exclude<UplinkState, 'standalone'>;

export interface UplinkStatus {
  state: LinkState;
  lastSuccessAt: Date | null;
  lastError: string | null;
  /** Set while a Retry-After pause or a backoff is running: no request before this time. */
  nextAttemptAt: Date | null;
  consecutiveFailures: number;
}

export interface UplinkOptions {
  maxBatchEvents?: number;
  maxBatchBytes?: number;
  /** Full-jitter exponential backoff for transient failures (cloud-api.md: retry forever). */
  backoff?: { baseMs: number; capMs: number };
  /** Open the circuit after this many consecutive transient failures; probe again after `halfOpenAfterMs`. */
  breaker?: { failures: number; halfOpenAfterMs: number };
  /** While the key is refused, try it again this often (the cloud may re-enable it). */
  authRetryMs?: number;
  /** With nothing pending, look again this often even without a kick. */
  idleRecheckMs?: number;
}

export interface DrainResult {
  sent: number;
  delivered: number;
  rejected: number;
  /** The send failed as a whole; everything stays queued. */
  failed: boolean;
}

class TransientFailure extends Error {
  constructor(readonly outcome: Extract<CallOutcome<unknown>, { kind: 'transient' }>) {
    super(outcome.message);
  }
}

const eventJson = (e: PendingEvent) =>
  `{"eventId":"${e.eventId}","type":"${e.type}","occurredAt":"${new Date(e.occurredAt).toISOString()}","payload":${e.payloadJson}}`;

/** Takes events in order until the batch would pass the count or byte limit (always at least one). */
export function fitBatch(events: PendingEvent[], maxEvents: number, maxBytes: number): { batch: PendingEvent[]; body: string } {
  const parts: string[] = [];
  let bytes = '{"events":[]}'.length;
  for (const event of events) {
    if (parts.length >= maxEvents) break;
    const json = eventJson(event);
    const size = Buffer.byteLength(json) + (parts.length > 0 ? 1 : 0);
    if (bytes + size > maxBytes && parts.length > 0) break;
    bytes += size;
    parts.push(json);
  }
  return { batch: events.slice(0, parts.length), body: `{"events":[${parts.join(',')}]}` };
}

/**
 * Drains the outbox to the cloud's POST /events/batch. At most one request in flight.
 * - accepted / duplicate → delivered; rejected → dead letter with the cloud's reason;
 * - transient failures (network, timeout, 408/429/5xx) retry forever with full-jitter backoff, and a
 *   circuit breaker stops hammering a cloud that is down; the same eventIds go again;
 * - Retry-After pauses all sending until then and costs no attempt;
 * - 401/403 → auth_error: nothing is dropped, sending resumes when staff replace the key;
 * - the tier's rate limit is respected before sending, so a backlog drains at the ceiling unrefused.
 */
export class Uplink extends EventEmitter<{ state: [UplinkStatus]; drained: [DrainResult] }> {
  private status: UplinkStatus = { state: 'offline', lastSuccessAt: null, lastError: null, nextAttemptAt: null, consecutiveFailures: 0 };
  private running = false;
  private wake: (() => void) | null = null;
  private kickable = false;
  private loopDone: Promise<void> | null = null;
  private backoff: IBackoff<unknown> | undefined;
  private readonly backoffFactory: ExponentialBackoff<number>;
  private readonly breaker;
  private breakerOpenedAt = 0;
  private batchLimit: number;
  private readonly options: Required<UplinkOptions>;

  constructor(
    private readonly deps: { outbox: Outbox; client: CloudClient; clock: Clock; log: Logger },
    options: UplinkOptions = {},
  ) {
    super();
    this.options = {
      maxBatchEvents: options.maxBatchEvents ?? MAX_BATCH_EVENTS,
      maxBatchBytes: options.maxBatchBytes ?? MAX_BATCH_BYTES,
      backoff: options.backoff ?? { baseMs: 1_000, capMs: 300_000 },
      breaker: options.breaker ?? { failures: 5, halfOpenAfterMs: 30_000 },
      authRetryMs: options.authRetryMs ?? 300_000,
      idleRecheckMs: options.idleRecheckMs ?? 30_000,
    };
    this.batchLimit = this.options.maxBatchEvents;
    this.backoffFactory = new ExponentialBackoff({
      generator: fullJitterGenerator,
      initialDelay: this.options.backoff.baseMs,
      maxDelay: this.options.backoff.capMs,
    });
    this.breaker = circuitBreaker(
      handleWhen((error) => error instanceof TransientFailure),
      { halfOpenAfter: this.options.breaker.halfOpenAfterMs, breaker: new ConsecutiveBreaker(this.options.breaker.failures) },
    );
    this.breaker.onBreak(() => {
      this.breakerOpenedAt = Date.now();
    });
  }

  getStatus(): UplinkStatus {
    return { ...this.status };
  }

  isOnline(): boolean {
    return this.status.state === 'online';
  }

  /** Any call to the cloud (a pull, a check-in's WOD) tells us whether it is reachable and takes our key. */
  observe(outcome: CallOutcome<unknown>): void {
    if (outcome.kind === 'ok' && (this.status.state === 'offline' || this.status.state === 'auth_error')) {
      this.setStatus({ state: 'online', lastSuccessAt: this.deps.clock.now(), lastError: null, nextAttemptAt: null });
      this.wake?.();
    } else if (outcome.kind === 'auth' && this.status.state !== 'auth_error') {
      this.setStatus({ state: 'auth_error', lastError: outcome.message, nextAttemptAt: new Date(this.deps.clock.now().getTime() + this.options.authRetryMs) });
    }
  }

  /** Staff replaced the API key: use it and try at once. */
  replaceApiKey(key: string): void {
    this.deps.client.setApiKey(key);
    if (this.status.state === 'auth_error') this.setStatus({ state: 'offline', nextAttemptAt: null });
    this.wake?.();
  }

  /** Sends one batch if anything is pending and nothing forbids it now; settles the results. */
  async drainOnce(): Promise<DrainResult> {
    const { outbox, client, clock } = this.deps;
    const idle: DrainResult = { sent: 0, delivered: 0, rejected: 0, failed: false };
    const { batch, body } = fitBatch(outbox.pending(this.batchLimit), this.batchLimit, this.options.maxBatchBytes);
    if (batch.length === 0) return idle;

    let outcome: CallOutcome<EventsBatchResponse>;
    try {
      outcome = await this.breaker.execute(async () => {
        const result = await client.sendBatch(body, clock.now());
        // Retry-After is the cloud talking, not failing: it does not count toward the breaker.
        if (result.kind === 'transient' && result.retryAfterMs === undefined) throw new TransientFailure(result);
        return result;
      });
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        this.setStatus({ state: 'circuit_open', nextAttemptAt: new Date(this.breakerOpenedAt + this.options.breaker.halfOpenAfterMs) });
        return { ...idle, failed: true };
      }
      if (!(error instanceof TransientFailure)) throw error;
      outbox.recordFailedAttempt(batch.map((e) => e.seq), error.message, clock.now());
      this.backoff = (this.backoff ?? this.backoffFactory).next(undefined);
      const open = this.breaker.state === 1; // CircuitState.Open
      this.setStatus({
        state: open ? 'circuit_open' : 'offline',
        lastError: error.message,
        consecutiveFailures: this.status.consecutiveFailures + 1,
        nextAttemptAt: new Date(clock.now().getTime() + (open ? this.options.breaker.halfOpenAfterMs : this.backoff.duration)),
      });
      return { sent: batch.length, delivered: 0, rejected: 0, failed: true };
    }

    const now = clock.now();
    switch (outcome.kind) {
      case 'transient': // with Retry-After: pause everything until then; no attempt is counted
        this.setStatus({ state: 'rate_limited', lastError: outcome.message, nextAttemptAt: new Date(now.getTime() + outcome.retryAfterMs!) });
        return { sent: batch.length, delivered: 0, rejected: 0, failed: true };
      case 'auth':
        this.setStatus({ state: 'auth_error', lastError: outcome.message, nextAttemptAt: new Date(now.getTime() + this.options.authRetryMs) });
        return { sent: batch.length, delivered: 0, rejected: 0, failed: true };
      case 'permanent':
        return this.refused(batch, outcome.message, now);
      case 'ok':
        return this.settle(batch, outcome.value, now);
    }
  }

  /** Drains until the outbox is empty, something stops the sending (failure, pause, auth), or `keepGoing` says stop. */
  async drainAll(keepGoing: () => boolean = () => true): Promise<DrainResult> {
    const total: DrainResult = { sent: 0, delivered: 0, rejected: 0, failed: false };
    while (keepGoing()) {
      const result = await this.drainOnce();
      total.sent += result.sent;
      total.delivered += result.delivered;
      total.rejected += result.rejected;
      if (result.failed) return { ...total, failed: true };
      if (result.sent === 0) return total;
    }
    return total;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  /** Something new was journaled: send soon (never cuts a pause or a backoff short). */
  kick(): void {
    if (this.kickable) this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loopDone;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let result: DrainResult;
      try {
        result = await this.drainAll(() => this.running);
      } catch (error) {
        this.deps.log.error({ err: error }, 'uplink drain failed unexpectedly');
        result = { sent: 0, delivered: 0, rejected: 0, failed: true };
        this.setStatus({ state: 'offline', lastError: (error as Error).message, nextAttemptAt: new Date(this.deps.clock.now().getTime() + 5_000) });
      }
      this.emit('drained', result);
      if (!this.running) break;
      if (result.failed) {
        const until = this.status.nextAttemptAt?.getTime() ?? this.deps.clock.now().getTime() + 1_000;
        const delay = Math.max(0, until - this.deps.clock.now().getTime());
        this.deps.log.warn({ state: this.status.state, delayMs: delay, error: this.status.lastError }, 'uplink waiting; events stay queued');
        // A new key wakes an auth wait; nothing else shortens a pause.
        await this.sleep(delay, false);
      } else {
        await this.sleep(this.options.idleRecheckMs, true);
      }
    }
  }

  private settle(batch: PendingEvent[], response: EventsBatchResponse, now: Date): DrainResult {
    const byId = new Map(response.results.map((r) => [r.eventId, r]));
    const settlements: Settlement[] = [];
    let delivered = 0;
    let rejected = 0;
    for (const event of batch) {
      const result = byId.get(event.eventId);
      if (!result) continue; // not answered: stays pending, goes again with the same eventId
      if (result.status === 'rejected') {
        rejected++;
        const reason = result.error ? `${result.error.code}: ${result.error.message}` : 'rejected by the cloud';
        settlements.push({ seq: event.seq, type: event.type, outcome: 'dead', error: reason });
      } else {
        delivered++;
        settlements.push({ seq: event.seq, type: event.type, outcome: 'delivered' });
      }
    }
    this.deps.outbox.settle(settlements, now);
    this.backoff = undefined;
    this.batchLimit = Math.min(this.options.maxBatchEvents, this.batchLimit * 2);
    this.setStatus({ state: 'online', lastSuccessAt: now, lastError: null, nextAttemptAt: null, consecutiveFailures: 0 });
    // Answers that skipped events must not loop forever on an empty settle.
    return { sent: batch.length, delivered, rejected, failed: delivered + rejected === 0 };
  }

  /** The cloud refused the whole batch (400/413/422…): halve it until the bad event stands alone, then dead-letter it. */
  private refused(batch: PendingEvent[], message: string, now: Date): DrainResult {
    if (batch.length > 1) {
      this.batchLimit = Math.max(1, Math.ceil(batch.length / 2));
      this.setStatus({ state: 'online', lastError: message, nextAttemptAt: null });
      return { sent: batch.length, delivered: 0, rejected: 0, failed: false };
    }
    const event = batch[0]!;
    this.deps.outbox.settle([{ seq: event.seq, type: event.type, outcome: 'dead', error: message }], now);
    this.setStatus({ state: 'online', lastError: message, nextAttemptAt: null });
    return { sent: 1, delivered: 0, rejected: 1, failed: false };
  }

  private setStatus(change: Partial<UplinkStatus>): void {
    const before = this.status.state;
    this.status = { ...this.status, ...change };
    if (change.state && change.state !== before) this.deps.log.info({ from: before, to: change.state }, 'uplink state');
    this.emit('state', this.getStatus());
  }

  private sleep(ms: number, kickable: boolean): Promise<void> {
    this.kickable = kickable;
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wake = null;
        self.kickable = false;
        resolve();
      }
      this.wake = done;
    });
  }
}

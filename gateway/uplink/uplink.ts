import type { UplinkState } from '../../shared/status.js';
import type { Clock } from '../domain/clock.js';
import type { Logger } from '../log.js';
import type { JournalEntry } from '../store/journal.js';
import type { Outbox } from '../store/outbox.js';
import type { CloudClient } from './cloud-client.js';
import { MAX_BATCH_BYTES, MAX_BATCH_EVENTS, type OutboundEvent } from './contract.js';

export interface UplinkStatus {
  state: UplinkState;
  lastSuccessAt: Date | null;
  lastError: string | null;
}

export interface DrainResult {
  sent: number;
  delivered: number;
  rejected: number;
  /** The send failed as a whole; everything stays queued. */
  failed: boolean;
}

function toOutbound(entry: JournalEntry): OutboundEvent {
  return {
    eventId: entry.eventId,
    type: entry.type,
    occurredAt: entry.occurredAt.toISOString(),
    payload: entry.payload,
  };
}

/** Takes events in order until the batch would pass the count or byte limit. */
export function fitBatch(entries: JournalEntry[], maxEvents: number, maxBytes: number): JournalEntry[] {
  const envelope = '{"events":[]}'.length;
  let bytes = envelope;
  const batch: JournalEntry[] = [];
  for (const entry of entries) {
    if (batch.length >= maxEvents) break;
    const size = Buffer.byteLength(JSON.stringify(toOutbound(entry))) + (batch.length > 0 ? 1 : 0);
    if (bytes + size > maxBytes && batch.length > 0) break;
    bytes += size;
    batch.push(entry);
  }
  return batch;
}

/**
 * Drains the outbox to the cloud's POST /events/batch. Per-event results settle each event:
 * accepted or duplicate → delivered, rejected → dead letter with the cloud's reason.
 * First cut: a simple capped backoff between failed sends (the full retry policy is its own piece).
 */
export class Uplink {
  private status: UplinkStatus = { state: 'offline', lastSuccessAt: null, lastError: null };
  private running = false;
  private wake: (() => void) | null = null;
  private kickable = false;
  private loopDone: Promise<void> | null = null;
  private failures = 0;

  constructor(
    private readonly deps: {
      outbox: Outbox;
      client: CloudClient;
      clock: Clock;
      log: Logger;
      maxBatchEvents?: number;
      maxBatchBytes?: number;
    },
  ) {}

  getStatus(): UplinkStatus {
    return { ...this.status };
  }

  isOnline(): boolean {
    return this.status.state === 'online';
  }

  /** Sends one batch, if anything is pending. */
  async drainOnce(): Promise<DrainResult> {
    const { outbox, client, clock } = this.deps;
    const maxEvents = this.deps.maxBatchEvents ?? MAX_BATCH_EVENTS;
    const batch = fitBatch(outbox.pending(maxEvents), maxEvents, this.deps.maxBatchBytes ?? MAX_BATCH_BYTES);
    if (batch.length === 0) return { sent: 0, delivered: 0, rejected: 0, failed: false };

    const outcome = await client.sendBatch({ events: batch.map(toOutbound) }, clock.now());
    const now = clock.now();
    if (outcome.kind !== 'ok') {
      outbox.recordFailedAttempt(batch.map((e) => e.seq), outcome.message, now);
      this.status = {
        ...this.status,
        state: outcome.kind === 'auth' ? 'auth_error' : 'offline',
        lastError: outcome.message,
      };
      return { sent: batch.length, delivered: 0, rejected: 0, failed: true };
    }

    const bySeqId = new Map(outcome.response.results.map((r) => [r.eventId, r]));
    let delivered = 0;
    let rejected = 0;
    const settled: Parameters<Outbox['settle']>[0] = [];
    for (const entry of batch) {
      const result = bySeqId.get(entry.eventId);
      if (!result) continue; // not answered: stays pending and goes again with the same eventId
      if (result.status === 'rejected') {
        rejected++;
        const reason = result.error ? `${result.error.code}: ${result.error.message}` : 'rejected by the cloud';
        settled.push({ seq: entry.seq, outcome: 'dead', error: reason });
      } else {
        delivered++;
        settled.push({ seq: entry.seq, outcome: 'delivered' });
      }
    }
    outbox.settle(settled, now);
    this.status = { state: 'online', lastSuccessAt: now, lastError: null };
    return { sent: batch.length, delivered, rejected, failed: false };
  }

  /** Drains until the outbox is empty or a send fails. */
  async drainAll(): Promise<DrainResult> {
    const total: DrainResult = { sent: 0, delivered: 0, rejected: 0, failed: false };
    for (;;) {
      const result = await this.drainOnce();
      total.sent += result.sent;
      total.delivered += result.delivered;
      total.rejected += result.rejected;
      if (result.failed) return { ...total, failed: true };
      if (result.sent === 0 || result.delivered + result.rejected === 0) return total;
    }
  }

  /** Runs in the background: drains whenever kicked, retries failed sends with capped backoff. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  /** Something new was journaled: send soon. */
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
        result = await this.drainAll();
      } catch (error) {
        this.deps.log.error({ err: error }, 'uplink drain failed');
        result = { sent: 0, delivered: 0, rejected: 0, failed: true };
      }
      if (!this.running) break;
      if (result.failed) {
        this.failures++;
        const delay = Math.min(1000 * 2 ** (this.failures - 1), 60_000);
        this.deps.log.warn({ delayMs: delay, error: this.status.lastError }, 'cloud unreachable; events stay queued');
        await this.sleep(delay, false); // a new event must not cut a backoff short
      } else {
        this.failures = 0;
        // Nothing pending: wait for a kick, and look again now and then in case one was missed.
        await this.sleep(30_000, true);
      }
    }
  }

  private sleep(ms: number, kickable: boolean): Promise<void> {
    this.kickable = kickable;
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

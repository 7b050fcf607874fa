import type { FloorFact } from '../../shared/floor.js';
import type { Logger } from '../log.js';
import type { Journal } from '../store/journal.js';
import type { LaneDelivery, Lanes } from '../store/lanes.js';
import type { Clock } from '../time/clock.js';
import type { MqttLink } from './mqtt-link.js';
import { floorFactOf, type NameOf } from './outgoing.js';

/** The outbox lane of the floor mesh (beside the cloud's outbox and the webhooks' lanes). */
export const FLOOR_LANE = 'floor';

/**
 * Queues each `check_in` and `equipment_session` fact this box captures on lane `floor`, inside the fact's own
 * transaction (so a box cut off from the broker tells the floor what it missed). Returns the remover.
 */
export function routeFactsToFloor(deps: { journal: Journal; lanes: Lanes; boxId: string; nameOf: NameOf; queued: () => void }): () => void {
  let kickScheduled = false;
  return deps.journal.addRouter((entry) => {
    const fact = floorFactOf(entry, deps.boxId, deps.nameOf);
    if (!fact) return;
    deps.lanes.enqueue(FLOOR_LANE, { seq: entry.seq, eventId: entry.eventId, eventType: fact.type, body: JSON.stringify(fact) });
    if (kickScheduled) return;
    kickScheduled = true;
    setImmediate(() => {
      kickScheduled = false;
      deps.queued();
    });
  });
}

export interface FactSenderDeps {
  lanes: Lanes;
  link: MqttLink;
  clock: Clock;
  log: Logger;
  factsTopic: string;
  /** After the broker took a fact: its public twin (admission, finished session). */
  published: (fact: FloorFact) => Promise<void>;
  /** Pending count changed (the floor view shows it). */
  settled: () => void;
}

/**
 * Publishes the lane in journal order, QoS 1, one at a time, while connected; a fact is settled on the broker's
 * PUBACK. The link dropping mid-way leaves the fact pending: it goes again after the reconnect (receivers dedupe).
 */
export class FactSender {
  private closed = false;
  private running: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private cursor = 0;
  private window: LaneDelivery[] = [];

  constructor(private readonly deps: FactSenderDeps) {}

  start(): void {
    this.running ??= this.loop().catch((error: unknown) => this.deps.log.error({ err: error }, 'floor lane stopped'));
  }

  kick(): void {
    this.wake?.();
  }

  /** Stops taking the next fact; `finished` resolves once the one in flight is settled or failed (end the link to hurry it). */
  stop(): { finished: Promise<void> } {
    this.closed = true;
    this.wake?.();
    this.deps.link.wakeAll();
    return { finished: this.running ?? Promise.resolve() };
  }

  private async loop(): Promise<void> {
    const { lanes, link, clock } = this.deps;
    while (!this.closed) {
      if (!link.connected) {
        await link.untilReady();
        continue;
      }
      if (this.window.length === 0) this.window = lanes.pendingAfter(FLOOR_LANE, this.cursor, 100);
      const head = this.window[0];
      if (!head) {
        await this.sleep(null);
        continue;
      }
      const started = clock.now();
      const t0 = performance.now();
      try {
        await link.publishAcked(this.deps.factsTopic, head.body);
      } catch (error) {
        const attempt = { at: started.toISOString(), status: null, latencyMs: performance.now() - t0 };
        lanes.retry(FLOOR_LANE, head, 0, { ...attempt, outcome: 'retry', error: (error as Error).message });
        await this.sleep(link.connected ? 1_000 : 0);
        continue;
      }
      lanes.delivered(FLOOR_LANE, head, { at: started.toISOString(), status: null, latencyMs: performance.now() - t0 });
      this.window.shift();
      this.cursor = head.seq;
      this.deps.settled();
      try {
        await this.deps.published(JSON.parse(head.body) as FloorFact);
      } catch {
        // The public twin is best effort: integrations read the retained occupancy and machine state too.
      }
    }
  }

  private sleep(ms: number | null): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = ms === null ? null : setTimeout(done, ms);
      function done() {
        if (timer) clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }
}

/**
 * Model-based test of the outbox state machine over a real SQLite file: random sequences of
 * enqueue, drain (accepted / rejected / failed), crash + restart, and staff requeue. After every
 * step the real outbox must agree with a simple model: what is pending (in send order), delivered,
 * dead — and the counters add up.
 */
import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../gateway/store/database.js';
import { Journal, PRIORITY, type OutboundEventType as EventType } from '../../gateway/store/journal.js';
import { Outbox } from '../../gateway/store/outbox.js';

interface Model {
  pending: Array<{ id: string; type: EventType; seq: number }>;
  delivered: Set<string>;
  dead: Set<string>;
}

class Real {
  db!: Db;
  outbox!: Outbox;
  journal!: Journal;
  constructor(private readonly dir: string) {
    this.open();
  }
  open() {
    this.db = openDatabase(this.dir).db;
    this.outbox = new Outbox(this.db);
    this.journal = new Journal(this.db);
  }
  /** A crash: the process is gone; only what was committed survives. */
  crash() {
    this.db.close();
    this.open();
  }
}

const sendOrder = (m: Model) => [...m.pending].sort((a, b) => PRIORITY[a.type] - PRIORITY[b.type] || a.seq - b.seq);

type Command = fc.Command<Model, Real>;

class Enqueue implements Command {
  constructor(readonly type: EventType, readonly buffered: boolean) {}
  check = () => true;
  run(m: Model, r: Real) {
    const fact = { type: this.type, occurredAt: new Date(), payload: { n: m.pending.length } };
    let entry;
    if (this.buffered) {
      void r.journal.appendBuffered(fact);
      r.journal.flush(); // the group commit happens here
      entry = r.db.prepare('SELECT seq, event_id AS eventId FROM journal ORDER BY seq DESC LIMIT 1').get() as { seq: number; eventId: string };
    } else {
      entry = r.journal.append(fact);
    }
    m.pending.push({ id: entry.eventId, type: this.type, seq: entry.seq });
  }
  toString = () => `enqueue(${this.type}${this.buffered ? ', buffered' : ''})`;
}

class Drain implements Command {
  constructor(readonly n: number, readonly outcome: 'accepted' | 'rejected' | 'failed') {}
  check = () => true;
  run(m: Model, r: Real) {
    const batch = r.outbox.pending(this.n);
    expect(batch.map((e) => e.eventId)).toEqual(sendOrder(m).slice(0, this.n).map((e) => e.id));
    if (this.outcome === 'failed') {
      r.outbox.recordFailedAttempt(batch.map((e) => e.seq), 'down', new Date());
      return;
    }
    r.outbox.settle(
      batch.map((e) =>
        this.outcome === 'accepted' ? { seq: e.seq, type: e.type, outcome: 'delivered' as const } : { seq: e.seq, type: e.type, outcome: 'dead' as const, error: 'no' },
      ),
      new Date(),
    );
    for (const e of batch) {
      m.pending = m.pending.filter((p) => p.id !== e.eventId);
      (this.outcome === 'accepted' ? m.delivered : m.dead).add(e.eventId);
    }
  }
  toString = () => `drain(${this.n}, ${this.outcome})`;
}

class Crash implements Command {
  check = () => true;
  run(_: Model, r: Real) {
    r.crash();
  }
  toString = () => 'crash+restart';
}

class RequeueDead implements Command {
  check = (m: Readonly<Model>) => m.dead.size > 0;
  run(m: Model, r: Real) {
    const revived = r.db
      .prepare("SELECT j.seq, j.event_id AS id, j.type FROM outbox o JOIN journal j ON j.seq = o.seq WHERE o.state = 'dead'")
      .all() as Array<{ seq: number; id: string; type: EventType }>;
    expect(r.outbox.requeue('all', new Date())).toBe(m.dead.size);
    for (const e of revived) m.pending.push(e);
    m.dead.clear();
  }
  toString = () => 'requeue(all)';
}

function invariants(m: Model, r: Real) {
  expect(r.outbox.pending(10_000).map((e) => e.eventId)).toEqual(sendOrder(m).map((e) => e.id));
  const stats = r.outbox.stats();
  expect(stats.depth).toBe(m.pending.length);
  expect(stats.deadLetters).toBe(m.dead.size);
  const sum = (rec: Record<string, number>) => Object.values(rec).reduce((a, b) => a + b, 0);
  expect(sum(stats.delivered)).toBe(m.delivered.size);
  expect(sum(stats.produced)).toBe(m.pending.length + m.delivered.size + m.dead.size);
  // Status reads counters and one indexed row per type; they must agree with a scan of the rows.
  for (const type of ['check_in', 'equipment_session', 'device_status'] as const) {
    const mine = m.pending.filter((e) => e.type === type);
    const first = r.db
      .prepare("SELECT j.occurred_at FROM outbox o JOIN journal j ON j.seq = o.seq WHERE o.state = 'pending' AND j.type = ? ORDER BY o.seq LIMIT 1")
      .pluck()
      .get(type) as number | undefined;
    expect(stats.byType[type]).toEqual(mine.length === 0 ? undefined : { depth: mine.length, oldestAt: new Date(first!).toISOString() });
  }
  const scannedBytes = r.db
    .prepare("SELECT coalesce(sum(length(CAST(j.payload AS BLOB))), 0) FROM outbox o JOIN journal j ON j.seq = o.seq WHERE o.state = 'pending' AND j.type <> 'check_in'")
    .pluck()
    .get() as number;
  expect(stats.pendingTelemetryBytes).toBe(scannedBytes);
}

describe('outbox state machine', () => {
  it('agrees with its model through any sequence of enqueue, drain, failure, crash and requeue', () => {
    const type = fc.constantFrom<EventType>('check_in', 'equipment_session', 'device_status');
    const commands = [
      fc.tuple(type, fc.boolean()).map(([t, b]) => new Enqueue(t, b)),
      fc.tuple(fc.integer({ min: 1, max: 5 }), fc.constantFrom('accepted' as const, 'rejected' as const, 'failed' as const)).map(([n, o]) => new Drain(n, o)),
      fc.constant(new Crash()),
      fc.constant(new RequeueDead()),
    ];
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 40 }), (cmds) => {
        const dir = mkdtempSync(path.join(tmpdir(), 'floorgate-model-'));
        const real = new Real(dir);
        const model: Model = { pending: [], delivered: new Set(), dead: new Set() };
        try {
          fc.modelRun(() => ({ model, real }), [...cmds].map((c) => wrap(c)));
        } finally {
          real.db.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});

/** Checks the invariants after every command. */
function wrap(command: Command): Command {
  return {
    check: (m) => command.check(m),
    run: (m, r) => {
      command.run(m, r);
      invariants(m, r);
    },
    toString: () => command.toString(),
  };
}

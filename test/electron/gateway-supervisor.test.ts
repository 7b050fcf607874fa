/**
 * The supervisor's decisions on a virtual clock: waits advance the clock instead of taking time,
 * health answers and exits are scripted. (supervisor-real-process.test.ts runs it against real
 * child processes.)
 */
import { describe, expect, it, vi } from 'vitest';
import type { GatewayExit, GatewayHandle } from '../../electron/gateway-process.js';
import { GatewaySupervisor, type SupervisorEvent } from '../../electron/gateway-supervisor.js';

interface FakeGateway extends GatewayHandle {
  exit(exit?: GatewayExit): void;
  stop: ReturnType<typeof vi.fn<() => Promise<void>>>;
}

function fakeGateway(mode: GatewayHandle['mode'], pid: number): FakeGateway {
  let settle: (exit: GatewayExit) => void = () => {};
  const exited = new Promise<GatewayExit>((resolve) => (settle = resolve));
  const gateway: FakeGateway = {
    mode,
    port: 8080,
    origin: 'http://127.0.0.1:8080',
    pid,
    logFile: mode === 'started' ? '/data/gateway.log' : undefined,
    exited,
    exit: (exit = { code: 1, signal: null }) => settle(exit),
    stop: vi.fn(async () => {
      if (mode === 'started') settle({ code: null, signal: 'SIGTERM' });
    }),
  };
  return gateway;
}

/**
 * A world where each health check is the next answer of `health` (true = 200), and each (re)start
 * is the next entry of `starts` (a gateway, or an error). The run ends when a script runs out.
 */
function world(options: {
  starts: Array<FakeGateway | Error>;
  health: Array<boolean | ((gateway: FakeGateway) => boolean)>;
  supervisor?: ConstructorParameters<typeof GatewaySupervisor>[1];
}) {
  let clock = 0;
  const events: SupervisorEvent[] = [];
  const waits: number[] = [];
  const starts = [...options.starts];
  const health = [...options.health];
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => (done = resolve));
  let current: FakeGateway | undefined;

  const supervisor: GatewaySupervisor = new GatewaySupervisor(
    {
      ensure: vi.fn(async () => {
        const next = starts.shift();
        if (!next) {
          done();
          throw new Error('script: no more starts');
        }
        if (next instanceof Error) throw next;
        current = next;
        return next;
      }),
      probe: vi.fn(async () => {
        const answer = health.shift();
        if (answer === undefined) {
          done();
          return true;
        }
        return typeof answer === 'function' ? answer(current!) : answer;
      }),
      sleep: vi.fn(async (ms: number, signal: AbortSignal) => {
        waits.push(ms);
        if (!signal.aborted) clock += ms;
        // Let other promise chains (an exit) run, as they would while a real timer waits.
        await new Promise((resolve) => setImmediate(resolve));
      }),
      now: () => clock,
      log: vi.fn(),
      rotateLog: vi.fn(),
      onEvent: (event) => events.push(event),
    },
    { healthIntervalMs: 10_000, unhealthyAfter: 3, backoffInitialMs: 1_000, backoffMaxMs: 8_000, stableAfterMs: 60_000, ...options.supervisor },
  );

  return {
    supervisor,
    events,
    waits,
    /** Starts, runs until a script runs out, then stops. */
    async run() {
      await supervisor.start();
      await finished;
      await supervisor.stop();
    },
    restartDelays: () => events.flatMap((e) => (e.type === 'restarting' ? [e.delayMs] : [])),
  };
}

describe('GatewaySupervisor', () => {
  it('leaves a healthy gateway alone', async () => {
    const gateway = fakeGateway('started', 1);
    const w = world({ starts: [gateway], health: [true, true, true, true, true] });
    await w.run();
    expect(w.restartDelays()).toEqual([]);
    expect(w.events).toEqual([]);
    // Checked every health interval; stopped only by stop() at the end.
    expect(w.waits.slice(0, 5)).toEqual([10_000, 10_000, 10_000, 10_000, 10_000]);
    expect(gateway.stop).toHaveBeenCalledTimes(1);
  });

  it('tolerates fewer failed checks than the limit', async () => {
    const gateway = fakeGateway('started', 1);
    const w = world({ starts: [gateway], health: [false, false, true, false, false, true] });
    await w.run();
    expect(w.restartDelays()).toEqual([]);
    expect(w.events.filter((e) => e.type === 'healthy-again')).toHaveLength(2);
  });

  it('replaces a gateway that stops answering, stopping what is left of it first', async () => {
    const first = fakeGateway('started', 1);
    const second = fakeGateway('started', 2);
    const w = world({ starts: [first, second], health: [true, false, false, false, true] });
    await w.run();
    expect(first.stop).toHaveBeenCalled();
    expect(w.events).toContainEqual(expect.objectContaining({ type: 'restarting', delayMs: 1_000, attempt: 1 }));
    expect(w.events).toContainEqual({ type: 'restarted', gateway: second });
    expect(w.supervisor.current).toBe(second);
  });

  it('restarts a gateway that exits, waiting longer after each quick failure, up to the cap', async () => {
    const gateways = [1, 2, 3, 4, 5, 6].map((pid) => fakeGateway('started', pid));
    const dieAfterOneCheck = (g: FakeGateway) => (g.exit(), true);
    const w = world({ starts: gateways, health: Array(5).fill(dieAfterOneCheck) });
    await w.run();
    expect(w.restartDelays()).toEqual([1_000, 2_000, 4_000, 8_000, 8_000]);
  });

  it('keeps trying with backoff while the gateway cannot be started', async () => {
    const first = fakeGateway('started', 1);
    const w = world({
      starts: [first, new Error('exited (code 1)'), new Error('exited (code 1)'), fakeGateway('started', 2)],
      health: [(g) => (g.exit(), true), true, true],
    });
    await w.run();
    expect(w.restartDelays()).toEqual([1_000, 2_000, 4_000]);
    expect(w.events.filter((e) => e.type === 'restart-failed')).toHaveLength(2);
    expect(w.events.at(-1)).toMatchObject({ type: 'restarted' });
  });

  it('starts the backoff over once the gateway has been healthy for a while', async () => {
    const gateways = [1, 2, 3].map((pid) => fakeGateway('started', pid));
    const exitNow = (g: FakeGateway) => (g.exit(), true);
    // 7 healthy checks 10 s apart = 70 s > 60 s stable: the next failure waits 1 s again, not 2 s.
    const w = world({ starts: gateways, health: [exitNow, ...Array(7).fill(true), exitNow] });
    await w.run();
    expect(w.restartDelays()).toEqual([1_000, 1_000]);
  });

  it('never replaces a gateway it attached to, however long it is gone', async () => {
    const attached = fakeGateway('attached', 0);
    const w = world({ starts: [attached, fakeGateway('started', 9)], health: Array(10).fill(false) });
    await w.run();
    expect(w.restartDelays()).toEqual([]);
    expect(w.events.filter((e) => e.type === 'unhealthy')).toHaveLength(10);
    expect(w.supervisor.current).toBe(attached);
  });

  it('rotates the log of a gateway it started on every check', async () => {
    const gateway = fakeGateway('started', 1);
    const rotate = vi.fn();
    const supervisor = new GatewaySupervisor(
      {
        ensure: async () => gateway,
        probe: async () => {
          if (rotate.mock.calls.length >= 3) void supervisor.stop();
          return true;
        },
        sleep: async () => {},
        now: () => 0,
        log: () => {},
        rotateLog: rotate,
      },
      { healthIntervalMs: 1 },
    );
    await supervisor.start();
    await vi.waitFor(() => expect(gateway.stop).toHaveBeenCalled());
    expect(rotate).toHaveBeenCalledWith('/data/gateway.log');
  });
});

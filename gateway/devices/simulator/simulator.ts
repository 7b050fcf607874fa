import type { EquipmentKind, EquipmentMetrics } from '../../../shared/equipment.js';
import type { DeviceStatus } from '../../../shared/status.js';
import type { DeviceAdapter, DeviceSink } from '../types.js';
import { between, seededRandom } from './random.js';

export interface SimulatorOptions {
  seed: number;
  tapsPerMinute: number;
  rowers: number;
  bikes: number;
  heartRateStraps: number;
  readingHz: number;
  /** Badges the simulator taps at the entrance (demo members). */
  badges: string[];
  /** Member ids that use the virtual machines. */
  athletes: string[];
}

interface VirtualMachine {
  id: string;
  name: string;
  kind: EquipmentKind;
  /** When the current workout or rest ends (in ticks). */
  phaseTicksLeft: number;
  memberId: string | null;
  intensity: number;
  distanceM: number;
  elapsedS: number;
  energyKcal: number;
}

/**
 * A built-in floor: members tapping in at the entrance, rowers, bikes and heart-rate straps streaming.
 * It is an adapter like any other, so the demo runs the real pipeline. Values come from a seeded
 * generator: the same seed gives the same sequence of taps and readings.
 */
export class Simulator implements DeviceAdapter {
  readonly id = 'simulator';
  private readonly random: () => number;
  private readonly machines: VirtualMachine[] = [];
  private timers: NodeJS.Timeout[] = [];
  private running = false;

  constructor(private readonly options: SimulatorOptions) {
    this.random = seededRandom(options.seed);
    const add = (kind: EquipmentKind, prefix: string, label: string, n: number) => {
      for (let i = 1; i <= n; i++) {
        this.machines.push({
          id: `sim-${prefix}-${i}`,
          name: `${label} ${i}`,
          kind,
          phaseTicksLeft: 0,
          memberId: null,
          intensity: 0,
          distanceM: 0,
          elapsedS: 0,
          energyKcal: 0,
        });
      }
    };
    add('rower', 'rower', 'Rower', options.rowers);
    add('bike', 'bike', 'Bike', options.bikes);
    add('hr_strap', 'hr', 'HR strap', options.heartRateStraps);
  }

  async start(sink: DeviceSink): Promise<void> {
    this.running = true;
    if (this.machines.length > 0) {
      const every = 1000 / this.options.readingHz;
      const tick = setInterval(() => this.tick(sink, every / 1000), every);
      tick.unref();
      this.timers.push(tick);
    }
    if (this.options.tapsPerMinute > 0 && this.options.badges.length > 0) this.scheduleTap(sink);
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
  }

  status(): DeviceStatus[] {
    return [
      {
        id: this.id,
        kind: 'simulator',
        name: `Simulator (${this.machines.length} machines, seed ${this.options.seed})`,
        state: this.running ? 'ok' : 'disconnected',
      },
    ];
  }

  private scheduleTap(sink: DeviceSink): void {
    // Exponential gaps: taps arrive like people do, not like a metronome.
    const meanMs = 60_000 / this.options.tapsPerMinute;
    const delay = -Math.log(1 - this.random()) * meanMs;
    const timer = setTimeout(() => {
      this.timers = this.timers.filter((t) => t !== timer);
      if (!this.running) return;
      const badges = this.options.badges;
      const badge = badges[Math.floor(this.random() * badges.length)]!;
      sink.badge({ badge, method: 'badge', source: 'simulator' });
      this.scheduleTap(sink);
    }, delay);
    timer.unref();
    this.timers.push(timer);
  }

  private tick(sink: DeviceSink, dtS: number): void {
    const now = new Date();
    for (const machine of this.machines) {
      this.advance(machine, dtS);
      sink.reading({
        equipmentId: machine.id,
        name: machine.name,
        kind: machine.kind,
        at: now,
        metrics: this.metrics(machine),
        memberId: machine.memberId,
      });
    }
  }

  /** Alternates rest and workouts; a workout picks an athlete and an effort level. */
  private advance(machine: VirtualMachine, dtS: number): void {
    machine.phaseTicksLeft -= 1;
    if (machine.phaseTicksLeft <= 0) {
      // One machine (and one strap) per athlete at a time: who is busy cannot start another workout.
      const isStrap = machine.kind === 'hr_strap';
      const busy = new Set(this.machines.filter((m) => (m.kind === 'hr_strap') === isStrap).map((m) => m.memberId));
      const free = this.options.athletes.filter((id) => !busy.has(id));
      const startWorkout = machine.memberId === null && this.random() < 0.75;
      const hz = this.options.readingHz;
      if (startWorkout && free.length > 0) {
        machine.memberId = free[Math.floor(this.random() * free.length)]!;
        machine.intensity = between(this.random, 0.55, 1);
        machine.distanceM = 0;
        machine.elapsedS = 0;
        machine.energyKcal = 0;
        machine.phaseTicksLeft = Math.round(between(this.random, 120, 480) * hz);
      } else {
        machine.memberId = null;
        machine.intensity = 0;
        machine.phaseTicksLeft = Math.round(between(this.random, 20, 90) * hz);
      }
    }
    if (machine.memberId !== null) machine.elapsedS += dtS;
  }

  private metrics(machine: VirtualMachine): EquipmentMetrics {
    const jitter = () => between(this.random, -1, 1);
    const effort = machine.intensity;
    if (machine.memberId === null) {
      return machine.kind === 'hr_strap' ? {} : { powerW: 0, distanceM: 0, elapsedS: 0 };
    }
    const elapsedS = Math.round(machine.elapsedS);
    switch (machine.kind) {
      case 'rower': {
        const pace = 150 - effort * 40 + jitter() * 3; // s per 500 m
        const speed = 500 / pace;
        machine.distanceM += speed / this.options.readingHz;
        const powerW = 2.8 * speed ** 3; // Concept2's watts-from-pace relation
        machine.energyKcal += (powerW * 4 + 300) / 4184 / this.options.readingHz;
        return {
          paceSecPer500m: round(pace, 1),
          speedMps: round(speed, 2),
          powerW: Math.round(powerW),
          strokeRateSpm: Math.round(22 + effort * 8 + jitter()),
          heartRateBpm: Math.round(120 + effort * 50 + jitter() * 2),
          distanceM: Math.round(machine.distanceM),
          elapsedS,
          energyKcal: Math.round(machine.energyKcal),
        };
      }
      case 'bike': {
        const powerW = 100 + effort * 180 + jitter() * 10;
        const speed = 6 + effort * 5 + jitter() * 0.2;
        machine.distanceM += speed / this.options.readingHz;
        machine.energyKcal += (powerW * 4 + 300) / 4184 / this.options.readingHz;
        return {
          powerW: Math.round(powerW),
          cadenceRpm: Math.round(70 + effort * 25 + jitter() * 2),
          speedMps: round(speed, 2),
          heartRateBpm: Math.round(115 + effort * 50 + jitter() * 2),
          distanceM: Math.round(machine.distanceM),
          elapsedS,
          energyKcal: Math.round(machine.energyKcal),
        };
      }
      default:
        return { heartRateBpm: Math.round(100 + effort * 70 + jitter() * 3) };
    }
  }
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

import type { EquipmentKind, EquipmentMetrics } from '../../shared/equipment.js';
import type { SessionSummary } from '../../shared/sessions.js';
import type { EquipmentReading } from '../devices/types.js';

/**
 * Sessions detect themselves: per machine, a session starts with the first reading that shows movement and ends
 * once the machine has shown none for `idleTimeoutMs`; it ends at its last movement, so the idle tail is not
 * counted. Pure and clocked: time comes from the readings and from `tick(now)`; there are no timers in here.
 */
export interface DetectorOptions {
  idleTimeoutMs: number;
  /** Shorter sessions are discarded: a bumped flywheel is not a workout. */
  minDurationMs: number;
}

/** One second of a session: instantaneous figures averaged over the second, running totals at its end. */
export interface SessionSample extends Pick<EquipmentMetrics, Instant> {
  /** Seconds since the session started. */
  t: number;
  /** Session distance so far. */
  distanceM: number;
  /** Session energy so far, when the machine reports energy. */
  energyKcal?: number;
}

export interface DetectedSession {
  equipmentId: string;
  equipmentName: string;
  equipmentType: EquipmentKind;
  memberId: string | null;
  startedAt: Date;
  endedAt: Date;
  summary: SessionSummary;
  samples: SessionSample[];
}

export type DetectorEvent =
  | { type: 'started'; equipmentId: string; at: Date; memberId: string | null }
  | { type: 'ended'; session: DetectedSession }
  | { type: 'discarded'; equipmentId: string; startedAt: Date; endedAt: Date };

const INSTANT = ['powerW', 'cadenceRpm', 'strokeRateSpm', 'speedMps', 'paceSecPer500m', 'heartRateBpm'] as const;
type Instant = (typeof INSTANT)[number];

/** Longest gap between two readings over which speed is integrated into distance. */
const MAX_INTEGRATION_GAP_MS = 5_000;

class Mean {
  sum = 0;
  n = 0;
  max = Number.NEGATIVE_INFINITY;
  add(value: number): void {
    this.sum += value;
    this.n++;
    if (value > this.max) this.max = value;
  }
  mean(digits: number): number | null {
    return this.n === 0 ? null : round(this.sum / this.n, digits);
  }
  maximum(): number | null {
    return this.n === 0 ? null : this.max;
  }
}

interface Bucket {
  t: number;
  sums: Partial<Record<Instant, Mean>>;
  distanceM: number;
  energyKcal?: number;
}

interface Active {
  equipmentId: string;
  equipmentName: string;
  kind: EquipmentKind;
  memberId: string | null;
  startedAt: number;
  lastMovementAt: number;
  lastReadingAt: number;
  distanceM: number;
  energyKcal: number | null;
  /** Work time from the machine's own clock, when it reports one; null: the wall clock times the session. */
  elapsedS: number | null;
  elapsedAtLastMovementS: number | null;
  power: Mean;
  heartRate: Mean;
  /** Heart rate since the last movement: it counts once the member moves again, not if the session ends. */
  heartRateSinceMovement: number[];
  strokeRate: Mean;
  cadence: Mean;
  samples: SessionSample[];
  bucket: Bucket | null;
}

interface MachineState {
  /** Last cumulative figures the machine reported, session or not: deltas are counted from them. */
  lastDistanceM?: number;
  lastEnergyKcal?: number;
  lastElapsedS?: number;
  lastAt?: number;
  everReportedDistance: boolean;
  session: Active | null;
}

export function isMoving(metrics: EquipmentMetrics): boolean {
  return (metrics.powerW ?? 0) > 0 || (metrics.cadenceRpm ?? 0) > 0 || (metrics.strokeRateSpm ?? 0) > 0 || (metrics.speedMps ?? 0) > 0;
}

const STROKE_KINDS: ReadonlySet<EquipmentKind> = new Set(['rower', 'ski']);

export class SessionDetector {
  private readonly machines = new Map<string, MachineState>();

  constructor(private readonly options: DetectorOptions) {}

  /** Feeds one machine reading (heart-rate straps are not machines: see `addHeartRate`). */
  ingest(reading: EquipmentReading): DetectorEvent[] {
    const events: DetectorEvent[] = [];
    const at = reading.at.getTime();
    let machine = this.machines.get(reading.equipmentId);
    if (!machine) {
      machine = { everReportedDistance: false, session: null };
      this.machines.set(reading.equipmentId, machine);
    }
    if (machine.session && at - machine.session.lastMovementAt >= this.options.idleTimeoutMs) {
      events.push(this.end(machine));
    }
    const m = reading.metrics;
    const moving = isMoving(m);
    // Cumulative counters: a drop means the machine started a new workout (counter reset), so the new value
    // is all new distance. The first figure from a machine only sets the baseline.
    const distanceDelta = cumulativeDelta(machine.lastDistanceM, m.distanceM);
    const energyDelta = cumulativeDelta(machine.lastEnergyKcal, m.energyKcal);
    const elapsedDelta = cumulativeDelta(machine.lastElapsedS, m.elapsedS);
    const sinceLast = machine.lastAt === undefined ? 0 : at - machine.lastAt;
    if (m.distanceM !== undefined) {
      machine.lastDistanceM = m.distanceM;
      machine.everReportedDistance = true;
    }
    if (m.energyKcal !== undefined) machine.lastEnergyKcal = m.energyKcal;
    if (m.elapsedS !== undefined) machine.lastElapsedS = m.elapsedS;
    machine.lastAt = at;

    if (!machine.session) {
      if (!moving) return events;
      machine.session = {
        equipmentId: reading.equipmentId,
        equipmentName: reading.name,
        kind: reading.kind,
        memberId: reading.memberId ?? null,
        startedAt: at,
        lastMovementAt: at,
        lastReadingAt: at,
        distanceM: 0,
        energyKcal: null,
        elapsedS: null,
        elapsedAtLastMovementS: null,
        power: new Mean(),
        heartRate: new Mean(),
        heartRateSinceMovement: [],
        strokeRate: new Mean(),
        cadence: new Mean(),
        samples: [],
        bucket: null,
      };
      events.push({ type: 'started', equipmentId: reading.equipmentId, at: reading.at, memberId: machine.session.memberId });
    } else if (!machine.everReportedDistance && moving && m.speedMps && sinceLast > 0 && sinceLast <= MAX_INTEGRATION_GAP_MS) {
      // Machines that report speed but no distance: integrate between readings of a running session.
      machine.session.distanceM += (m.speedMps * sinceLast) / 1000;
    }
    const s = machine.session;
    if (distanceDelta !== null) s.distanceM += distanceDelta;
    if (energyDelta !== null) s.energyKcal = (s.energyKcal ?? 0) + energyDelta;
    if (elapsedDelta !== null) s.elapsedS = (s.elapsedS ?? 0) + elapsedDelta;
    if (reading.memberId && !s.memberId) s.memberId = reading.memberId;
    s.lastReadingAt = at;
    if (m.heartRateBpm) s.heartRateSinceMovement.push(m.heartRateBpm);
    if (moving) {
      s.lastMovementAt = at;
      s.elapsedAtLastMovementS = s.elapsedS;
      if (m.powerW !== undefined) s.power.add(m.powerW);
      if (m.strokeRateSpm) s.strokeRate.add(m.strokeRateSpm);
      if (m.cadenceRpm) s.cadence.add(m.cadenceRpm);
      for (const bpm of s.heartRateSinceMovement) s.heartRate.add(bpm);
      s.heartRateSinceMovement.length = 0;
    }
    this.sample(s, at, m);
    return events;
  }

  /** Heart rate from a strap paired to whoever is on this machine. */
  addHeartRate(equipmentId: string, bpm: number, at: Date): void {
    const s = this.machines.get(equipmentId)?.session;
    if (!s || bpm <= 0 || at.getTime() < s.startedAt) return;
    if (at.getTime() <= s.lastMovementAt) s.heartRate.add(bpm);
    else s.heartRateSinceMovement.push(bpm);
    this.sample(s, at.getTime(), { heartRateBpm: bpm });
  }

  /** Ends the sessions of machines idle for the timeout (also those that went silent). */
  tick(now: Date): DetectorEvent[] {
    const events: DetectorEvent[] = [];
    for (const machine of this.machines.values()) {
      if (machine.session && now.getTime() - machine.session.lastMovementAt >= this.options.idleTimeoutMs) {
        events.push(this.end(machine));
      }
    }
    return events;
  }

  /** Ends every running session now (shutdown): what was rowed is kept. */
  endAll(): DetectorEvent[] {
    const events: DetectorEvent[] = [];
    for (const machine of this.machines.values()) if (machine.session) events.push(this.end(machine));
    return events;
  }

  /** Whether this machine has sent a reading since the gateway started. */
  knows(equipmentId: string): boolean {
    return this.machines.has(equipmentId);
  }

  /** The running session on a machine, if any. */
  active(equipmentId: string): { memberId: string | null; startedAt: Date } | null {
    const s = this.machines.get(equipmentId)?.session;
    return s ? { memberId: s.memberId, startedAt: new Date(s.startedAt) } : null;
  }

  /** The machine a member is on now, if any. */
  machineOf(memberId: string): string | null {
    for (const [id, machine] of this.machines) if (machine.session?.memberId === memberId) return id;
    return null;
  }

  /** Pairing: the running session on this machine belongs to this member from now on. */
  assign(equipmentId: string, memberId: string): boolean {
    const s = this.machines.get(equipmentId)?.session;
    if (!s) return false;
    s.memberId = memberId;
    return true;
  }

  private sample(s: Active, at: number, m: EquipmentMetrics): void {
    // Seconds only move forward: a reading stamped earlier than the last (clock stepped back, a
    // strap a little behind the machine) joins the current second instead of reopening an old one.
    const t = Math.max(0, Math.floor((at - s.startedAt) / 1000), s.bucket?.t ?? 0);
    if (!s.bucket || s.bucket.t !== t) {
      if (s.bucket) s.samples.push(closeBucket(s.bucket));
      s.bucket = { t, sums: {}, distanceM: s.distanceM };
    }
    for (const key of INSTANT) {
      const value = m[key];
      if (value !== undefined) (s.bucket.sums[key] ??= new Mean()).add(value);
    }
    s.bucket.distanceM = s.distanceM;
    if (s.energyKcal !== null) s.bucket.energyKcal = s.energyKcal;
  }

  private end(machine: MachineState): DetectorEvent {
    const s = machine.session!;
    machine.session = null;
    if (s.bucket) s.samples.push(closeBucket(s.bucket));
    const durationMs = s.lastMovementAt - s.startedAt;
    if (durationMs < this.options.minDurationMs) {
      return { type: 'discarded', equipmentId: s.equipmentId, startedAt: new Date(s.startedAt), endedAt: new Date(s.lastMovementAt) };
    }
    // The machine's work time when it keeps one (it counts the first second rowed, which the first reading only
    // reports at its end); the wall clock from first to last movement otherwise.
    const durationS = round(s.elapsedAtLastMovementS ?? durationMs / 1000, 1);
    const lastT = Math.floor(durationMs / 1000);
    const distanceM = round(s.distanceM, 1);
    const strokes = STROKE_KINDS.has(s.kind);
    const summary: SessionSummary = {
      distanceM,
      durationS,
      avgPowerW: s.power.mean(0),
      maxPowerW: s.power.maximum(),
      avgPaceSecPer500m: strokes && distanceM > 0 ? round((500 * durationS) / distanceM, 1) : null,
      avgSpeedMps: !strokes && distanceM > 0 && durationS > 0 ? round(distanceM / durationS, 2) : null,
      avgStrokeRateSpm: strokes ? s.strokeRate.mean(1) : null,
      avgCadenceRpm: strokes ? null : s.cadence.mean(1),
      energyKcal: s.energyKcal === null ? null : round(s.energyKcal, 1),
      avgHeartRateBpm: s.heartRate.mean(0),
      maxHeartRateBpm: s.heartRate.maximum(),
    };
    return {
      type: 'ended',
      session: {
        equipmentId: s.equipmentId,
        equipmentName: s.equipmentName,
        equipmentType: s.kind,
        memberId: s.memberId,
        startedAt: new Date(s.startedAt),
        endedAt: new Date(s.lastMovementAt),
        summary,
        // The idle tail after the last movement is not part of the session.
        samples: s.samples.filter((sample) => sample.t <= lastT),
      },
    };
  }
}

function cumulativeDelta(previous: number | undefined, current: number | undefined): number | null {
  if (current === undefined) return null;
  if (previous === undefined) return 0;
  return current >= previous ? current - previous : current;
}

function closeBucket(bucket: Bucket): SessionSample {
  const sample: SessionSample = { t: bucket.t, distanceM: round(bucket.distanceM, 1) };
  for (const key of INSTANT) {
    const mean = bucket.sums[key]?.mean(key === 'speedMps' ? 3 : 1);
    if (mean !== null && mean !== undefined) sample[key] = mean;
  }
  if (bucket.energyKcal !== undefined) sample.energyKcal = round(bucket.energyKcal, 1);
  return sample;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

import type { EquipmentMetrics } from '../../../shared/equipment.js';
import type { DeviceProblem, DeviceStatus } from '../../../shared/status.js';
import { buildCommandFrame, MONITOR_POLL } from '../../protocols/csafe/commands.js';
import { CsafeFrameSplitter } from '../../protocols/csafe/frame.js';
import { decodeCsafeResponse, type CsafeMetrics, type CsafeState } from '../../protocols/csafe/response.js';
import type { AdapterContext } from '../adapter-context.js';
import type { DeviceAdapter, DeviceSink } from '../types.js';
import type { SerialCsafeConfig } from './config.js';
import { ManagedPort } from './managed-port.js';

/** Consecutive unanswered polls after which the monitor is reported as not answering. */
const SILENT_AFTER = 3;

/**
 * A Concept2 PM (or another CSAFE monitor) on a serial link: asks for the workout figures every `pollMs` with one
 * CSAFE frame, waits for the answer, and hands each answer to the sink as an equipment reading. One request in
 * flight at a time, as the PM expects; a late answer counts as missed. Malformed frames are counted and dropped.
 */
export class SerialCsafeMonitor implements DeviceAdapter {
  readonly id: string;
  private readonly port: ManagedPort;
  private readonly splitter = new CsafeFrameSplitter();
  private readonly request: Buffer;
  private readonly equipmentId: string;
  private timer: NodeJS.Timeout | null = null;
  private awaitingSince: number | null = null;
  private sink: DeviceSink | null = null;
  private missedInRow = 0;
  private pmState: CsafeState | null = null;
  private counts = { answers: 0, missed: 0, malformed: 0 };

  constructor(
    private readonly config: SerialCsafeConfig,
    private readonly context: AdapterContext,
  ) {
    this.id = config.id;
    this.equipmentId = config.equipmentId ?? config.id;
    this.request = buildCommandFrame(
      MONITOR_POLL,
      config.address === undefined ? undefined : { destination: config.address, source: 0x00 },
    );
    this.port = new ManagedPort({
      path: config.path,
      baudRate: config.baudRate,
      reopenMinMs: config.reopenMinMs,
      reopenMaxMs: config.reopenMaxMs,
      log: context.log,
      onData: (chunk) => this.received(chunk),
      onOpen: () => {
        this.awaitingSince = null;
        this.missedInRow = 0;
      },
    });
  }

  async start(sink: DeviceSink): Promise<void> {
    this.sink = sink;
    this.port.start();
    this.timer = setInterval(() => this.poll(), this.config.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.port.stop();
    this.sink = null;
  }

  status(): DeviceStatus[] {
    const { answers, missed, malformed } = this.counts;
    const silent = this.port.state === 'ok' && this.missedInRow >= SILENT_AFTER;
    const pmError = this.port.state === 'ok' && this.pmState === 'error';
    const facts = [
      `CSAFE ${this.config.equipmentKind} ${this.equipmentId} on ${this.config.path}`,
      ...(this.pmState ? [`PM state ${this.pmState}`] : []),
      `${answers} answers`,
      `${missed} missed`,
      `${malformed} malformed frames dropped`,
    ];
    const problem: DeviceProblem | null = silent
      ? { code: 'not_responding', detail: `monitor not answering (${this.missedInRow} polls missed)` }
      : pmError
        ? { code: 'device_error', detail: 'monitor reports an error state' }
        : this.port.problem;
    return [
      {
        id: this.id,
        kind: 'serial',
        name: this.config.name ?? this.id,
        state: silent || pmError ? 'error' : this.port.state,
        equipmentId: this.equipmentId,
        detail: [...(problem ? [problem.detail] : []), ...facts].join('; '),
        ...(problem ? { problem } : {}),
      },
    ];
  }

  private poll(): void {
    const now = Date.now();
    if (this.awaitingSince !== null) {
      if (now - this.awaitingSince < this.config.timeoutMs) return;
      this.counts.missed++;
      this.missedInRow++;
      this.awaitingSince = null;
    }
    if (this.port.write(this.request)) this.awaitingSince = now;
  }

  private received(chunk: Buffer): void {
    const out = this.splitter.push(chunk);
    this.counts.malformed += out.malformed;
    for (const frame of out.frames) {
      const decoded = decodeCsafeResponse(frame);
      if (!decoded.ok) {
        this.counts.malformed++;
        this.context.log.warn({ reason: decoded.error }, 'malformed CSAFE frame dropped');
        continue;
      }
      this.counts.answers++;
      this.awaitingSince = null;
      this.missedInRow = 0;
      this.pmState = decoded.value.status.state;
      this.sink?.reading({
        equipmentId: this.equipmentId,
        name: this.config.name ?? this.equipmentId,
        kind: this.config.equipmentKind,
        at: this.context.clock.now(),
        metrics: this.metricsFor(decoded.value.metrics),
      });
    }
  }

  /** A BikeErg's PM reports flywheel rpm as "strokes/min": on a bike it is cadence. */
  private metricsFor(metrics: CsafeMetrics): EquipmentMetrics {
    if (this.config.equipmentKind !== 'bike' || metrics.strokeRateSpm === undefined) return metrics;
    const { strokeRateSpm, paceSecPer500m: _pace, ...rest } = metrics;
    return { ...rest, cadenceRpm: strokeRateSpm };
  }
}

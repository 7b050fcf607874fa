import type { EquipmentKind, EquipmentMetrics } from '../../../shared/equipment.js';
import { crankCadenceRpm, decodeCyclingPower, type CrankSample } from '../../protocols/cycling-power.js';
import { decodeCrossTrainerData } from '../../protocols/ftms/cross-trainer.js';
import { decodeIndoorBikeData } from '../../protocols/ftms/indoor-bike.js';
import { decodeFitnessMachineStatus } from '../../protocols/ftms/machine-status.js';
import { mergeFtmsPart, type FtmsPart } from '../../protocols/ftms/merge.js';
import { decodeRowerData } from '../../protocols/ftms/rower.js';
import { decodeTreadmillData } from '../../protocols/ftms/treadmill.js';
import { decodeHeartRate } from '../../protocols/heart-rate.js';
import { characteristicId, decodeMultiplexed, type Pm5Record } from '../../protocols/pm5/multiplexed.js';
import { decodeAdditionalStatus1, decodeAdditionalStatus2, decodeGeneralStatus } from '../../protocols/pm5/status.js';
import { decodeAdditionalStrokeData, decodeStrokeData } from '../../protocols/pm5/stroke.js';
import type { Result } from '../../protocols/result.js';
import type { BleModelSettings } from './config.js';
import {
  applyUpdate,
  bikeMetrics,
  crossTrainerMetrics,
  cyclingPowerMetrics,
  heartRateMetrics,
  pm5Metrics,
  rowerMetrics,
  treadmillMetrics,
  type MetricsUpdate,
} from './mapping.js';
import { CHARACTERISTICS, normalizeUuid, pm5Uuid } from './uuids.js';

export type DecodeOutcome =
  /** New metrics for the machine: its whole current picture, ready for an EquipmentReading. */
  | { kind: 'metrics'; metrics: EquipmentMetrics }
  /** Decoded, but nothing to show yet (the first part of a split FTMS record, a status event). */
  | { kind: 'nothing' }
  | { kind: 'error'; error: string }
  | { kind: 'ignored' };

/** Cadence from crank counters is held this long without a new crank event, then reported as 0. */
const CRANK_STOPPED_MS = 3_000;

/**
 * Turns one device's notifications into its current metrics: codec per characteristic, the FTMS record
 * merger, crank cadence across measurements, and the PM5's several characteristics combined. Holds only the
 * state those need; no I/O, time comes in with each notification. The BLE adapter and the replay adapter both
 * use it, so a replayed capture goes through exactly what a live machine does.
 */
export class NotificationDecoder {
  private metrics: EquipmentMetrics = {};
  private ftmsPending = new Map<string, FtmsPart | null>();
  private lastCrank: (CrankSample & { atMs: number }) | null = null;
  private cadenceRpm: number | null = null;

  /** The PM5 rowing-service characteristics read one by one (not multiplexed), by UUID. */
  private readonly pm5Decoders = new Map<string, { id: string; decode: (bytes: Uint8Array) => Result<object> }>([
    [pm5Uuid(0x31), { id: characteristicId(0x31), decode: (b) => decodeGeneralStatus(b) }],
    [pm5Uuid(0x32), { id: characteristicId(0x32), decode: (b) => decodeAdditionalStatus1(b) }],
    [pm5Uuid(0x33), { id: characteristicId(0x33), decode: (b) => decodeAdditionalStatus2(b, 'characteristic', this.model) }],
    [pm5Uuid(0x35), { id: characteristicId(0x35), decode: (b) => decodeStrokeData(b) }],
    [pm5Uuid(0x36), { id: characteristicId(0x36), decode: (b) => decodeAdditionalStrokeData(b) }],
  ]);

  constructor(private readonly model: BleModelSettings = {}) {}

  current(): EquipmentMetrics {
    return { ...this.metrics };
  }

  decode(characteristicUuid: string, bytes: Uint8Array, atMs: number): DecodeOutcome {
    const uuid = normalizeUuid(characteristicUuid);
    switch (uuid) {
      case CHARACTERISTICS.rowerData:
        return this.ftms(uuid, decodeRowerData(bytes, this.model), rowerMetrics);
      case CHARACTERISTICS.indoorBikeData:
        return this.ftms(uuid, decodeIndoorBikeData(bytes, this.model), bikeMetrics);
      case CHARACTERISTICS.treadmillData:
        return this.ftms(uuid, decodeTreadmillData(bytes, this.model), treadmillMetrics);
      case CHARACTERISTICS.crossTrainerData:
        return this.ftms(uuid, decodeCrossTrainerData(bytes, this.model), crossTrainerMetrics);
      case CHARACTERISTICS.machineStatus: {
        const status = decodeFitnessMachineStatus(bytes);
        return status.ok ? { kind: 'nothing' } : { kind: 'error', error: status.error };
      }
      case CHARACTERISTICS.heartRateMeasurement: {
        const hr = decodeHeartRate(bytes);
        if (!hr.ok) return { kind: 'error', error: hr.error };
        return this.update(heartRateMetrics(hr.value));
      }
      case CHARACTERISTICS.cyclingPowerMeasurement:
        return this.cyclingPower(bytes, atMs);
      case CHARACTERISTICS.pm5Multiplexed:
        return this.pm5(decodeMultiplexed(bytes, this.model));
      default:
        return this.pm5Characteristic(uuid, bytes);
    }
  }

  private update(update: MetricsUpdate): DecodeOutcome {
    this.metrics = applyUpdate(this.metrics, update);
    return { kind: 'metrics', metrics: this.current() };
  }

  private ftms<T extends FtmsPart>(uuid: string, part: Result<T>, toMetrics: (record: T) => MetricsUpdate): DecodeOutcome {
    if (!part.ok) return { kind: 'error', error: part.error };
    const step = mergeFtmsPart((this.ftmsPending.get(uuid) as T | null | undefined) ?? null, part.value);
    this.ftmsPending.set(uuid, step.pending);
    if (step.complete.length === 0) return { kind: 'nothing' };
    for (const record of step.complete) this.metrics = applyUpdate(this.metrics, toMetrics(record));
    return { kind: 'metrics', metrics: this.current() };
  }

  private cyclingPower(bytes: Uint8Array, atMs: number): DecodeOutcome {
    const result = decodeCyclingPower(bytes);
    if (!result.ok) return { kind: 'error', error: result.error };
    const m = result.value;
    if (m.crankRevolutions !== undefined && m.lastCrankEventTime1024 !== undefined) {
      const sample = { crankRevolutions: m.crankRevolutions, lastCrankEventTime1024: m.lastCrankEventTime1024 };
      if (!this.lastCrank) {
        this.lastCrank = { ...sample, atMs };
      } else {
        const rpm = crankCadenceRpm(this.lastCrank, sample);
        if (rpm !== null) {
          this.cadenceRpm = rpm;
          this.lastCrank = { ...sample, atMs };
        } else if (atMs - this.lastCrank.atMs >= CRANK_STOPPED_MS) {
          this.cadenceRpm = 0; // no crank event for a while: the pedals stopped
        }
      }
    }
    return this.update(cyclingPowerMetrics(m, this.cadenceRpm));
  }

  private pm5Characteristic(uuid: string, bytes: Uint8Array): DecodeOutcome {
    const entry = this.pm5Decoders.get(uuid);
    if (!entry) return { kind: 'ignored' };
    const result = entry.decode(bytes);
    return this.pm5(result.ok ? { ok: true, value: { characteristic: entry.id, ...result.value } } : result);
  }

  private pm5(record: Result<Pm5Record>): DecodeOutcome {
    if (!record.ok) return { kind: 'error', error: record.error };
    const metrics = pm5Metrics(record.value);
    return Object.keys(metrics).length === 0 ? { kind: 'nothing' } : this.update(metrics);
  }
}

/** The equipment kind a characteristic implies, for captures that do not say (replay). */
export function kindForCharacteristic(characteristicUuid: string): EquipmentKind | null {
  const uuid = normalizeUuid(characteristicUuid);
  const kinds: Record<string, EquipmentKind> = {
    [CHARACTERISTICS.rowerData]: 'rower',
    [CHARACTERISTICS.indoorBikeData]: 'bike',
    [CHARACTERISTICS.treadmillData]: 'treadmill',
    [CHARACTERISTICS.crossTrainerData]: 'cross_trainer',
    [CHARACTERISTICS.heartRateMeasurement]: 'hr_strap',
    [CHARACTERISTICS.cyclingPowerMeasurement]: 'bike',
  };
  if (kinds[uuid]) return kinds[uuid];
  return uuid.startsWith('ce06') && uuid.endsWith('43e511e4916c0800200c9a66') ? 'rower' : null;
}

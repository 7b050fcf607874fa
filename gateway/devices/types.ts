import type { CheckInMethod } from '../../shared/checkin.js';
import type { EquipmentKind, EquipmentMetrics } from '../../shared/equipment.js';
import type { DeviceStatus } from '../../shared/status.js';

/** One decoded sample from a machine or strap. */
export interface EquipmentReading {
  equipmentId: string;
  name: string;
  kind: EquipmentKind;
  at: Date;
  metrics: EquipmentMetrics;
  /** Set when the adapter knows who is on the machine (simulator, or a paired strap). */
  memberId?: string | null;
}

export interface BadgeScan {
  badge: string;
  method: CheckInMethod;
  /** The reader's id, e.g. "simulator" or "serial:/dev/ttyUSB0". */
  source: string;
  /** Set when the reader is mounted on a machine: the tap claims that machine's session; it is not a check-in. */
  equipmentId?: string;
}

/** Where adapters hand what they read. Adapters do I/O only; everything else happens past this point. */
export interface DeviceSink {
  badge(scan: BadgeScan): void;
  reading(reading: EquipmentReading): void;
}

export interface DeviceAdapter {
  readonly id: string;
  start(sink: DeviceSink): Promise<void>;
  stop(): Promise<void>;
  status(): DeviceStatus[];
}

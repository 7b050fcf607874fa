import type { EquipmentTile } from '../../shared/equipment.js';
import type { DeviceStatus } from '../../shared/status.js';
import { floorBrokerUrl } from '../config/floor.js';
import type { FloorgateConfig } from '../config/schema.js';
import type { BadgeScan, EquipmentReading } from '../devices/types.js';
import type { FloorEvents } from '../floor-events.js';
import type { Logger } from '../log.js';
import type { MemberNames } from '../members/member-names.js';
import type { SessionService } from '../sessions/service.js';
import type { Clock } from '../time/clock.js';
import { DeviceDownAlert } from '../devices/device-alert.js';
import { EquipmentBoard } from './board.js';
import { problemsByEquipment } from './problems.js';

export interface EquipmentPipelineDeps {
  config: FloorgateConfig;
  clock: Clock;
  log: Logger;
  sessions: SessionService;
  names: MemberNames;
  floor: FloorEvents;
  /** What every device reports now: faults show on the tiles of the machines they read. */
  devices: () => DeviceStatus[];
  /** Staff alerts: a device down for a minute raises `device_down` (devices/device-alert.ts). */
  alerts: { raise(code: string, message: string): void; resolve(code: string): void };
  /** Where changed tiles go (the equipment room). */
  publish: (tiles: EquipmentTile[]) => void;
}

/**
 * The equipment path:
 *
 *   device reading (a fact: only what the device sent) → sessions (who is on the machine; start, end, journal)
 *     → board (tiles: in use, idle; stale and offline as time passes) → screens, and the floor's `reading` event
 *
 * A badge tapped at a machine's reader claims that machine's session here; it is never a check-in.
 * Nothing thrown here may reach an adapter's I/O callback (it would end the process).
 */
export class EquipmentPipeline {
  readonly board: EquipmentBoard;
  private readonly deviceAlert: DeviceDownAlert;
  private sweepTimer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: EquipmentPipelineDeps) {
    const equipment = deps.config.screens.equipment;
    this.deviceAlert = new DeviceDownAlert(deps.alerts, deps.config.location.timezone);
    const { floor } = deps.config;
    this.board = new EquipmentBoard({
      clock: deps.clock,
      offlineAfterMs: equipment.offlineAfterS * 1000,
      staleAfterMs: equipment.staleAfterS * 1000,
      minIntervalMs: 1000 / equipment.maxUpdatesPerSecond,
      resolveDisplayName: (memberId) => deps.names.of(memberId) ?? null,
      onChange: deps.publish,
      // On a floor of several boxes every tile says which box reads it.
      box: floorBrokerUrl(floor) ? { boxId: floor.boxId, boxName: floor.boxName ?? floor.boxId } : null,
    });
  }

  reading(reading: EquipmentReading): void {
    try {
      const withMember = this.deps.sessions.ingest(reading); // sessions first: they know who is on the machine
      this.board.ingest(withMember);
      this.deps.floor.emit('reading', withMember);
    } catch (error) {
      this.deps.log.error({ err: error, equipmentId: reading.equipmentId }, 'reading could not be handled');
    }
  }

  tapAtMachine(scan: BadgeScan): void {
    if (!scan.equipmentId) return;
    try {
      this.deps.sessions.tapAtMachine(scan.equipmentId, scan.badge, `reader:${scan.source}`);
    } catch (error) {
      this.deps.log.error({ err: error, source: scan.source }, 'badge tap at a machine could not be stored');
    }
  }

  /** Tiles age once a second (stale, offline) and show their devices' faults; a device down for long tells staff. */
  start(): void {
    this.sweepTimer = setInterval(() => this.sweep(), 1_000);
    this.sweepTimer.unref();
  }

  sweep(): void {
    this.board.sweep();
    const devices = this.deps.devices();
    this.board.reportProblems(problemsByEquipment(devices));
    this.deviceAlert.update(devices, this.deps.clock.now());
  }

  stop(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
    this.board.stop();
  }
}

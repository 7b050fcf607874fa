import type { EquipmentTile } from '../../shared/equipment.js';
import type { Clock } from '../domain/clock.js';
import type { EquipmentReading } from '../devices/types.js';

export interface EquipmentBoardOptions {
  clock: Clock;
  /** A machine with no reading for this long is shown offline. */
  offlineAfterMs: number;
  resolveDisplayName: (memberId: string) => string | null;
  onChange: (changed: EquipmentTile[]) => void;
}

function isMoving(reading: EquipmentReading): boolean {
  const m = reading.metrics;
  return (m.powerW ?? 0) > 0 || (m.cadenceRpm ?? 0) > 0 || (m.strokeRateSpm ?? 0) > 0 || (m.speedMps ?? 0) > 0;
}

/** The live state of every machine and strap on the floor, as tiles for the equipment screen. */
export class EquipmentBoard {
  private readonly tiles = new Map<string, EquipmentTile>();

  constructor(private readonly options: EquipmentBoardOptions) {}

  ingest(reading: EquipmentReading): void {
    const moving = reading.kind === 'hr_strap' ? (reading.metrics.heartRateBpm ?? 0) > 0 : isMoving(reading);
    const tile: EquipmentTile = {
      equipmentId: reading.equipmentId,
      name: reading.name,
      kind: reading.kind,
      state: moving ? 'in_use' : 'idle',
      memberDisplayName: reading.memberId ? this.options.resolveDisplayName(reading.memberId) : null,
      metrics: reading.metrics,
      updatedAt: reading.at.toISOString(),
    };
    this.tiles.set(tile.equipmentId, tile);
    this.options.onChange([tile]);
  }

  /** Marks machines that went quiet as offline; call periodically. */
  sweep(): void {
    const cutoff = this.options.clock.now().getTime() - this.options.offlineAfterMs;
    const changed: EquipmentTile[] = [];
    for (const tile of this.tiles.values()) {
      if (tile.state !== 'offline' && new Date(tile.updatedAt).getTime() < cutoff) {
        tile.state = 'offline';
        tile.memberDisplayName = null;
        changed.push(tile);
      }
    }
    if (changed.length > 0) this.options.onChange(changed);
  }

  snapshot(): EquipmentTile[] {
    return [...this.tiles.values()].sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  }
}

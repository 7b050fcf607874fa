import type { EquipmentTile } from '../../shared/equipment.js';
import { floorTopics } from '../../shared/floor.js';
import type { OccupancyTracker } from '../occupancy/tracker.js';
import type { MqttLink } from './mqtt-link.js';
import { floorTileOf, machineStateKey, publicOccupancyOf } from './outgoing.js';

/**
 * What this box tells the floor live, outside the outbox: its occupancy (retained, on change), its machines' state
 * (retained, when what a glance shows changes) and readings (QoS 0, at the board's coalesced rate). Nothing is kept
 * while disconnected; `rejoined()` sends it all again after a reconnect.
 */
export class FloorTeller {
  private lastOccupancy = '';
  private readonly stateKeys = new Map<string, string>();

  constructor(
    private readonly deps: {
      link: MqttLink;
      here: { locationId: string; boxId: string; boxName: string };
      occupancy: OccupancyTracker;
      partitioned: () => boolean;
    },
  ) {}

  occupancy(): void {
    const { link, here } = this.deps;
    if (!link.connected) return;
    const body = publicOccupancyOf(this.deps.occupancy.state(), here.boxId, this.deps.partitioned());
    const key = JSON.stringify([body.count, body.peakToday, body.capacity, body.partitioned]);
    if (key === this.lastOccupancy) return;
    this.lastOccupancy = key;
    link.publishLive(floorTopics.occupancy(here.locationId, here.boxId), JSON.stringify(body), true);
  }

  /** Changed tiles of the board; another box's machines are not this box's to tell. */
  tiles(tiles: EquipmentTile[], everyState = false): void {
    const { link, here } = this.deps;
    if (!link.connected) return;
    for (const tile of tiles) {
      if (tile.boxId !== undefined && tile.boxId !== here.boxId) continue;
      const body = JSON.stringify(floorTileOf(tile, here));
      const key = machineStateKey(tile);
      if (everyState || this.stateKeys.get(tile.equipmentId) !== key) {
        this.stateKeys.set(tile.equipmentId, key);
        link.publishLive(floorTopics.machineState(here.locationId, here.boxId, tile.equipmentId), body, true);
      }
      link.publishLive(floorTopics.machineReading(here.locationId, here.boxId, tile.equipmentId), body);
    }
  }

  /** After a (re)connect: the broker may have lost the retained state; tell everything again. */
  rejoined(tiles: EquipmentTile[]): void {
    this.lastOccupancy = '';
    this.occupancy();
    this.tiles(tiles, true);
  }
}

import type { FloorEvents } from '../floor-events.js';
import type { Logger } from '../log.js';
import type { Clock } from '../time/clock.js';

/** What an adapter may need from the gateway besides its own config entry. */
export interface AdapterContext {
  log: Logger;
  clock: Clock;
  floor: FloorEvents;
  /** Where relative paths in device config (capture files, replays) are resolved: the data directory. */
  dataDir: string;
}

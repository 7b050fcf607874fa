import path from 'node:path';
import type { FloorgateConfig } from '../config/schema.js';
import { ConfigError } from '../config/load.js';
import { readPrivateFile } from '../config/secret-files.js';
import type { Logger } from '../log.js';
import type { AlertStore } from '../staff/alerts.js';
import type { Journal } from '../store/journal.js';
import type { Clock } from '../time/clock.js';
import type { SecretRef } from './config.js';
import { doorList } from './door-list.js';
import { Doors } from './doors.js';
import { createDoorOutput } from './outputs.js';
import type { DeviceAdapter } from '../devices/types.js';
import { SerialDoorRelay } from '../devices/serial/door-relay.js';

export interface CreateDoorsOptions {
  config: FloorgateConfig;
  journal: Journal;
  alerts: AlertStore;
  clock: Clock;
  log: Logger;
  /** The device adapters, where a `ch340` door finds its relay when it opens. */
  adapters: readonly DeviceAdapter[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** The box's doors from its config, secrets read now so a missing one stops the start with the field named. */
export function createDoors(options: CreateDoorsOptions): Doors {
  const { config, env = process.env, cwd = process.cwd() } = options;
  const secret = (ref: SecretRef, field: string): string => {
    if ('env' in ref) {
      const value = env[ref.env];
      if (value === undefined || value === '') throw new ConfigError(`${field}.env: the variable ${ref.env} is not set`);
      return value;
    }
    const read = readPrivateFile(path.resolve(cwd, ref.file), `${field}.file`);
    if ('error' in read) throw new ConfigError(read.error);
    return read.value;
  };
  const relay = (id: string) => options.adapters.find((a): a is SerialDoorRelay => a instanceof SerialDoorRelay && a.id === id);
  const doors = doorList(config.devices, config.doors).map((door) => {
    const index = config.doors.indexOf(door);
    return { config: door, output: createDoorOutput(door, index, { secret, relay }) };
  });
  return new Doors({ doors, locationId: config.location.id, journal: options.journal, alerts: options.alerts, clock: options.clock, log: options.log.child({ part: 'doors' }) });
}

import { z } from 'zod';
import { antDeviceSchema } from './ant/config.js';
import { bleDeviceSchema } from './ble/config.js';
import { replayDeviceSchema } from './replay/config.js';
import { serialDeviceSchema } from './serial/config.js';

/** One entry of `devices` in the config: which adapter, and its settings. */
export const deviceConfigSchema = z.discriminatedUnion('kind', [bleDeviceSchema, antDeviceSchema, serialDeviceSchema, replayDeviceSchema]);
export type DeviceConfig = z.infer<typeof deviceConfigSchema>;

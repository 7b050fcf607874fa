import { z } from 'zod';
import { deviceConfigSchema } from '../devices/config.js';
import { doorsConfigSchema } from '../doors/config.js';
import { checkDoorReferences } from '../doors/door-list.js';
import { sessionsConfigSchema } from '../sessions/config.js';
import { floorConfigSchema } from './floor.js';
import { screensConfigSchema } from './screens.js';
import { kioskConfigSchema } from './kiosk.js';
import { staffConfigSchema } from './staff.js';
import { cloudConfigSchema, pullsConfigSchema, storageConfigSchema } from './uplink.js';
import { webhooksConfigSchema } from '../webhooks/config.js';

import { accessWindowSchema } from '../../shared/gym.js';

/** Opening hours and members' access hours: one weekly-window shape, shared with the console (shared/gym.ts). */
export { accessWindowSchema, type AccessWindow } from '../../shared/gym.js';

const validTimezone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const configSchema = z
  .strictObject({
    port: z.coerce.number({ error: 'must be a whole number from 1 to 65535' }).int().min(1).max(65535).default(8080),
    host: z.string().min(1).default('0.0.0.0'),
    dataDir: z.string().min(1).default('./data'),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    location: z
      .strictObject({
        id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - only').default('main'),
        name: z.string().min(1).default('Floorgate Gym'),
        timezone: z
          .string()
          .refine(validTimezone, 'must be an IANA time zone such as Europe/Stockholm')
          .default(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'),
        /** Gym opening hours; empty = always open. */
        openingHours: z.array(accessWindowSchema).default([]),
        capacity: z.number().int().positive().nullable().default(null),
      })
      .prefault({}),
    checkin: z
      .strictObject({
        /** How readers and the roster write badge numbers; see checkin/badge.ts. */
        badgeFormat: z.enum(['hex', 'decimal', 'text']).default('hex'),
        antiPassbackMinutes: z.number().min(0).default(5),
        /** Members count as "in the gym" for this long after checking in. */
        dwellMinutes: z.number().positive().default(90),
        entranceResetS: z.number().positive().default(6),
      })
      .prefault({}),
    cloud: cloudConfigSchema,
    storage: storageConfigSchema,
    pulls: pullsConfigSchema,
    devices: z.array(deviceConfigSchema).default([]),
    /** Doors and what opens them (gateway/doors/config.ts). */
    doors: doorsConfigSchema,
    /** Extra names this box answers the API under (e.g. "gym-box.lan"); IPs, localhost and its hostname always work. */
    allowedHosts: z.array(z.string().trim().toLowerCase().min(1)).default([]),
    sessions: sessionsConfigSchema.prefault({}),
    screens: screensConfigSchema,
    kiosk: kioskConfigSchema,
    staff: staffConfigSchema,
    webhooks: webhooksConfigSchema,
    /** Several boxes joined into one floor over MQTT (gateway/config/floor.ts). */
    floor: floorConfigSchema,
    simulator: z
      .strictObject({
        /** Fake machines, check-ins and a demo roster. Off unless asked: `floorgate start --demo` (npm start) turns it on. */
        enabled: z.boolean({ error: 'must be on or off' }).default(false),
        seed: z.number().int().default(42),
        tapsPerMinute: z.number().min(0).default(2),
        rowers: z.number().int().min(0).max(200).default(3),
        bikes: z.number().int().min(0).max(200).default(3),
        heartRateStraps: z.number().int().min(0).max(200).default(2),
        readingHz: z.number().positive().max(20).default(1),
      })
      .prefault({}),
  })
  .superRefine((config, ctx) => {
    if (Boolean(config.cloud.url) !== Boolean(config.cloud.apiKey)) {
      ctx.addIssue({
        code: 'custom',
        path: ['cloud', config.cloud.url ? 'apiKey' : 'url'],
        message: 'cloud.url and cloud.apiKey go together: set both to use the cloud, or neither to run standalone',
      });
    }
    for (const issue of checkDoorReferences(config.devices, config.doors)) ctx.addIssue({ code: 'custom', ...issue });
    if (config.floor.listen !== null && config.floor.accountsFile === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['floor', 'accountsFile'],
        message: 'is required with floor.listen: the embedded broker lets in only the accounts it lists (floorgate floor add-account)',
      });
    }
  });

export type FloorgateConfig = z.infer<typeof configSchema>;

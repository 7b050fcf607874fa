import { hostname } from 'node:os';
import { z } from 'zod';
import { BOX_ID_PATTERN, boxIdSchema } from '../../shared/floor.js';

/** The host name as a box id: its first label, with anything a topic level cannot hold replaced. */
export function defaultBoxId(host = hostname()): string {
  const id = (host.split('.')[0] ?? '').replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 64);
  return BOX_ID_PATTERN.test(id) ? id : 'box';
}

/**
 * `floor`: several boxes of one gym joined through an MQTT broker (docs/floor-mqtt.md). Unset `broker` = a box on
 * its own. Credentials come from `passwordFile` (0600) or FLOORGATE_FLOOR_PASSWORD, never from this file's text.
 */
export const floorConfigSchema = z
  .strictObject({
    /** `mqtt://host:1883` or `mqtts://host:8883`; null = this box is the whole floor. */
    broker: z
      .string()
      .regex(/^mqtts?:\/\/[^/\s]+\/?$/, 'must be mqtt://host:port or mqtts://host:port')
      .nullable()
      .default(null),
    boxId: boxIdSchema.default(() => defaultBoxId()),
    /** What staff and screens call this box ("Upstairs"); default: the box id. */
    boxName: z.string().trim().min(1).max(40).nullable().default(null),
    /** Broker user name; default: the box id (the ACL lets a box publish only under its own id). */
    username: z.string().min(1).nullable().default(null),
    /**
     * The broker password: set from FLOORGATE_FLOOR_PASSWORD (or the 0600 file FLOORGATE_FLOOR_PASSWORD_FILE names)
     * only; the config file may not hold it (load.ts refuses it there).
     */
    password: z.string().min(1).nullable().default(null),
    /** A file holding the broker password, readable by its owner only (0600). */
    passwordFile: z.string().min(1).nullable().default(null),
    /** Run an embedded broker on this port (the other boxes point `broker` at this box). */
    listen: z.coerce.number({ error: 'must be a port from 1 to 65535' }).int().min(1).max(65535).nullable().default(null),
    /** Embedded broker: the file listing its accounts (user, password, role box|reader), 0600. */
    accountsFile: z.string().min(1).nullable().default(null),
  })
  .prefault({});

export type FloorConfig = z.infer<typeof floorConfigSchema>;

/** The broker this box joins: its own `broker`, else its embedded broker on loopback (`listen`), else none. */
export function floorBrokerUrl(floor: FloorConfig): string | null {
  return floor.broker ?? (floor.listen !== null ? `mqtt://127.0.0.1:${floor.listen}` : null);
}

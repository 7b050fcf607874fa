/**
 * The AsyncAPI 3.0 document of the floor mesh (MQTT): every topic of shared/floor.ts with its payload schema (from
 * the same zod schemas the gateway parses with), QoS, retain, the last will, and which account may read it.
 * `npm run docs:asyncapi` writes docs/floor-mqtt.asyncapi.json; a test keeps that file equal to this.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { APP_ROOT } from '../app-root.js';
import { VERSION } from '../install.js';
import {
  BOX_ID_PATTERN,
  boxPresenceSchema,
  floorFactSchema,
  floorTileSchema,
  type floorTopics,
  publicAdmissionSchema,
  publicOccupancySchema,
  publicSessionSchema,
} from '../../shared/floor.js';

export const FLOOR_ASYNCAPI_FILE = path.join(APP_ROOT, 'docs', 'floor-mqtt.asyncapi.json');

type Reader = 'box' | 'reader';

interface ChannelSpec {
  /** The `floorTopics` function this channel documents (the test checks every one is here). */
  topic: keyof typeof floorTopics;
  address: string;
  title: string;
  description: string;
  message: keyof typeof PAYLOADS;
  qos: 0 | 1;
  retain: boolean;
  /** Accounts that may subscribe (every box account publishes its own box's topics only). */
  readers: Reader[];
}

const PAYLOADS = {
  BoxPresence: boxPresenceSchema,
  FloorFact: floorFactSchema,
  FloorTile: floorTileSchema,
  PublicAdmission: publicAdmissionSchema,
  PublicSession: publicSessionSchema,
  PublicOccupancy: publicOccupancySchema,
} as const;

const BOX = 'floorgate/{locationId}/{boxId}';

export const FLOOR_CHANNELS: ChannelSpec[] = [
  {
    topic: 'presence',
    address: `${BOX}/presence`,
    title: 'Box presence',
    description:
      'Each box publishes `online: true` when it connects and `online: false` when it leaves cleanly. It also sets this topic as ' +
      'its MQTT last will (QoS 1, retained, `online: false`), so the broker tells the floor when a box dies: at once when its ' +
      'process ends (the socket closes), after 1.5 × its keep-alive when its power or cable goes; ' +
      "the other boxes then show that box's tiles offline and its counts as unreachable since `since`.",
    message: 'BoxPresence',
    qos: 1,
    retain: true,
    readers: ['box', 'reader'],
  },
  {
    topic: 'facts',
    address: `${BOX}/facts`,
    title: 'Facts (boxes only)',
    description:
      "Check-ins and finished sessions captured at this box, sent from the box's outbox lane `floor`: at least once, replayed after " +
      'a partition; receivers drop what they have seen by `eventId`. Carries member ids: only box accounts may subscribe. Only the ' +
      'capturing box forwards a fact to the cloud API.',
    message: 'FloorFact',
    qos: 1,
    retain: false,
    readers: ['box'],
  },
  {
    topic: 'machineState',
    address: `${BOX}/public/machines/{equipmentId}/state`,
    title: 'Machine state',
    description: "A machine's tile whenever its state (in use, idle, offline, error) or rider changes; retained, so a box that joins sees every machine at once.",
    message: 'FloorTile',
    qos: 1,
    retain: true,
    readers: ['box', 'reader'],
  },
  {
    topic: 'machineReading',
    address: `${BOX}/public/machines/{equipmentId}/reading`,
    title: 'Machine reading (live)',
    description:
      "The tile's live figures, at most `equipment.maxUpdatesPerSecond` (4) per machine. QoS 0 and never queued: a reading missed is " +
      'replaced by the next one a quarter of a second later.',
    message: 'FloorTile',
    qos: 0,
    retain: false,
    readers: ['box', 'reader'],
  },
  {
    topic: 'admissions',
    address: `${BOX}/public/admissions`,
    title: 'Admissions',
    description: "Each admission decided at this box's doors, with the member's display name only (never a member id).",
    message: 'PublicAdmission',
    qos: 1,
    retain: false,
    readers: ['box', 'reader'],
  },
  {
    topic: 'sessions',
    address: `${BOX}/public/sessions`,
    title: 'Finished sessions',
    description: "Each session finished on this box's machines, display name only.",
    message: 'PublicSession',
    qos: 1,
    retain: false,
    readers: ['box', 'reader'],
  },
  {
    topic: 'occupancy',
    address: `${BOX}/public/occupancy`,
    title: 'Occupancy',
    description: "The whole floor's occupancy as this box counts it; `partitioned: true` while it cannot hear every box it knows (then the count is its own doors only).",
    message: 'PublicOccupancy',
    qos: 1,
    retain: true,
    readers: ['box', 'reader'],
  },
];

/** JSON Schema draft-07 (AsyncAPI's default schema format is a superset of it). */
function payloadSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: 'draft-7', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

const mqttBinding = { bindingVersion: '0.2.0' };

export function floorAsyncApiDocument(): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  for (const spec of FLOOR_CHANNELS) {
    const parameters: Record<string, unknown> = {
      locationId: { description: "The gym's location id (`location.id`)" },
      boxId: { description: `The publishing box's id (\`floor.boxId\`), also its broker user name; matches ${BOX_ID_PATTERN.source}` },
    };
    if (spec.address.includes('{equipmentId}')) parameters.equipmentId = { description: 'The machine (`equipmentId` of its tile)' };
    channels[spec.topic] = {
      address: spec.address,
      title: spec.title,
      description: `${spec.description}\n\nQoS ${spec.qos}${spec.retain ? ', retained' : ''}. Subscribe: ${spec.readers.map((r) => `${r} accounts`).join(' and ')}.`,
      parameters,
      messages: { [spec.message]: { $ref: `#/components/messages/${spec.message}` } },
      'x-floorgate-readers': spec.readers,
    };
    const name = spec.topic.charAt(0).toUpperCase() + spec.topic.slice(1);
    const bindings = { mqtt: { qos: spec.qos, retain: spec.retain, ...mqttBinding } };
    const messages = [{ $ref: `#/channels/${spec.topic}/messages/${spec.message}` }];
    operations[`send${name}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${spec.topic}` },
      summary: `A box publishes its own ${spec.title.toLowerCase()} (under its own box id only)`,
      messages,
      bindings,
      security: [{ $ref: '#/components/securitySchemes/boxAccount' }],
    };
    operations[`receive${name}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${spec.topic}` },
      summary: `${spec.readers.includes('reader') ? 'Boxes and read-only integrations' : 'Boxes only'} receive ${spec.title.toLowerCase()}`,
      messages,
      bindings,
      security: spec.readers.map((reader) => ({ $ref: `#/components/securitySchemes/${reader === 'box' ? 'boxAccount' : 'readerAccount'}` })),
    };
  }

  const messages: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(PAYLOADS)) {
    schemas[name] = payloadSchema(schema);
    messages[name] = {
      name,
      contentType: 'application/json',
      payload: { $ref: `#/components/schemas/${name}` },
      bindings: { mqtt: { payloadFormatIndicator: 1, ...mqttBinding } },
    };
  }

  const lastWill = {
    topic: 'floorgate/{locationId}/{boxId}/presence',
    qos: 1,
    retain: true,
    message: 'BoxPresence with online: false',
  };
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Floorgate floor mesh (MQTT)',
      version: VERSION,
      description:
        'Several Floorgate boxes of one gym join into one floor through an MQTT broker: Mosquitto, or the embedded broker of one box ' +
        '(`floor.listen`, MQTT 3.1.1). Every topic is under `floorgate/<locationId>/<boxId>/`; a box account may publish only under ' +
        'its own box id. A `reader` account (Home Assistant, Node-RED) publishes nothing and reads `+/presence` and `+/public/#` ' +
        'only: display names, never member ids. Written from the zod schemas in shared/floor.ts; see docs/floor-mqtt.md.',
      license: { name: 'MIT' },
    },
    defaultContentType: 'application/json',
    servers: {
      embedded: {
        host: '{box}:{port}',
        protocol: 'mqtt',
        protocolVersion: '3.1.1',
        description: 'The embedded broker of the box configured with `floor.listen` (accounts in `floor.accountsFile`)',
        variables: { box: { description: 'That box on the LAN' }, port: { default: '1883', description: '`floor.listen`' } },
        security: [{ $ref: '#/components/securitySchemes/boxAccount' }, { $ref: '#/components/securitySchemes/readerAccount' }],
        bindings: { mqtt: { cleanSession: true, lastWill, ...mqttBinding } },
      },
      mosquitto: {
        host: '{broker}:{port}',
        protocol: 'mqtt',
        description: 'Mosquitto (deploy/mosquitto/), with the same accounts and ACL; `mqtts` on 8883 with TLS',
        variables: { broker: { description: 'The broker host' }, port: { default: '1883' } },
        security: [{ $ref: '#/components/securitySchemes/boxAccount' }, { $ref: '#/components/securitySchemes/readerAccount' }],
        bindings: { mqtt: { cleanSession: true, lastWill, ...mqttBinding } },
      },
    },
    channels,
    operations,
    components: {
      schemas,
      messages,
      securitySchemes: {
        boxAccount: {
          type: 'userPassword',
          description: 'A box: user name = its box id. Publishes only under floorgate/<locationId>/<boxId>/#; subscribes to floorgate/<locationId>/#',
        },
        readerAccount: {
          type: 'userPassword',
          description: 'A read-only integration: publishes nothing; subscribes to floorgate/<locationId>/+/presence and floorgate/<locationId>/+/public/# only',
        },
      },
    },
  };
}

export function floorAsyncApiText(): string {
  return `${JSON.stringify(floorAsyncApiDocument(), null, 2)}\n`;
}

/** `npm run docs:asyncapi`. */
export function writeFloorAsyncApi(): void {
  writeFileSync(FLOOR_ASYNCAPI_FILE, floorAsyncApiText());
}

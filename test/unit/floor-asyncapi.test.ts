import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { floorTopics } from '../../shared/floor.js';
import { FLOOR_ASYNCAPI_FILE, floorAsyncApiDocument, floorAsyncApiText } from '../../gateway/floor/asyncapi.js';

type Doc = {
  asyncapi: string;
  channels: Record<string, { address: string; messages: Record<string, { $ref: string }>; 'x-floorgate-readers': string[] }>;
  operations: Record<string, { action: string; channel: { $ref: string }; bindings: { mqtt: { qos: number; retain: boolean } } }>;
  components: { schemas: Record<string, object>; messages: Record<string, { payload: { $ref: string } }> };
};

/** Every `$ref` string anywhere in the document. */
function refs(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refs);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => (key === '$ref' && typeof inner === 'string' ? [inner] : refs(inner)));
  }
  return [];
}

function resolve(doc: unknown, ref: string): unknown {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
}

describe('docs/floor-mqtt.asyncapi.json', () => {
  it('is the contract the code speaks (regenerate with npm run docs:asyncapi)', () => {
    expect(readFileSync(FLOOR_ASYNCAPI_FILE, 'utf8')).toBe(floorAsyncApiText());
  });

  it('documents every topic of shared/floor.ts, each with a send and a receive operation, and every reference resolves', () => {
    const doc = floorAsyncApiDocument() as Doc;
    expect(doc.asyncapi).toBe('3.0.0');
    expect(Object.keys(doc.channels).sort()).toEqual(Object.keys(floorTopics).sort());
    for (const [name, channel] of Object.entries(doc.channels)) {
      // The address template is the topic function's output with the parameters in braces.
      const fn = floorTopics[name as keyof typeof floorTopics] as (...args: string[]) => string;
      expect(fn('{locationId}', '{boxId}', '{equipmentId}')).toBe(channel.address);
      const ops = Object.values(doc.operations).filter((op) => op.channel.$ref === `#/channels/${name}`);
      expect(ops.map((op) => op.action).sort()).toEqual(['receive', 'send']);
    }
    for (const ref of refs(doc)) expect(resolve(doc, ref), ref).toBeDefined();
  });

  it('says the QoS and retain of each topic as the issue asks: readings QoS 0, state, occupancy and presence retained', () => {
    const doc = floorAsyncApiDocument() as Doc;
    const mqttOf = (channel: string) => doc.operations[`send${channel.charAt(0).toUpperCase()}${channel.slice(1)}`]!.bindings.mqtt;
    expect(mqttOf('machineReading')).toMatchObject({ qos: 0, retain: false });
    for (const retained of ['presence', 'machineState', 'occupancy']) expect(mqttOf(retained), retained).toMatchObject({ qos: 1, retain: true });
    for (const fact of ['facts', 'admissions', 'sessions']) expect(mqttOf(fact), fact).toMatchObject({ qos: 1, retain: false });
  });

  it('lets a read-only account read no topic whose payload can carry a member id', () => {
    const doc = floorAsyncApiDocument() as Doc;
    for (const [name, channel] of Object.entries(doc.channels)) {
      const schemas = Object.values(channel.messages).map((message) => {
        const payloadRef = (resolve(doc, message.$ref) as { payload: { $ref: string } }).payload.$ref;
        return JSON.stringify(resolve(doc, payloadRef));
      });
      const carriesMemberId = schemas.some((text) => text.includes('"memberId"'));
      expect(channel['x-floorgate-readers'].includes('reader') && carriesMemberId, name).toBe(false);
    }
    expect(doc.channels.facts!['x-floorgate-readers']).toEqual(['box']);
  });

  it('holds payload schemas that a JSON Schema validator compiles', () => {
    const doc = floorAsyncApiDocument() as Doc;
    const ajv = new Ajv({ strict: true });
    for (const [name, schema] of Object.entries(doc.components.schemas)) expect(() => ajv.compile(schema), name).not.toThrow();
  });
});

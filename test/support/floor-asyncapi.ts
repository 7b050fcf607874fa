import { Ajv, type ValidateFunction } from 'ajv';
import { floorAsyncApiDocument } from '../../gateway/floor/asyncapi.js';

/** The parts of the floor's AsyncAPI document the contract tests read. */
export type FloorAsyncApi = {
  channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
  operations: Record<string, { action: string; channel: { $ref: string }; bindings: { mqtt: { qos: 0 | 1; retain: boolean } } }>;
  servers: { embedded: { bindings: { mqtt: { lastWill: { topic: string; qos: 0 | 1; retain: boolean } } } } };
  components: { schemas: Record<string, object>; messages: Record<string, { payload: { $ref: string } }> };
};

export const floorDoc = floorAsyncApiDocument() as FloorAsyncApi;
const ajv = new Ajv({ strict: true, allErrors: true });
const validators = new Map<string, ValidateFunction>(Object.entries(floorDoc.components.schemas).map(([name, schema]) => [name, ajv.compile(schema)]));

/** The document's channel for a concrete topic (its address template as a pattern), its validator, QoS and retain. */
export function channelFor(topic: string) {
  for (const [name, channel] of Object.entries(floorDoc.channels)) {
    const pattern = new RegExp(`^${channel.address.replace(/\{[A-Za-z]+\}/g, '[^/]+')}$`);
    if (!pattern.test(topic)) continue;
    const messageName = Object.keys(channel.messages)[0]!;
    const send = Object.values(floorDoc.operations).find((op) => op.action === 'send' && op.channel.$ref === `#/channels/${name}`)!;
    return { name, validate: validators.get(messageName)!, ...send.bindings.mqtt };
  }
  throw new Error(`no channel in the AsyncAPI document for ${topic}`);
}

/**
 * The contract from the other side: a real gateway process (`floorgate start`, floor client, simulated rowers) joins
 * the embedded broker with a box account; everything it publishes — presence, facts, machine state and readings,
 * admissions, sessions, occupancy, and its last will when it is killed — validates against the AsyncAPI document's
 * schemas and QoS (Ajv), as a tap on the broker receives it.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import pino from 'pino';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { hashPassword } from '../../gateway/floor/broker-accounts.js';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../gateway/floor/embedded-broker.js';
import { FloorBox, LOCATION } from '../floor/floor-boxes.js';
import { channelFor, floorDoc } from '../support/floor-asyncapi.js';
import { tempDataDir } from '../support/gateway.js';

const box = new FloorBox({ id: 'upstairs', name: 'Upstairs', rowers: 2 });
let broker: EmbeddedBroker | null = null;
let tap: MqttClient | null = null;

afterAll(async () => {
  await box.kill();
  await tap?.endAsync(true);
  await broker?.close();
});

describe("a gateway's floor messages through the embedded broker", () => {
  it('all validate against the AsyncAPI document, the last will included', { timeout: 120_000 }, async () => {
    const accountsFile = path.join(tempDataDir(), 'floor-accounts.json');
    const cheap = { N: 1024, r: 8, p: 1 };
    const accounts = [
      { user: box.account.user, role: 'box', passwordHash: await hashPassword(box.account.password, cheap) },
      { user: 'contract-tap', role: 'box', passwordHash: await hashPassword('contract-tap-pw', cheap) },
    ];
    writeFileSync(accountsFile, JSON.stringify({ accounts }), { mode: 0o600 });
    broker = await startEmbeddedBroker({ port: 0, host: '127.0.0.1', accountsFile, locationId: LOCATION, log: pino({ level: 'silent' }) });

    tap = await mqtt.connectAsync(broker.url, { username: 'contract-tap', password: 'contract-tap-pw', reconnectPeriod: 0 });
    const received: Array<{ topic: string; payload: string; qos: number }> = [];
    tap.on('message', (topic, payload, packet) => received.push({ topic, payload: payload.toString(), qos: packet.qos }));
    await tap.subscribeAsync(`floorgate/${LOCATION}/#`, { qos: 1 });

    await box.start(broker.url);
    const seen = () => new Set(received.map((message) => channelFor(message.topic).name));
    await vi.waitFor(() => expect(seen()).toContain('presence'), { timeout: 30_000, interval: 100 });
    expect((await box.checkIn('1001')).body.decision).toBe('accepted');
    await box.session('m-anna', 2000);
    const everyChannel = Object.keys(floorDoc.channels).sort();
    await vi.waitFor(() => expect([...seen()].sort()).toEqual(everyChannel), { timeout: 30_000, interval: 100 });

    const before = received.length;
    await box.kill('SIGKILL');
    await vi.waitFor(
      () => expect(received.slice(before).some((m) => m.topic.endsWith('/presence') && JSON.parse(m.payload).online === false)).toBe(true),
      { timeout: 20_000, interval: 100 },
    );

    for (const message of received) {
      const channel = channelFor(message.topic);
      expect(message.topic.split('/')[2], message.topic).toBe('upstairs');
      expect(message.qos, message.topic).toBe(channel.qos);
      const valid = channel.validate(JSON.parse(message.payload));
      expect(valid ? null : { topic: message.topic, errors: channel.validate.errors }).toBeNull();
    }
  });
});

/**
 * The embedded floor broker with real MQTT.js clients on loopback: accounts, the per-box publish rule, the read-only
 * account, last wills and retained messages.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import mqtt, { type MqttClient } from 'mqtt';
import pino from 'pino';
import { Option } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { floorTopics, type BoxPresence, type PublicOccupancy } from '../../shared/floor.js';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../gateway/floor/embedded-broker.js';
import { hashPassword, upsertAccount } from '../../gateway/floor/broker-accounts.js';
import { floorCommand } from '../../gateway/floor/accounts-cli.js';
import type { FloorgateConfig } from '../../gateway/config/schema.js';
import type { FloorRole } from '../../gateway/floor/broker-access.js';
import { tempDataDir } from '../support/gateway.js';

const GYM = 'gym-1';
const PASSWORDS = { upstairs: 'up-secret-1', entrance: 'door-secret-2', 'home-assistant': 'ha-secret-3' } as const;
const ROLES: Record<keyof typeof PASSWORDS, FloorRole> = { upstairs: 'box', entrance: 'box', 'home-assistant': 'reader' };

let broker: EmbeddedBroker | null = null;
const clients: MqttClient[] = [];
let logLines: string[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.endAsync(true)));
  await broker?.close();
  broker = null;
});

async function writeAccounts(file: string) {
  // A cheap scrypt cost keeps the test fast; the format and the check are the production ones.
  const accounts = await Promise.all(
    Object.entries(PASSWORDS).map(async ([user, password]) => ({
      user,
      role: ROLES[user as keyof typeof PASSWORDS],
      passwordHash: await hashPassword(password, { N: 1024, r: 8, p: 1 }),
    })),
  );
  writeFileSync(file, JSON.stringify({ accounts }), { mode: 0o600 });
}

async function startBroker(): Promise<{ broker: EmbeddedBroker; accountsFile: string }> {
  const accountsFile = path.join(tempDataDir(), 'floor-accounts.json');
  await writeAccounts(accountsFile);
  logLines = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString().trim().split('\n'));
      done();
    },
  });
  broker = await startEmbeddedBroker({ port: 0, host: '127.0.0.1', accountsFile, locationId: GYM, log: pino({ level: 'info' }, sink) });
  return { broker, accountsFile };
}

function connect(user: string, password: string, options: mqtt.IClientOptions = {}): Promise<MqttClient> {
  const client = mqtt.connect(broker!.url, { username: user, password, reconnectPeriod: 0, clientId: `${user}-${clients.length}`, ...options });
  clients.push(client);
  return new Promise((resolve, reject) => {
    client.once('connect', () => resolve(client));
    client.once('error', reject);
  });
}

const as = (user: keyof typeof PASSWORDS, options: mqtt.IClientOptions = {}) => connect(user, PASSWORDS[user], options);

/** Messages a client receives, with a way to wait for the first that matches. */
function inbox(client: MqttClient) {
  const received: Array<{ topic: string; payload: string; retain: boolean }> = [];
  const waiters: Array<() => void> = [];
  client.on('message', (topic, payload, packet) => {
    received.push({ topic, payload: payload.toString(), retain: packet.retain });
    for (const wake of waiters.splice(0)) wake();
  });
  return {
    received,
    async next(topic: string) {
      for (;;) {
        const found = received.find((message) => message.topic === topic);
        if (found) return found;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
  };
}

const closed = (client: MqttClient) => new Promise<void>((resolve) => client.once('close', () => resolve()));

describe('the embedded floor broker: accounts', () => {
  it('refuses a wrong password and an unknown user with "bad user name or password", and logs why without the password', async () => {
    await startBroker();
    await expect(connect('upstairs', 'not-the-password')).rejects.toMatchObject({ code: 4 });
    await expect(connect('nobody', PASSWORDS.upstairs)).rejects.toMatchObject({ code: 4 });
    await expect(connect('upstairs', '')).rejects.toMatchObject({ code: 4 });
    expect(logLines.join('\n')).toContain('refused connection from 127.0.0.1 (client id \\"upstairs-0\\"): wrong password for account \\"upstairs\\"');
    expect(logLines.join('\n')).toContain('unknown account \\"nobody\\"');
    expect(logLines.join('\n')).not.toContain('not-the-password');
    expect(logLines.join('\n')).not.toContain(PASSWORDS.upstairs);
    await as('upstairs'); // the right password still works
  });

  it('lets an account added to the file on a running broker connect at once', async () => {
    const { accountsFile } = await startBroker();
    await expect(connect('downstairs', 'new-box-pw')).rejects.toMatchObject({ code: 4 });
    await upsertAccount(accountsFile, { user: 'downstairs', role: 'box' }, 'new-box-pw');
    await connect('downstairs', 'new-box-pw');
  });

  it('takes a box that `floorgate floor add-account` made, with the password it printed once', async () => {
    const { accountsFile } = await startBroker();
    const printed: string[] = [];
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (printed.push(String(chunk)), true));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const command = floorCommand(new Option('-c, --config <file>'), () => ({ floor: { accountsFile } }) as FloorgateConfig);
      await command.parseAsync(['add-account', 'downstairs', '--role', 'box'], { from: 'user' });
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
    const password = printed.join('').trim();
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const box = await connect('downstairs', password);
    await box.publishAsync(floorTopics.occupancy(GYM, 'downstairs'), '{}', { qos: 1 });
  });

  it("refuses another account's attempt to take a connected box's client id", async () => {
    await startBroker();
    const box = await as('upstairs', { clientId: 'floorgate-upstairs' });
    await expect(as('home-assistant', { clientId: 'floorgate-upstairs' })).rejects.toMatchObject({ code: 2 });
    expect(box.connected).toBe(true);
    expect(logLines.join('\n')).toContain('client id is in use by account \\"upstairs\\"');
  });
});

describe('the embedded floor broker: who may publish and read what', () => {
  it('does not let a box publish under another box id: the message reaches no one and the box is disconnected', async () => {
    await startBroker();
    const entrance = await as('entrance');
    const entranceInbox = inbox(entrance);
    await entrance.subscribeAsync(`floorgate/${GYM}/#`, { qos: 1 });
    const upstairs = await as('upstairs');
    const upstairsClosed = closed(upstairs);
    upstairs.publish(floorTopics.facts(GYM, 'entrance'), '{"forged":true}', { qos: 1 });
    await upstairsClosed;
    // A message the box may send, sent after the refusal: once it has arrived, the forged one would have too.
    const again = await as('upstairs');
    await again.publishAsync(floorTopics.occupancy(GYM, 'upstairs'), '{"count":1}', { qos: 1 });
    await entranceInbox.next(floorTopics.occupancy(GYM, 'upstairs'));
    expect(entranceInbox.received.map((message) => message.topic)).toEqual([floorTopics.occupancy(GYM, 'upstairs')]);
    expect(logLines.join('\n')).toContain(
      `refused publish by \\"upstairs\\" to floorgate/${GYM}/entrance/facts: box \\"upstairs\\" publishes only under floorgate/${GYM}/upstairs/…; connection closed`,
    );
  });

  it('gives a reader presence and public topics but never facts, and refuses its publishing', async () => {
    await startBroker();
    const reader = await as('home-assistant');
    const readerInbox = inbox(reader);
    // MQTT.js rejects a SUBACK holding a refusal (0x80); the packet with every grant rides on the error.
    const suback = await reader
      .subscribeAsync([`floorgate/${GYM}/#`, `floorgate/${GYM}/+/facts`, `floorgate/${GYM}/+/presence`, `floorgate/${GYM}/+/public/#`], { qos: 1 })
      .then(
        () => null,
        (error: { packet?: { granted: number[] } }) => error.packet,
      );
    expect(suback?.granted).toEqual([128, 128, 1, 1]);

    const box = await as('upstairs');
    await box.publishAsync(floorTopics.facts(GYM, 'upstairs'), '{"type":"check_in","memberId":"m-1"}', { qos: 1 });
    await box.publishAsync(floorTopics.admissions(GYM, 'upstairs'), '{"displayName":"Anna S."}', { qos: 1 });
    await readerInbox.next(floorTopics.admissions(GYM, 'upstairs'));
    expect(readerInbox.received.map((message) => message.topic)).toEqual([floorTopics.admissions(GYM, 'upstairs')]);

    const readerClosed = closed(reader);
    reader.publish(floorTopics.occupancy(GYM, 'upstairs'), '{"count":999}', { qos: 1 });
    await readerClosed;
    expect(logLines.join('\n')).toContain('refused publish by \\"home-assistant\\"');
    expect(logLines.join('\n')).toContain(`refused subscription by \\"home-assistant\\" to floorgate/${GYM}/#`);
  });
});

describe('the embedded floor broker: presence and retained state', () => {
  it("delivers a box's last will to the other boxes when its socket dies", async () => {
    await startBroker();
    const entrance = await as('entrance');
    const entranceInbox = inbox(entrance);
    await entrance.subscribeAsync(`floorgate/${GYM}/+/presence`, { qos: 1 });

    const topic = floorTopics.presence(GYM, 'upstairs');
    const goodbye: BoxPresence = { boxId: 'upstairs', name: 'Upstairs', online: false, since: '2026-11-29T12:03:00.000Z', version: '0.1.0' };
    const upstairs = await as('upstairs', { will: { topic, payload: Buffer.from(JSON.stringify(goodbye)), qos: 1, retain: true } });
    const hello: BoxPresence = { ...goodbye, online: true };
    await upstairs.publishAsync(topic, JSON.stringify(hello), { qos: 1, retain: true });
    expect(JSON.parse((await entranceInbox.next(topic)).payload)).toMatchObject({ online: true });
    entranceInbox.received.length = 0;

    upstairs.stream.destroy(); // the box's TCP connection dies without a DISCONNECT (power cut, cable pulled)
    expect(JSON.parse((await entranceInbox.next(topic)).payload)).toEqual(goodbye);

    // Retained too: a screen's box that joins later learns that Upstairs is gone.
    const late = await as('entrance', { clientId: 'entrance-late' });
    const lateInbox = inbox(late);
    await late.subscribeAsync(`floorgate/${GYM}/+/presence`, { qos: 1 });
    expect(await lateInbox.next(topic)).toMatchObject({ retain: true, payload: JSON.stringify(goodbye) });
  });

  it("refuses a box whose last will would speak for another box", async () => {
    await startBroker();
    const will = { topic: floorTopics.presence(GYM, 'entrance'), payload: Buffer.from('{"online":false}'), qos: 1 as const, retain: true };
    await expect(as('upstairs', { will })).rejects.toMatchObject({ code: 5 });
    expect(logLines.join('\n')).toContain(`last will on floorgate/${GYM}/entrance/presence: box \\"upstairs\\" publishes only under`);
  });

  it('keeps retained messages for subscribers that come later, readers included', async () => {
    await startBroker();
    const box = await as('upstairs');
    const occupancy: PublicOccupancy = { boxId: 'upstairs', count: 17, capacity: 60, peakToday: 23, updatedAt: '2026-11-29T17:00:00.000Z', partitioned: false };
    await box.publishAsync(floorTopics.occupancy(GYM, 'upstairs'), JSON.stringify(occupancy), { qos: 1, retain: true });
    await box.endAsync();

    const reader = await as('home-assistant');
    const readerInbox = inbox(reader);
    await reader.subscribeAsync(`floorgate/${GYM}/+/public/#`, { qos: 1 });
    const message = await readerInbox.next(floorTopics.occupancy(GYM, 'upstairs'));
    expect(message.retain).toBe(true);
    expect(JSON.parse(message.payload)).toEqual(occupancy);
  });
});

describe('the embedded floor broker: a port in use', () => {
  it('fails to start with EADDRINUSE, which the caller can name', async () => {
    const { broker: first, accountsFile } = await startBroker();
    const second = startEmbeddedBroker({ port: first.port, host: '127.0.0.1', accountsFile, locationId: GYM, log: pino({ level: 'silent' }) });
    await expect(second).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});

describe('the embedded floor broker: a bad accounts file', () => {
  it('does not start, and says which field or permission is wrong', async () => {
    const dir = tempDataDir();
    const log = pino({ level: 'silent' });
    const loose = path.join(dir, 'loose.json');
    writeFileSync(loose, '{"accounts":[]}', { mode: 0o644 });
    await expect(startEmbeddedBroker({ port: 0, host: '127.0.0.1', accountsFile: loose, locationId: GYM, log })).rejects.toThrow(`chmod 600 ${loose}`);
    const badRole = path.join(dir, 'bad-role.json');
    writeFileSync(badRole, '{"accounts":[{"user":"a","role":"admin","passwordHash":"scrypt$1024$8$1$AAAA$AAAA"}]}', { mode: 0o600 });
    await expect(startEmbeddedBroker({ port: 0, host: '127.0.0.1', accountsFile: badRole, locationId: GYM, log })).rejects.toThrow(/accounts\[0\]\.role/);
  });
});

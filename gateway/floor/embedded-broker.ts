/**
 * The embedded floor broker (`floor.listen`): Aedes on a plain TCP port, so a small gym joins two boxes with nothing
 * to install. Accounts come from `floor.accountsFile` (broker-accounts.ts); who may publish and subscribe where is
 * decided by broker-access.ts. This file only wires those rules into Aedes and the socket.
 *
 * Aedes speaks MQTT 3.1.1 (protocol level 4), which is MQTT.js's default. A refused publish closes the client's
 * connection (MQTT 3.1.1 has no negative PUBACK, §3.3.5); a refused subscription is answered with 0x80 in SUBACK.
 */
import { Aedes, type AuthenticateError, type Client, type ConnectPacket } from 'aedes';
import { createServer, type Socket } from 'node:net';
import type { Logger } from '../log.js';
import { AccountBook } from './broker-accounts.js';
import { mayPublish, mayReceive, maySubscribe, type FloorAccount } from './broker-access.js';

export interface EmbeddedBrokerOptions {
  /** TCP port; 0 = any free port (tests). */
  port: number;
  /** Interface to listen on; default all interfaces, as the other boxes must reach it. */
  host?: string;
  accountsFile: string;
  locationId: string;
  log: Logger;
}

export interface EmbeddedBroker {
  /** Where this box's own floor client connects (`mqtt://127.0.0.1:<port>` when listening on every interface). */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** MQTT 3.1.1 CONNACK return codes used here (Aedes' `AuthErrorCode` is a const enum, not importable at runtime). */
const IDENTIFIER_REJECTED = 2;
const BAD_USERNAME_OR_PASSWORD = 4;
const NOT_AUTHORIZED = 5;

function refusal(message: string, returnCode: number): AuthenticateError {
  return Object.assign(new Error(message), { returnCode }) as AuthenticateError;
}

function remoteOf(client: Client): string {
  return (client.conn as Partial<Socket>).remoteAddress ?? 'unknown';
}

export async function startEmbeddedBroker(options: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const { locationId, log } = options;
  const host = options.host ?? '0.0.0.0';
  const accounts = new AccountBook(options.accountsFile, (message) => log.error(`floor broker: ${message}`));
  const accountOf = new WeakMap<Client, FloorAccount>();
  const willOf = new WeakMap<Client, NonNullable<ConnectPacket['will']>>();

  const broker = new Aedes({
    // A subscriber that stops reading is dropped after 10 s instead of stalling delivery to every other box.
    drainTimeout: 10_000,
    // A socket that has not sent CONNECT within 10 s is closed (Aedes' default waits 30 s).
    connectTimeout: 10_000,
    preConnect(client, packet, done) {
      if (packet.will) willOf.set(client, packet.will);
      done(null, true);
    },
    authenticate(client, username, password, done) {
      const who = `from ${remoteOf(client)} (client id "${client.id}")`;
      accounts.authenticate(username, password ? Buffer.from(password) : undefined).then(
        (result) => {
          if ('refused' in result) {
            log.warn(`floor broker: refused connection ${who}: ${result.refused}`);
            return done(refusal(result.refused, BAD_USERNAME_OR_PASSWORD), false);
          }
          const will = willOf.get(client);
          if (will) {
            const decision = mayPublish(result, locationId, will.topic);
            if (!decision.ok) {
              log.warn(`floor broker: refused connection ${who}: last will on ${will.topic}: ${decision.reason}`);
              return done(refusal('last will topic not allowed', NOT_AUTHORIZED), false);
            }
          }
          // Another account may not take over a connected client's session by reusing its client id.
          const holder = (broker as unknown as { clients: Record<string, Client | undefined> }).clients[client.id];
          const holderAccount = holder ? accountOf.get(holder) : undefined;
          if (holderAccount && holderAccount.user !== result.user) {
            log.warn(`floor broker: refused connection ${who}: client id is in use by account "${holderAccount.user}"`);
            return done(refusal('client id in use by another account', IDENTIFIER_REJECTED), false);
          }
          accountOf.set(client, result);
          done(null, true);
        },
        (error: unknown) => {
          log.error({ err: error }, `floor broker: could not check the credentials ${who}`);
          done(refusal('server error', NOT_AUTHORIZED), false);
        },
      );
    },
    authorizePublish(client, packet, done) {
      if (!client) return done(null); // the broker's own will replay of a vanished client (already checked)
      const account = accountOf.get(client);
      const decision = account ? mayPublish(account, locationId, packet.topic) : ({ ok: false, reason: 'not authenticated' } as const);
      if (decision.ok) return done(null);
      log.warn(`floor broker: refused publish by "${account?.user ?? client.id}" to ${packet.topic}: ${decision.reason}; connection closed`);
      done(new Error(decision.reason));
    },
    authorizeSubscribe(client, subscription, done) {
      const account = accountOf.get(client);
      const decision = account ? maySubscribe(account, locationId, subscription.topic) : ({ ok: false, reason: 'not authenticated' } as const);
      if (decision.ok) return done(null, subscription);
      log.warn(`floor broker: refused subscription by "${account?.user ?? client.id}" to ${subscription.topic}: ${decision.reason}`);
      done(null, null); // SUBACK 0x80 for this filter; the client stays connected
    },
    authorizeForward(client, packet) {
      const account = accountOf.get(client);
      return account && mayReceive(account, locationId, packet.topic) ? packet : null;
    },
  });
  await broker.listen();

  broker.on('clientReady', (client) => {
    const account = accountOf.get(client);
    log.info(`floor broker: ${account?.role ?? 'client'} "${account?.user ?? '?'}" connected from ${remoteOf(client)}`);
  });
  broker.on('clientDisconnect', (client) => {
    const account = accountOf.get(client);
    if (account) log.info(`floor broker: ${account.role} "${account.user}" disconnected`);
  });
  broker.on('clientError', (client, error) => log.debug({ clientId: client.id, err: error }, 'floor broker: client error'));
  broker.on('connectionError', (client, error) => log.debug({ clientId: client?.id, err: error }, 'floor broker: connection error'));

  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    // Nagle off: the floor is small messages in bursts (a box's tiles due together); with Nagle and delayed ACKs
    // each burst waits ~20 ms for an ACK (bench/floor-brokers.ts: p50 21 ms → 2 ms).
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    broker.handle(socket);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    throw error; // EADDRINUSE, EACCES: the caller says which port
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const localHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  log.info(`floor broker: listening on ${host}:${port} for location ${locationId} (${accounts.size} accounts)`);

  let closing: Promise<void> | null = null;
  return {
    url: `mqtt://${localHost.includes(':') ? `[${localHost}]` : localHost}:${port}`,
    port,
    close() {
      closing ??= (async () => {
        const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
        await new Promise<void>((resolve) => broker.close(() => resolve()));
        // Sockets that never sent CONNECT are not Aedes clients yet; end them so the port is freed.
        for (const socket of sockets) socket.destroy();
        await serverClosed;
      })();
      return closing;
    },
  };
}

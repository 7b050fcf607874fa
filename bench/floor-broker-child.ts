/**
 * The Aedes side of bench/floor-brokers.ts, in its own process so its CPU and memory are measured apart from the
 * load. `raw`: Aedes with the embedded broker's options and no accounts (as Mosquitto runs with
 * `allow_anonymous`), for N gyms on one broker. `embedded <accountsFile> <locationId> [port]`: the embedded broker as
 * shipped (scrypt accounts, per-box ACL). Prints `listening <port>` once it accepts connections.
 */
import { createServer } from 'node:net';
import { Aedes } from 'aedes';
import pino from 'pino';
import { startEmbeddedBroker } from '../gateway/floor/embedded-broker.js';

const [mode, accountsFile, locationId, port] = process.argv.slice(2);

if (mode === 'embedded') {
  const broker = await startEmbeddedBroker({ port: Number(port ?? 0), host: '127.0.0.1', accountsFile: accountsFile!, locationId: locationId!, log: pino({ level: 'warn' }) });
  process.stdout.write(`listening ${broker.port}\n`);
} else {
  const broker = new Aedes({ drainTimeout: 10_000 });
  await broker.listen();
  const server = createServer((socket) => {
    if (process.env.BENCH_FLOOR_NODELAY === '1') socket.setNoDelay(true);
    broker.handle(socket);
  });
  server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${(server.address() as { port: number }).port}\n`));
}

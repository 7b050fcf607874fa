import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, LiveMessage, ServerToClientEvents } from '../../shared/live.js';
import { startGateway, type Gateway, type GatewayOptions } from '../../gateway/app.js';
import { loadConfig } from '../../gateway/config/load.js';
import type { FloorgateConfig } from '../../gateway/config/schema.js';
import { createLogger } from '../../gateway/log.js';

export function tempDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'floorgate-test-'));
}

/** A real gateway on a loopback port: demo roster, no random taps, no machines unless asked. */
export async function testGateway(
  env: Record<string, string> = {},
  options: GatewayOptions & { dataDir?: string; configure?: (config: FloorgateConfig) => void } = {},
): Promise<Gateway> {
  const config = loadConfig({
    env: {
      PORT: '1', // replaced below: 0 (any free port) is not a valid configured port
      HOST: '127.0.0.1',
      FLOORGATE_DATA_DIR: options.dataDir ?? tempDataDir(),
      FLOORGATE_SIMULATOR: 'on',
      FLOORGATE_SIMULATOR_TAPS_PER_MINUTE: '0',
      FLOORGATE_TIMEZONE: 'UTC',
      ...env,
    },
    cwd: tmpdir(),
  });
  config.port = 0;
  config.simulator.rowers = 0;
  config.simulator.bikes = 0;
  config.simulator.heartRateStraps = 0;
  options.configure?.(config);
  return startGateway(config, { log: createLogger('silent'), ...options });
}

export type LiveClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export function liveClient(url: string): LiveClient {
  return io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
}

/** Resolves with the first message on `event` that satisfies `match`. */
export function nextMessage(
  socket: LiveClient,
  event: 'snapshot' | 'delta',
  match: (message: LiveMessage) => boolean,
): Promise<LiveMessage> {
  return new Promise((resolve) => {
    const listener = (message: LiveMessage) => {
      if (!match(message)) return;
      socket.off(event, listener);
      resolve(message);
    };
    socket.on(event, listener);
  });
}

export async function join(socket: LiveClient, room: string): Promise<void> {
  const ack = await socket.emitWithAck('join', room);
  if (!ack.ok) throw new Error(ack.error);
}

/** Test uplink timings: quick backoff and breaker, so recovery takes milliseconds, not minutes. */
export const FAST_UPLINK = {
  backoff: { baseMs: 20, capMs: 200 },
  breaker: { failures: 5, halfOpenAfterMs: 200 },
  authRetryMs: 60_000,
  idleRecheckMs: 1_000,
};

export function postSession(url: string, overrides: Record<string, unknown> = {}) {
  return fetch(`${url}/api/equipment/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      equipmentId: 'row-1',
      equipmentType: 'rower',
      memberId: null,
      // Sessions must end within a day of now (plausibility): ten minutes ago, eight minutes long.
      startedAt: new Date(Date.now() - 10 * 60_000).toISOString(),
      endedAt: new Date(Date.now() - 2 * 60_000).toISOString(),
      summary: { distanceM: 2000, durationS: 480 },
      ...overrides,
    }),
  }).then(async (response) => ({ status: response.status, body: (await response.json()) as Record<string, any> }));
}

export async function postCheckIn(url: string, badge: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/api/checkins`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ badge }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

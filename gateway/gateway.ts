import type { CheckInResult } from '../shared/checkin.js';
import type { GatewayStatus } from '../shared/status.js';
import type { CheckInAttempt } from './checkin/payload.js';
import type { CheckInPipeline } from './checkin/pipeline.js';
import type { FloorgateConfig } from './config/schema.js';
import type { DeviceAdapter } from './devices/types.js';
import type { FloorEvents } from './floor-events.js';
import type { HttpServer } from './http/server.js';
import type { Logger } from './log.js';
import type { SessionService } from './sessions/service.js';
import type { Store } from './store/open-store.js';
import type { Clock } from './time/clock.js';
import type { CloudLink } from './uplink/cloud-link.js';
import type { UplinkOptions } from './uplink/uplink.js';

/** What `startGateway` (app.ts) takes besides the config, and what it hands back: the running box. */
export interface GatewayOptions {
  clock?: Clock;
  log?: Logger;
  rendererDir?: string;
  /** Extra device adapters (tests, replay); the others come from config. */
  adapters?: DeviceAdapter[];
  /** Retry/backoff settings of the uplink (tests shorten them). */
  uplink?: UplinkOptions;
}

export interface Gateway {
  config: FloorgateConfig;
  url: string;
  port: number;
  kioskToken: string;
  staffToken: string;
  /** Equipment bridges on the LAN hand over finished sessions with this token. */
  bridgeToken: string;
  /** The HTTP server (tests inject requests "from the LAN" with it). */
  http: HttpServer;
  store: Store;
  db: Store['db'];
  outbox: Store['outbox'];
  cloud: CloudLink | null;
  uplink: CloudLink['uplink'] | null;
  floor: FloorEvents;
  /** The check-in path every reader and screen takes. */
  checkIns: CheckInPipeline;
  checkIn(attempt: CheckInAttempt): Promise<CheckInResult>;
  /** Equipment sessions: detection, pairing, claims. */
  sessions: SessionService;
  status(): GatewayStatus;
  close(): Promise<void>;
}

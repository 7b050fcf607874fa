import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { checkInRequestSchema, type CheckInResult } from '../../shared/checkin.js';
import type { ScreenConfig } from '../../shared/screen-config.js';
import type { EquipmentSession, SessionIngest } from '../../shared/sessions.js';
import type { GatewayStatus } from '../../shared/status.js';
import { isDiskFull } from '../store/database.js';
import type { CheckInAttempt } from '../checkin/payload.js';
import type { Logger } from '../log.js';
import type { MetricsEndpoint } from '../status/metrics.js';
import type { StaffAuth } from '../staff/sessions.js';
import type { Clock } from '../time/clock.js';
import { lanAddresses } from '../screens/lan-addresses.js';
import { publicStatus } from '../status/public-status.js';
import { isLoopback } from './access.js';
import { foreignHost, requestTarget } from './allowed-hosts.js';
import { CHECKIN_RATE, sourceKey, UnknownBadgeBrake } from './checkin-limits.js';
import { lazySchemaCompilers } from './schema-compilers.js';
import { securityHeaders } from './security-headers.js';
import { assertDocumented } from './api-contract.js';
import { openApiDocument } from './openapi.js';
import { kioskOnly, sendError, validated } from './reply.js';
import { registerIngestRoutes } from '../sessions/ingest-routes.js';
import { registerStaffRoutes, type StaffActions } from '../staff/staff-routes.js';

/** Re-exported for the composition root (app.ts counts its lines). */
export { localUrl } from './local-url.js';

export interface HttpDeps {
  log: Logger;
  version: string;
  rendererDir: string;
  kioskToken: string;
  screenConfig: ScreenConfig;
  status: () => GatewayStatus;
  checkIn: (attempt: CheckInAttempt) => Promise<CheckInResult>;
  metrics: MetricsEndpoint;
  /** Staff credentials: the staff token, PIN sign-in with its box-wide throttle, and sessions. */
  staffAuth: StaffAuth;
  staff: StaffActions | null;
  /** Names (besides IPs, localhost and the hostname) the API answers under. */
  allowedHosts: ReadonlySet<string>;
  ingestSession: (session: SessionIngest) => Promise<EquipmentSession>;
  /** Equipment bridges' own credential (`<dataDir>/bridge-token`). */
  bridgeToken: string;
  memberKnown: (memberId: string) => boolean;
  clock: Clock;
}

export async function buildHttpServer(deps: HttpDeps) {
  const app = Fastify({
    loggerInstance: deps.log.child({ part: 'http' }) as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }), // screens poll; keep logs for what matters
    bodyLimit: 64 * 1024,
    schemaController: { compilersFactory: lazySchemaCompilers() },
    // On stop, end every connection (a staff page's poll or a screen's keep-alive), not only the idle ones:
    // open screens reconnect to the next start, and a stop must not wait on them.
    forceCloseConnections: true,
  });

  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error, url: request.url }, 'request failed');
    return sendError(reply, status, error.code ?? 'error', status >= 500 ? 'Internal error' : error.message);
  });

  // A route the contract does not describe cannot be served: /api/openapi.json stays whole.
  app.addHook('onRoute', (route) => assertDocumented(route.method, route.url));

  // Against DNS rebinding: the API answers only under the box's own names — also when the
  // request line names a host itself (absolute form, `GET http://evil.example/api/status`).
  app.addHook('onRequest', async (request, reply) => {
    const url = request.raw.url ?? request.url;
    const { path: target } = requestTarget(url);
    // /socket.io too: engine.io only sees origin-form targets, so an absolute-form handshake lands here.
    if (!['/api/', '/metrics', '/socket.io/'].some((prefix) => target.startsWith(prefix))) return;
    const host = foreignHost(request.headers.host, url, deps.allowedHosts);
    if (host !== undefined) {
      return sendError(reply, 403, 'unknown_host', `This box does not answer as ${host}: add it to allowedHosts if it is one of its names.`);
    }
  });

  const security = securityHeaders();
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(security);
    done();
  });
  // Check-ins at what a real reader can do, per source; the box itself (its kiosk shell) is not limited.
  await app.register(fastifyRateLimit, {
    global: false,
    allowList: (request) => isLoopback(request.socket.remoteAddress),
    keyGenerator: (request) => sourceKey(request.socket.remoteAddress),
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: 'too_many_checkins',
      message: `One moment: too many check-ins from this device. Try again in ${Math.ceil(context.ttl / 1000)} s.`,
    }),
  });
  const unknownBadges = new UnknownBadgeBrake(deps.clock);

  app.get('/healthz', async () => ({ ok: true }));
  app.get('/api/status', async () => publicStatus(deps.status())); // webhook URLs: host only, their path is a secret
  app.get('/api/screen-config', async () => deps.screenConfig);
  // Read per request: DHCP may have moved the box since it started.
  app.get('/api/lan-addresses', async () => {
    const bound = app.server.address();
    return typeof bound === 'object' && bound !== null ? lanAddresses(networkInterfaces(), bound.address, bound.port) : lanAddresses({}, '', 0);
  });
  let openapi: Record<string, unknown> | undefined; // built on first ask: it takes ~100 ms, startup should not wait for it
  app.get('/api/openapi.json', async () => (openapi ??= openApiDocument(deps.version)));

  const checkInRate = { rateLimit: { max: CHECKIN_RATE.max, timeWindow: CHECKIN_RATE.timeWindowMs } };
  app.post('/api/checkins', { preHandler: kioskOnly(deps.kioskToken), config: checkInRate }, async (request, reply) => {
    const body = validated(reply, checkInRequestSchema, request.body);
    if (!body) return reply;
    // Unknown badges from one device, one after another, are someone enumerating badges: slow that device down.
    const source = isLoopback(request.socket.remoteAddress) ? null : sourceKey(request.socket.remoteAddress);
    const waitMs = source === null ? 0 : unknownBadges.waitMs(source);
    if (waitMs > 0) {
      const retryAfterS = Math.ceil(waitMs / 1000);
      void reply.header('retry-after', String(retryAfterS));
      return sendError(reply, 429, 'too_many_unknown_badges', `One moment: several unknown badges from this device. Try again in ${retryAfterS} s.`);
    }
    try {
      const result = await deps.checkIn({ badge: body.badge, method: body.method, source: sourceOf(request) });
      if (source !== null && result.reason?.code === 'unknown_badge') unknownBadges.unknownBadge(source);
      return result;
    } catch (error) {
      // Not stored means not decided: the member must hear that, not a welcome.
      request.log.error({ err: error }, 'check-in could not be stored');
      return isDiskFull(error)
        ? sendError(reply, 507, 'storage_full', "This box's disk is full, so the check-in could not be saved. Staff have been alerted.")
        : sendError(reply, 503, 'storage_unavailable', 'This box could not save the check-in (storage error).');
    }
  });

  app.get('/metrics', async (_, reply) => {
    const { contentType, body } = await deps.metrics.scrape();
    return reply.type(contentType).send(body);
  });
  registerIngestRoutes(app, { bridgeToken: deps.bridgeToken, ingestSession: deps.ingestSession, memberKnown: deps.memberKnown, now: () => deps.clock.now() });
  registerStaffRoutes(app, { staffAuth: deps.staffAuth, actions: deps.staff });

  const indexHtml = path.join(deps.rendererDir, 'index.html');
  if (existsSync(indexHtml)) {
    await app.register(fastifyStatic, {
      root: deps.rendererDir,
      index: false,
      setHeaders: (res, file) => {
        res.setHeader('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    const spa = (_: FastifyRequest, reply: FastifyReply) => reply.header('cache-control', 'no-cache').sendFile('index.html');
    app.get('/', spa);
    app.get('/screen/*', spa);
    app.get('/widgets/*', spa);
    app.get('/staff', spa);
    app.get('/staff/*', spa);
  } else {
    const missing = async (_: FastifyRequest, reply: FastifyReply) =>
      reply
        .code(503)
        .type('text/html')
        .send('<h1>Screens are not built</h1><p>Run <code>npm run build</code> (npm start does it for you).</p>');
    app.get('/', missing);
    app.get('/screen/*', missing);
    app.get('/staff', missing);
    app.get('/staff/*', missing);
  }
  return app;
}

function sourceOf(request: FastifyRequest): string {
  const address = request.socket.remoteAddress ?? 'unknown';
  return `http:${address}`;
}

export type HttpServer = Awaited<ReturnType<typeof buildHttpServer>>;

import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CheckInResult } from '../../shared/checkin.js';
import type { ScreenConfig } from '../../shared/screen-config.js';
import type { Registry } from 'prom-client';
import type { EquipmentSession } from '../../shared/sessions.js';
import type { GatewayStatus } from '../../shared/status.js';
import { isDiskFull } from '../store/database.js';
import type { CheckInAttempt } from '../checkin/pipeline.js';
import type { Logger } from '../log.js';
import { kioskRefusal, type Refusal } from './access.js';
import { hostAllowed } from './allowed-hosts.js';
import { checkInRequestSchema } from './api-schemas.js';
import { openApiDocument } from './openapi.js';
import { registerIngestRoutes, type SessionIngest } from '../sessions/ingest-routes.js';
import { registerStaffRoutes, type StaffActions } from '../staff/staff-routes.js';
import type { StaffSessions } from '../staff/session.js';

export interface HttpDeps {
  log: Logger;
  version: string;
  rendererDir: string;
  kioskToken: string;
  screenConfig: ScreenConfig;
  status: () => GatewayStatus;
  checkIn: (attempt: CheckInAttempt) => Promise<CheckInResult>;
  metrics: Registry;
  staffToken: string;
  staffPin: string | null;
  staff: StaffActions | null;
  /** Staff console sessions (gateway/staff/session.ts). */
  staffSessions: StaffSessions | null;
  /** Names (besides IPs, localhost and the hostname) the API answers under. */
  allowedHosts: ReadonlySet<string>;
  ingestSession: (session: SessionIngest) => Promise<EquipmentSession>;
}

function sendError(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).send({ error: { code, message } });
}

function refuse(reply: FastifyReply, refusal: Refusal) {
  return sendError(reply, refusal.status, refusal.code, refusal.message);
}

function facts(request: FastifyRequest) {
  return {
    remoteAddress: request.socket.remoteAddress,
    origin: request.headers.origin,
    host: request.headers.host,
    authorization: request.headers.authorization,
  };
}

export async function buildHttpServer(deps: HttpDeps) {
  const app = Fastify({
    loggerInstance: deps.log.child({ part: 'http' }) as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }), // screens poll; keep logs for what matters
    bodyLimit: 64 * 1024,
  });

  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error, url: request.url }, 'request failed');
    return sendError(reply, status, error.code ?? 'error', status >= 500 ? 'Internal error' : error.message);
  });

  // Against DNS rebinding: the API answers only under the box's own names.
  app.addHook('onRequest', async (request, reply) => {
    if (!(request.url.startsWith('/api/') || request.url.startsWith('/metrics'))) return;
    if (hostAllowed(request.headers.host, deps.allowedHosts)) return;
    return sendError(reply, 403, 'unknown_host', `This box does not answer as ${request.headers.host}: add it to allowedHosts if it is one of its names.`);
  });

  app.get('/healthz', async () => ({ ok: true }));
  app.get('/api/status', async () => deps.status());
  app.get('/api/screen-config', async () => deps.screenConfig);
  const openapi = openApiDocument(deps.version);
  app.get('/api/openapi.json', async () => openapi);

  app.post('/api/checkins', async (request, reply) => {
    const refusal = kioskRefusal(facts(request), deps.kioskToken);
    if (refusal) return refuse(reply, refusal);
    const parsed = checkInRequestSchema.safeParse(request.body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return sendError(reply, 400, 'invalid_request', `${issue.path.join('.') || 'body'} ${issue.message}`);
    }
    try {
      return await deps.checkIn({ badge: parsed.data.badge, method: parsed.data.method, source: sourceOf(request) });
    } catch (error) {
      // Not stored means not decided: the member must hear that, not a welcome.
      request.log.error({ err: error }, 'check-in could not be stored');
      return isDiskFull(error)
        ? sendError(reply, 507, 'storage_full', "This box's disk is full, so the check-in could not be saved. Staff have been alerted.")
        : sendError(reply, 503, 'storage_unavailable', 'This box could not save the check-in (storage error).');
    }
  });

  app.get('/metrics', async (_, reply) => reply.type(deps.metrics.contentType).send(await deps.metrics.metrics()));
  registerIngestRoutes(app, { kioskToken: deps.kioskToken, ingestSession: deps.ingestSession });
  registerStaffRoutes(app, { staffToken: deps.staffToken, staffPin: deps.staffPin, sessions: deps.staffSessions, actions: deps.staff });

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

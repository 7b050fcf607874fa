import { z } from 'zod';
import { apiRoutes, errorSchema, type Access, type ApiAnswer, type ApiRoute } from './api-contract.js';

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(schema, { io, unrepresentable: 'any' });
const content = (schema: z.ZodType, io: 'input' | 'output') => ({ 'application/json': { schema: jsonSchema(schema, io) } });
const errorAnswer = (description: string): ApiAnswer => ({ description, schema: errorSchema });

/** Who may call, as OpenAPI security requirements; `{}` = no credential needed (the box itself, for kiosk routes). */
const SECURITY: Record<Access, Array<Record<string, string[]>> | undefined> = {
  public: undefined,
  kiosk: [{}, { kioskToken: [] }],
  bridge: [{}, { bridgeToken: [] }],
  staff: [{ staffToken: [] }, { staffSession: [] }, { staffPin: [] }],
};

/** The refusals every route of an access class can answer (the one access check in reply.ts). */
const ACCESS_ANSWERS: Record<Access, Record<number, ApiAnswer>> = {
  public: {},
  kiosk: { 401: errorAnswer('Not from this box and no valid kiosk token'), 403: errorAnswer('Cross-origin request, or a name this box does not answer as') },
  bridge: { 401: errorAnswer('Not from this box and no valid bridge token'), 403: errorAnswer('Cross-origin request, or a name this box does not answer as') },
  staff: {
    401: errorAnswer('Staff token, session or PIN required'),
    403: errorAnswer('Cross-origin request, or a name this box does not answer as'),
    429: errorAnswer('Too many wrong staff PINs on this box (Retry-After); the staff token and sessions still work'),
  },
};

function parameters(route: ApiRoute) {
  const list = (where: 'path' | 'query', schema: z.ZodObject | undefined) =>
    Object.entries(schema?.shape ?? {}).map(([name, field]) => ({
      name,
      in: where,
      required: where === 'path' || !(field as z.ZodType).safeParse(undefined).success,
      schema: jsonSchema(field as z.ZodType, 'input'),
    }));
  return [...list('path', route.params), ...list('query', route.query)];
}

function operation(route: ApiRoute) {
  const answers: Record<number, ApiAnswer> = { ...route.answers, ...ACCESS_ANSWERS[route.access] };
  if (route.params || route.query || route.body) answers[400] = errorAnswer('Invalid input; the message names the field');
  if (route.path.startsWith('/api/') && !answers[403]) answers[403] = errorAnswer('A name this box does not answer as (DNS rebinding guard)');
  const responses = Object.fromEntries(
    Object.entries(answers).map(([status, answer]) => [
      status,
      {
        description: answer.description,
        ...(answer.schema ? { content: content(answer.schema, 'output') } : answer.contentType ? { content: { [answer.contentType]: { schema: { type: 'string' } } } } : {}),
      },
    ]),
  );
  const params = parameters(route);
  return {
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    ...(SECURITY[route.access] ? { security: SECURITY[route.access] } : {}),
    ...(params.length ? { parameters: params } : {}),
    ...(route.body ? { requestBody: { required: true, content: content(route.body, 'input') } } : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of the gateway's local API, served at GET /api/openapi.json; written from the route table. */
export function openApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of apiRoutes) (paths[route.path] ??= {})[route.method] = operation(route);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Floorgate gateway local API',
      version,
      description:
        'The API a Floorgate box serves on the gym LAN. Screens are read-only. Check-ins and other kiosk actions are accepted from the box itself, or from LAN kiosks that present the kiosk token as a Bearer token; staff actions need the staff token or a staff session (sign in with the PIN); equipment bridges hand over sessions with the bridge token. Cross-origin browser requests are refused. Every error is `{ error: { code, message } }`.',
    },
    components: {
      securitySchemes: {
        kioskToken: { type: 'http', scheme: 'bearer', description: 'Contents of <dataDir>/kiosk-token' },
        staffToken: { type: 'http', scheme: 'bearer', description: 'Contents of <dataDir>/staff-token, or a staff session token from POST /api/staff/session' },
        staffSession: { type: 'apiKey', in: 'cookie', name: 'floorgate_staff', description: 'Staff session cookie (HttpOnly, SameSite=Strict) set by POST /api/staff/session' },
        bridgeToken: { type: 'http', scheme: 'bearer', description: 'Contents of <dataDir>/bridge-token (`floorgate token --bridge`)' },
        staffPin: { type: 'apiKey', in: 'header', name: 'X-Staff-Pin', description: 'The staff PIN, where one is set' },
      },
    },
    paths,
  };
}

/**
 * The local API's HTTP helpers, once: the error reply, the access check, the validation-error message.
 * Every route file answers through these, so a refusal or a bad field reads the same on every route.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { kioskRefusal, type RequestFacts } from './access.js';

/** Every error the API answers: `{ error: { code, message } }` (errorSchema in api-contract.ts). */
export function sendError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).send({ error: { code, message } });
}

/** `<field> <message>` for the first problem, so the sender knows which field to fix. */
export function validationMessage(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.join('.') || 'body'} ${issue.message}`;
}

/** Parses `value` with `schema`; on failure answers 400 `invalid_request` and returns undefined (the handler then returns `reply`). */
export function validated<S extends z.ZodType>(reply: FastifyReply, schema: S, value: unknown): z.output<S> | undefined {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  void sendError(reply, 400, 'invalid_request', validationMessage(parsed.error));
  return undefined;
}

export type AccessFacts = RequestFacts & { pin: string | undefined };

export function requestFacts(request: FastifyRequest): AccessFacts {
  const pin = request.headers['x-staff-pin'];
  return {
    remoteAddress: request.socket.remoteAddress,
    origin: request.headers.origin,
    host: request.headers.host,
    authorization: request.headers.authorization,
    pin: Array.isArray(pin) ? pin[0] : pin,
  };
}

/** Why a request may not pass: a status (401, 403, 429…), a code and words for the user. */
export interface Denial {
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
}

/**
 * The one access check: a preHandler that asks `policy` (kioskRefusal, staffRefusal… in access.ts) and
 * answers its denial before the route runs. Routes declare who may call them; none re-implements the refusal.
 */
export function accessCheck(policy: (facts: AccessFacts, request: FastifyRequest) => Denial | null) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const denial = policy(requestFacts(request), request);
    if (!denial) return undefined;
    if (denial.headers) void reply.headers(denial.headers);
    return sendError(reply, denial.status, denial.code, denial.message); // returning the reply stops the route (fastify async hooks)
  };
}

/** Kiosk actions: the box itself, or a LAN kiosk with the kiosk token (kioskRefusal). */
export function kioskOnly(kioskToken: string) {
  return accessCheck((facts) => kioskRefusal(facts, kioskToken));
}

import { randomBytes } from 'node:crypto';
import type { DoorConfig, SecretRef } from './config.js';
import { digestAuthorization, parseDigestChallenge, type DigestChallenge } from './digest.js';

/** What an opening knows about the check-in that caused it (filled into HTTP body templates). */
export interface OpeningContext {
  doorId: string;
  eventId: string;
  decidedAt: string;
  openSeconds: number;
}

/** Something that opens a door. `open` resolves once the output confirmed, and throws a DoorOutputError otherwise. */
export interface DoorOutput {
  /** For staff: what and where, never a secret ("Shelly Gen2 at http://192.168.1.40, switch 0"). */
  readonly describe: string;
  open(opening: OpeningContext, signal: AbortSignal): Promise<void>;
}

/** A failure in words for staff (no secrets, no stack). */
export class DoorOutputError extends Error {
  override name = 'DoorOutputError';
}

/** The CH340 serial relay device: `open` is false while its port is not connected. */
export interface RelayDevice {
  open(seconds: number): boolean;
}

export interface OutputParts {
  /** The value of a secret named in the config; `field` names it in errors. */
  secret(ref: SecretRef, field: string): string;
  /** The serial relay device of this id, once the adapters run. */
  relay(deviceId: string): RelayDevice | undefined;
}

export function createDoorOutput(door: DoorConfig, index: number, parts: OutputParts): DoorOutput {
  const output = door.output;
  const field = `doors.${index}.output`;
  switch (output.kind) {
    case 'ch340':
      return {
        describe: `CH340 relay ${output.device}`,
        async open(opening) {
          const relay = parts.relay(output.device);
          if (!relay) throw new DoorOutputError(`relay device ${output.device} is not running`);
          if (!relay.open(opening.openSeconds)) throw new DoorOutputError(`relay ${output.device} is not connected`);
        },
      };
    case 'shelly': {
      const password = output.password ? parts.secret(output.password, `${field}.password`) : null;
      return output.generation === 1
        ? shellyGen1(output.url, output.channel, output.user, password)
        : shellyGen2(output.url, output.channel, output.user, password);
    }
    case 'kisi': {
      const apiKey = parts.secret(output.apiKey, `${field}.apiKey`);
      const url = `${output.baseUrl.replace(/\/$/, '')}/locks/${encodeURIComponent(output.lockId)}/unlock`;
      return {
        describe: `Kisi lock ${output.lockId}`,
        async open(_opening, signal) {
          await expectOk('Kisi', await call(url, { method: 'POST', headers: { authorization: `KISI-LOGIN ${apiKey}`, accept: 'application/json', 'content-type': 'application/json' }, body: '{}', signal }));
        },
      };
    }
    case 'http': {
      const secretHeaders = Object.fromEntries(Object.entries(output.secretHeaders).map(([name, ref]) => [name, parts.secret(ref, `${field}.secretHeaders.${name}`)]));
      return {
        describe: `HTTP ${output.method} ${new URL(output.url).origin}`,
        async open(opening, signal) {
          const url = fill(output.url, opening, encodeURIComponent);
          const body = output.body === undefined || output.method === 'GET' ? undefined : fill(output.body, opening, (v) => v);
          await expectOk('the door system', await call(url, { method: output.method, headers: { ...output.headers, ...secretHeaders }, ...(body !== undefined ? { body } : {}), signal }));
        },
      };
    }
  }
}

/** Gen1 (Shelly 1, 2.5…): `GET /relay/N?turn=on&timer=S` turns on and back off after S seconds; basic auth. */
function shellyGen1(base: string, channel: number, user: string, password: string | null): DoorOutput {
  const authorization = password === null ? null : `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  return {
    describe: `Shelly Gen1 at ${new URL(base).origin}, relay ${channel}`,
    async open(opening, signal) {
      // Gen1 timers are whole seconds: round up so the door is never open shorter than configured.
      const url = new URL(`/relay/${channel}?turn=on&timer=${Math.ceil(opening.openSeconds)}`, base);
      await expectOk('the Shelly', await call(url.href, { headers: authorization ? { authorization } : {}, signal }));
    },
  };
}

/**
 * Gen2+ (Plus, Pro, Gen3/4): RPC `Switch.Set` with `toggle_after`, so the relay closes by itself even if the
 * box goes away. With a password the device answers 401 with a SHA-256 digest challenge; the last challenge is
 * kept and reused (nonce count rising) so an opening costs one round trip, and a stale nonce costs one more.
 */
function shellyGen2(base: string, channel: number, user: string, password: string | null): DoorOutput {
  let challenge: DigestChallenge | null = null;
  let nc = 0;
  return {
    describe: `Shelly Gen2 at ${new URL(base).origin}, switch ${channel}`,
    async open(opening, signal) {
      const url = new URL(`/rpc/Switch.Set?id=${channel}&on=true&toggle_after=${opening.openSeconds}`, base);
      const uri = `${url.pathname}${url.search}`;
      const signed = () => {
        nc += 1;
        const header = digestAuthorization(challenge!, { username: user, password: password!, method: 'GET', uri, cnonce: randomBytes(8).toString('hex'), nc });
        return { authorization: header };
      };
      let response = await call(url.href, { headers: password !== null && challenge ? signed() : {}, signal });
      if (response.status === 401 && password !== null) {
        await response.body?.cancel();
        challenge = parseDigestChallenge(response.headers.get('www-authenticate'));
        nc = 0;
        if (!challenge) throw new DoorOutputError('the Shelly asked for a login it does not describe as digest auth');
        response = await call(url.href, { headers: signed(), signal });
      }
      if (response.status === 401) {
        challenge = null;
        await response.body?.cancel();
        throw new DoorOutputError(password === null ? 'the Shelly requires a password: set output.password' : 'the Shelly refused the password');
      }
      await expectOk('the Shelly', response);
    },
  };
}

async function call(url: string, init: RequestInit & { signal: AbortSignal }): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (init.signal.aborted) throw new DoorOutputError('no answer in time');
    const code = ((error as { cause?: { code?: string } }).cause?.code) ?? (error as Error).message;
    throw new DoorOutputError(code === 'ECONNREFUSED' ? 'connection refused' : `cannot connect (${code})`);
  }
}

async function expectOk(who: string, response: Response): Promise<void> {
  const text = await response.text().catch(() => '');
  if (response.ok) return;
  const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 120);
  throw new DoorOutputError(`${who} answered HTTP ${response.status}${snippet ? `: ${snippet}` : ''}`);
}

function fill(template: string, opening: OpeningContext, encode: (value: string) => string): string {
  const values: Record<string, string> = {
    eventId: opening.eventId,
    doorId: opening.doorId,
    decidedAt: opening.decidedAt,
    openSeconds: String(opening.openSeconds),
  };
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in values ? encode(values[name]!) : whole));
}

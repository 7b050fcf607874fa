import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  return plain === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain);
}

export interface Refusal {
  status: 401 | 403;
  code: string;
  message: string;
}

export interface RequestFacts {
  remoteAddress: string | undefined;
  origin: string | undefined;
  host: string | undefined;
  authorization: string | undefined;
}

/** A browser on another site must not drive our kiosk: refuse any Origin that is not this gateway. */
export function crossOriginRefusal(facts: Pick<RequestFacts, 'origin' | 'host'>): Refusal | null {
  if (!facts.origin) return null; // not a browser cross-site request (curl, readers, same-origin GET)
  let originHost: string;
  try {
    originHost = new URL(facts.origin).host;
  } catch {
    originHost = '';
  }
  if (facts.host && originHost === facts.host) return null;
  return { status: 403, code: 'cross_origin', message: `Requests from ${facts.origin} are refused: screens must be served by this gateway.` };
}

export function tokenMatches(presented: string | undefined, expected: string): boolean {
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function bearer(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return match?.[1];
}

/**
 * Who may submit a check-in: the box itself (loopback: the kiosk shell, local readers), or a
 * kiosk elsewhere on the LAN that presents the kiosk token. Never a page from another origin.
 */
export function kioskRefusal(facts: RequestFacts, kioskToken: string): Refusal | null {
  const crossOrigin = crossOriginRefusal(facts);
  if (crossOrigin) return crossOrigin;
  if (isLoopback(facts.remoteAddress)) return null;
  if (tokenMatches(bearer(facts.authorization), kioskToken)) return null;
  return {
    status: 401,
    code: 'kiosk_token_required',
    message: 'This device is not paired as a kiosk: open the screen with ?token=<kiosk token> (see `floorgate token`).',
  };
}

/**
 * Who may hand over equipment sessions: the box itself (loopback: replay, local bridges) or a
 * bridge elsewhere on the LAN with the bridge token — not the kiosk token, which LAN kiosks carry in their URL.
 */
export function bridgeRefusal(facts: RequestFacts, bridgeToken: string): Refusal | null {
  const crossOrigin = crossOriginRefusal(facts);
  if (crossOrigin) return crossOrigin;
  if (isLoopback(facts.remoteAddress)) return null;
  if (tokenMatches(bearer(facts.authorization), bridgeToken)) return null;
  return {
    status: 401,
    code: 'bridge_token_required',
    message: 'Equipment bridges send Authorization: Bearer <bridge token> (see `floorgate token --bridge`).',
  };
}

/** The LAN kiosk token lives in the data dir, readable by the service user only. */
export function loadOrCreateKioskToken(dataDir: string): string {
  return loadOrCreateSecret(dataDir, 'kiosk-token');
}

export function loadOrCreateStaffToken(dataDir: string): string {
  return loadOrCreateSecret(dataDir, 'staff-token');
}

/** Equipment bridges hand over sessions with their own token, not the kiosk token every LAN kiosk carries in its URL. */
export function loadOrCreateBridgeToken(dataDir: string): string {
  return loadOrCreateSecret(dataDir, 'bridge-token');
}

/** The box's three LAN credentials: kiosks, staff (the token; people sign in with the PIN), equipment bridges. */
export function loadOrCreateTokens(dataDir: string) {
  return { kioskToken: loadOrCreateKioskToken(dataDir), staffToken: loadOrCreateStaffToken(dataDir), bridgeToken: loadOrCreateBridgeToken(dataDir) };
}

/** A random secret kept in `<dataDir>/<name>` with mode 0600, made on first use. */
export function loadOrCreateSecret(dataDir: string, name: string): string {
  const file = path.join(dataDir, name);
  if (existsSync(file)) {
    const token = readFileSync(file, 'utf8').trim();
    if (token.length >= 16) return token;
  }
  const token = randomBytes(24).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return token;
}

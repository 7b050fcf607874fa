import { createHash } from 'node:crypto';

/**
 * HTTP Digest access authentication (RFC 7616), client side: what Shelly Gen2+ devices ask for when a password
 * is set (SHA-256, qop=auth, user "admin"). Pure: the caller brings the challenge, the cnonce and the count.
 */
export interface DigestChallenge {
  realm: string;
  nonce: string;
  qop: string | null;
  algorithm: 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess';
  opaque: string | null;
}

const ALGORITHMS = ['MD5', 'MD5-sess', 'SHA-256', 'SHA-256-sess'] as const;

/** Reads a `WWW-Authenticate: Digest …` header; null when it is not a digest challenge we can answer. */
export function parseDigestChallenge(header: string | null): DigestChallenge | null {
  if (!header || !/^digest\s/i.test(header.trim())) return null;
  const params = new Map<string, string>();
  for (const match of header.trim().slice(6).matchAll(/([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
    params.set(match[1]!.toLowerCase(), match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3]!);
  }
  const realm = params.get('realm');
  const nonce = params.get('nonce');
  if (realm === undefined || nonce === undefined) return null;
  const algorithm = ALGORITHMS.find((a) => a.toLowerCase() === (params.get('algorithm') ?? 'MD5').toLowerCase());
  if (!algorithm) return null;
  // The server may offer several qops ("auth,auth-int"); we only ever sign the request line, so "auth".
  const offered = params.get('qop')?.split(',').map((q) => q.trim().toLowerCase());
  if (offered && !offered.includes('auth')) return null;
  return { realm, nonce, qop: offered ? 'auth' : null, algorithm, opaque: params.get('opaque') ?? null };
}

export interface DigestRequest {
  username: string;
  password: string;
  method: string;
  /** The request target exactly as sent: path and query. */
  uri: string;
  cnonce: string;
  /** The nonce count, 1 for the first request with this nonce. */
  nc: number;
}

/** The `response` value: KD(H(A1), nonce:nc:cnonce:qop:H(A2)), or the RFC 2069 form without qop. */
export function digestResponse(challenge: DigestChallenge, request: DigestRequest): string {
  const hash = (text: string) => createHash(challenge.algorithm.startsWith('SHA-256') ? 'sha256' : 'md5').update(text, 'utf8').digest('hex');
  const nc = ncText(request.nc);
  let ha1 = hash(`${request.username}:${challenge.realm}:${request.password}`);
  if (challenge.algorithm.endsWith('-sess')) ha1 = hash(`${ha1}:${challenge.nonce}:${request.cnonce}`);
  const ha2 = hash(`${request.method}:${request.uri}`);
  return challenge.qop
    ? hash(`${ha1}:${challenge.nonce}:${nc}:${request.cnonce}:${challenge.qop}:${ha2}`)
    : hash(`${ha1}:${challenge.nonce}:${ha2}`);
}

/** The `Authorization` header answering the challenge. */
export function digestAuthorization(challenge: DigestChallenge, request: DigestRequest): string {
  const quoted = (value: string) => `"${value.replace(/(["\\])/g, '\\$1')}"`;
  const parts = [
    `username=${quoted(request.username)}`,
    `realm=${quoted(challenge.realm)}`,
    `uri=${quoted(request.uri)}`,
    `algorithm=${challenge.algorithm}`,
    `nonce=${quoted(challenge.nonce)}`,
    ...(challenge.qop ? [`nc=${ncText(request.nc)}`, `cnonce=${quoted(request.cnonce)}`, `qop=${challenge.qop}`] : []),
    `response=${quoted(digestResponse(challenge, request))}`,
    ...(challenge.opaque !== null ? [`opaque=${quoted(challenge.opaque)}`] : []),
  ];
  return `Digest ${parts.join(', ')}`;
}

const ncText = (nc: number) => nc.toString(16).padStart(8, '0');

import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com, spec/standard-webhooks.md): the signed content is
 * `${webhook-id}.${webhook-timestamp}.${body}`, HMAC-SHA256 keyed with the base64 part of `whsec_…`;
 * `webhook-signature` lists `v1,<base64>` once per active secret, space-separated (two during a rotation).
 */
export function signatureHeaders(input: { id: string; timestamp: Date; body: string; secrets: readonly string[] }): Record<string, string> {
  const seconds = Math.floor(input.timestamp.getTime() / 1000);
  const content = `${input.id}.${seconds}.${input.body}`;
  const signatures = input.secrets.map((secret) => `v1,${createHmac('sha256', secretKey(secret)).update(content).digest('base64')}`);
  return { 'webhook-id': input.id, 'webhook-timestamp': String(seconds), 'webhook-signature': signatures.join(' ') };
}

/** The key bytes of a `whsec_` secret. */
export function secretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}

/** A new secret: 32 random bytes, as receivers' libraries expect them. */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

import { isIP } from 'node:net';
import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES } from '../../shared/webhooks.js';

/** Standard Webhooks secrets: `whsec_` + base64 of 24–64 random bytes. */
const secretSchema = z.string().regex(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/, 'must be whsec_ followed by base64 (at least 24 bytes)');

/** Hosts that are on the gym's own network: plain http is allowed to them (with a warning at start). */
export function isLanHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (isIP(host) === 4) {
    const [a, b] = host.split('.').map(Number) as [number, number];
    return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  if (isIP(host) === 6) return host === '::1' || /^f[cd]/.test(host) || host.startsWith('fe80');
  return host === 'localhost' || !host.includes('.') || /\.(local|lan|home\.arpa|internal)$/.test(host);
}

export const webhookConfigSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lowercase letters, digits, _ and - (at most 40)'),
    url: z.url({ error: 'must be a URL such as https://hooks.example.com/floorgate' }),
    /** The signing secret; or `secretFile` (mode 0600); neither = one is generated in <dataDir>/webhooks/. */
    secret: secretSchema.optional(),
    secretFile: z.string().min(1).optional(),
    /** During a rotation: the old secret, still signed with until receivers have the new one. */
    previousSecret: secretSchema.optional(),
    events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1, 'name at least one event type'),
    /** Only facts from these locations / readers (check-in `source`); empty = all. */
    filters: z.object({ locations: z.array(z.string()).default([]), readers: z.array(z.string()).default([]) }).prefault({}),
    /** Payloads carry display names only unless these are on. */
    include: z.object({ memberIds: z.boolean().default(false), fullNames: z.boolean().default(false) }).prefault({}),
    /** At most this many requests per second to this destination. */
    maxPerSecond: z.number().positive().max(1000).default(10),
    timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
    retry: z
      .object({ baseMs: z.number().int().min(1).default(1_000), capMs: z.number().int().min(1).default(300_000) })
      .prefault({}),
    breaker: z
      .object({ failures: z.number().int().min(1).default(5), halfOpenAfterMs: z.number().int().min(1).default(60_000) })
      .prefault({}),
  })
  .superRefine((hook, ctx) => {
    if (hook.secret && hook.secretFile) ctx.addIssue({ code: 'custom', path: ['secretFile'], message: 'use secret or secretFile, not both' });
    let url: URL;
    try {
      url = new URL(hook.url);
    } catch {
      return; // reported by z.url
    }
    if (url.protocol === 'http:' && !isLanHost(url.hostname)) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'must be https:// (plain http:// only to a host on the local network)' });
    } else if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'must be an https:// URL' });
    }
  });

export const webhooksConfigSchema = z
  .array(webhookConfigSchema)
  .default([])
  .superRefine((hooks, ctx) => {
    const seen = new Set<string>();
    hooks.forEach((hook, i) => {
      if (seen.has(hook.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `"${hook.name}" is used by another webhook` });
      seen.add(hook.name);
    });
  });

export type WebhookConfig = z.infer<typeof webhookConfigSchema>;

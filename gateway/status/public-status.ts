import type { GatewayStatus } from '../../shared/status.js';

/** A URL reduced to its scheme and host: the path of a Zapier, Slack or Make hook is its secret. */
export function originOnly(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid URL)';
  }
}

/**
 * The status as any LAN client may read it (`/api/status`, no login): each webhook destination shows only where it
 * goes (scheme + host). Staff read the full URL through `GET /api/webhooks` and the staff room.
 */
export function publicStatus(status: GatewayStatus): GatewayStatus {
  return {
    ...status,
    webhooks: { ...status.webhooks, destinations: status.webhooks.destinations.map((d) => ({ ...d, url: originOnly(d.url) })) },
  };
}

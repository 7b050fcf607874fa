import type { KioskDisplay } from '../gateway/config/kiosk.js';

/** The URL of a configured screen on the gateway: /screen/<screen>?<params>, params in config order. */
export function screenUrl(gatewayOrigin: string, entry: Pick<KioskDisplay, 'screen' | 'params'>): string {
  const url = new URL(`/screen/${encodeURIComponent(entry.screen)}`, gatewayOrigin);
  for (const [name, value] of Object.entries(entry.params)) url.searchParams.set(name, String(value));
  return url.toString();
}

/**
 * What the kiosk shows where comes from the gateway's config (`kiosk` section), served at
 * `GET /api/kiosk-config`: one place to edit, and a kiosk attached to a gateway run by systemd
 * shows what that gateway was configured with. An answer the kiosk cannot use falls back to the
 * entrance screen on the primary display, so the kiosk still shows something useful.
 */
import { kioskConfigSchema, type KioskConfig } from '../gateway/config/kiosk.js';

export const KIOSK_CONFIG_PATH = '/api/kiosk-config';

/** Resolves with the status and parsed JSON body; rejects when nothing answers. */
export type FetchJson = (url: string) => Promise<{ status: number; body: unknown }>;

export const defaultFetchJson: FetchJson = async (url) => {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  const body: unknown = await response.json().catch(() => undefined);
  return { status: response.status, body };
};

export function defaultKioskConfig(): KioskConfig {
  return kioskConfigSchema.parse({});
}

export async function fetchKioskConfig(
  gatewayOrigin: string,
  { fetchJson = defaultFetchJson, log = console.warn }: { fetchJson?: FetchJson; log?: (message: string) => void } = {},
): Promise<KioskConfig> {
  const url = new URL(KIOSK_CONFIG_PATH, gatewayOrigin).toString();
  let answer: { status: number; body: unknown };
  try {
    answer = await fetchJson(url);
  } catch (error) {
    log(`kiosk: cannot read ${url} (${error instanceof Error ? error.message : String(error)}); showing the entrance screen`);
    return defaultKioskConfig();
  }
  if (answer.status !== 200) {
    log(`kiosk: ${url} answered HTTP ${answer.status}; showing the entrance screen`);
    return defaultKioskConfig();
  }
  const parsed = kioskConfigSchema.safeParse(answer.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    log(`kiosk: ${url} sent an unusable kiosk config (kiosk.${issue.path.join('.')}: ${issue.message}); showing the entrance screen`);
    return defaultKioskConfig();
  }
  return parsed.data;
}

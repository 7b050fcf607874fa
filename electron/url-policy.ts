/**
 * Which URLs the kiosk window may navigate to: only the gateway's own origin
 * (same scheme, host and port). Pure, so it is tested directly.
 */
function originOf(url: string): string | undefined {
  try {
    const origin = new URL(url).origin;
    // Opaque origins (about:, data:, file: …) serialise as "null" and never match anything.
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** True when `url` is on exactly the same origin as `gatewayOrigin` (which may be any URL on it). */
export function isAllowedUrl(url: string, gatewayOrigin: string): boolean {
  const allowed = originOf(gatewayOrigin);
  return allowed !== undefined && originOf(url) === allowed;
}

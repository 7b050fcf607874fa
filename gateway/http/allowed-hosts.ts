import { isIP } from 'node:net';
import os from 'node:os';

/**
 * DNS rebinding: a page on evil.example whose name is made to point at this box would pass an
 * Origin/Host comparison and reach the API "from loopback". Browsers send the name they used as
 * Host, so the API answers only names the box really has: any IP literal (a rebinding page cannot
 * use one: its origin would be that IP), localhost, this machine's hostname (and .local), and the
 * names staff configure in `allowedHosts`.
 */
export function hostAllowed(hostHeader: string | undefined, extra: ReadonlySet<string>): boolean {
  if (!hostHeader) return true; // HTTP/1.0 clients and readers without Host are not browsers
  const name = hostnameOf(hostHeader);
  if (isIP(name) !== 0) return true;
  const own = os.hostname().toLowerCase();
  return name === 'localhost' || name === own || name === `${own}.local` || extra.has(name);
}

export function hostnameOf(hostHeader: string): string {
  const lower = hostHeader.trim().toLowerCase();
  if (lower.startsWith('[')) return lower.slice(1, lower.indexOf(']'));
  return lower.replace(/:\d+$/, '');
}

/** The path and, for an absolute-form request line (`GET http://evil.example/api/status`), the host it names. */
export function requestTarget(url: string): { path: string; host: string | undefined } {
  if (url.startsWith('/')) return { path: url, host: undefined };
  try {
    const parsed = new URL(url);
    return { path: parsed.pathname, host: parsed.host };
  } catch {
    return { path: url, host: undefined };
  }
}

/**
 * The first name this box does not answer as, from the Host header or the request line itself
 * (absolute form skips the Host header otherwise); undefined when both are the box's own.
 */
export function foreignHost(hostHeader: string | undefined, url: string, extra: ReadonlySet<string>): string | undefined {
  return [hostHeader, requestTarget(url).host].find((host) => host !== undefined && !hostAllowed(host, extra));
}

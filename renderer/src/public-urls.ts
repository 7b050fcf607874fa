import type { LanAddresses } from '../../shared/lan-addresses.js';

const LOOPBACK_HOST = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

/**
 * The base URL the public index prints and puts in its QR codes: the address the page was opened at, unless that is
 * the box itself (its own kiosk at localhost) and the box answers on the LAN — then its first LAN address (IPv4 first).
 */
export function publicBase(location: { origin: string; hostname: string }, lan: LanAddresses | null): string {
  const first = lan?.reachableFromLan ? lan.addresses[0] : undefined;
  return LOOPBACK_HOST.test(location.hostname) && first ? first.url : location.origin;
}

/** The page's query string without the kiosk token: the index is public, so neither its links nor its QR codes carry it. */
export function publicSearch(search: string): string {
  const params = new URLSearchParams(search);
  params.delete('token');
  const rest = params.toString();
  return rest ? `?${rest}` : '';
}

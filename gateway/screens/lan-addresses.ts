import type { NetworkInterfaceInfo } from 'node:os';
import type { LanAddress, LanAddresses } from '../../shared/lan-addresses.js';

const WILDCARDS = new Set(['0.0.0.0', '::', '']);

function isLoopback(address: string): boolean {
  return address.startsWith('127.') || address === '::1' || address === 'localhost';
}

/** 169.254.0.0/16 and fe80::/10: valid on one link only, never worth printing on a TV. */
function isLinkLocal(address: string, family: 'IPv4' | 'IPv6'): boolean {
  return family === 'IPv4' ? address.startsWith('169.254.') : /^fe[89ab]/i.test(address);
}

/**
 * The box's LAN addresses from `os.networkInterfaces()`, IPv4 first (what people type), then IPv6, each with the
 * screens' base URL. A gateway bound to one LAN address offers that address only; bound to loopback, it still lists
 * them (what staff will use once HOST is changed) and says that none of them answers yet.
 */
export function lanAddresses(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>, listeningOn: string, port: number): LanAddresses {
  const found: LanAddress[] = [];
  for (const [name, infos] of Object.entries(interfaces)) {
    for (const info of infos ?? []) {
      const family = info.family;
      if (info.internal || isLoopback(info.address) || isLinkLocal(info.address, family)) continue;
      if (!WILDCARDS.has(listeningOn) && !isLoopback(listeningOn) && info.address !== listeningOn) continue;
      const host = family === 'IPv6' ? `[${info.address}]` : info.address;
      found.push({ interface: name, family, address: info.address, url: `http://${host}:${port}` });
    }
  }
  found.sort((a, b) => (a.family === b.family ? 0 : a.family === 'IPv4' ? -1 : 1));
  return { port, listeningOn, reachableFromLan: !isLoopback(listeningOn), addresses: found };
}

import os from 'node:os';

/**
 * The addresses people on the gym's network can open this box at: every non-internal IPv4 address when it
 * listens on all of them, the one it listens on otherwise, none when it listens on loopback only.
 */
export function lanAddresses(host: string, interfaces: NodeJS.Dict<os.NetworkInterfaceInfo[]> = os.networkInterfaces()): string[] {
  if (host === '0.0.0.0' || host === '::') {
    return Object.values(interfaces)
      .flatMap((list) => list ?? [])
      .filter((info) => info.family === 'IPv4' && !info.internal)
      .map((info) => info.address);
  }
  if (host === 'localhost' || host.startsWith('127.') || host === '::1') return [];
  return [host];
}

export function urlAt(address: string, port: number): string {
  return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
}

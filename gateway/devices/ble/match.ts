import type { KnownBleDevice } from './config.js';

export interface Advertisement {
  address: string;
  localName?: string;
}

/** Which configured device an advertisement belongs to: by address first, then by name pattern. */
export function matchKnownDevice(devices: readonly KnownBleDevice[], ad: Advertisement): KnownBleDevice | null {
  const address = ad.address.toLowerCase().replace(/-/g, ':');
  const byAddress = devices.find((d) => d.address !== undefined && d.address === address);
  if (byAddress) return byAddress;
  if (!ad.localName) return null;
  return devices.find((d) => d.address === undefined && d.namePattern !== undefined && new RegExp(d.namePattern, 'i').test(ad.localName!)) ?? null;
}

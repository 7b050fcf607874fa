import { describe, expect, it } from 'vitest';
import type { LanAddresses } from '../../shared/lan-addresses.js';
import { publicBase, publicSearch } from './public-urls.js';

const lan = (reachableFromLan: boolean): LanAddresses => ({
  port: 8080,
  listeningOn: reachableFromLan ? '0.0.0.0' : '127.0.0.1',
  reachableFromLan,
  addresses: [{ interface: 'eth0', family: 'IPv4', address: '192.168.1.20', url: 'http://192.168.1.20:8080' }],
});

describe('the public index’s addresses', () => {
  it('on the box’s own kiosk (localhost) prints the first LAN address, which a phone can open', () => {
    expect(publicBase({ origin: 'http://localhost:8080', hostname: 'localhost' }, lan(true))).toBe('http://192.168.1.20:8080');
    expect(publicBase({ origin: 'http://127.0.0.1:8080', hostname: '127.0.0.1' }, lan(true))).toBe('http://192.168.1.20:8080');
  });

  it('keeps the address the page was opened at otherwise, and when the box listens on loopback only', () => {
    expect(publicBase({ origin: 'http://floorgate.local:8080', hostname: 'floorgate.local' }, lan(true))).toBe('http://floorgate.local:8080');
    expect(publicBase({ origin: 'http://127.0.0.1:8080', hostname: '127.0.0.1' }, lan(false))).toBe('http://127.0.0.1:8080');
    expect(publicBase({ origin: 'http://127.0.0.1:8080', hostname: '127.0.0.1' }, null)).toBe('http://127.0.0.1:8080');
  });

  it('never carries the kiosk token, keeping the other options', () => {
    expect(publicSearch('?token=s3cret&location=demo&theme=light')).toBe('?location=demo&theme=light');
    expect(publicSearch('?token=s3cret')).toBe('');
    expect(publicSearch('')).toBe('');
  });
});

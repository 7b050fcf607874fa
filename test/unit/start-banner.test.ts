import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { startBanner, type BannerFacts } from '../../gateway/cli/banner.js';
import { lanAddresses } from '../../gateway/http/lan-addresses.js';
import { uplinkSummary } from '../../gateway/status/status.js';

const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false) => ({ address, family, internal }) as NetworkInterfaceInfo;
const INTERFACES = {
  lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
  eth0: [nic('192.168.1.20', 'IPv4'), nic('fe80::1', 'IPv6')],
  wlan0: [nic('10.0.0.7', 'IPv4')],
};

const FACTS: BannerFacts = {
  version: '1.2.3',
  localUrl: 'http://localhost:8080',
  lanUrls: ['http://192.168.1.20:8080', 'http://10.0.0.7:8080'],
  dataDir: '/var/lib/floorgate',
  logFile: '/var/lib/floorgate/floorgate.log',
  cloudUrl: null,
  demo: null,
  staffPinSet: true,
};

describe('start banner', () => {
  it('finds the LAN addresses TVs and tablets can open, none when listening on loopback', () => {
    expect(lanAddresses('0.0.0.0', INTERFACES)).toEqual(['192.168.1.20', '10.0.0.7']);
    expect(lanAddresses('127.0.0.1', INTERFACES)).toEqual([]);
    expect(lanAddresses('192.168.1.20', INTERFACES)).toEqual(['192.168.1.20']);
  });

  it('gives the screens and the staff console at a LAN address, with where the logs went', () => {
    const banner = startBanner(FACTS);
    expect(banner).toContain('on the LAN      http://192.168.1.20:8080/  http://10.0.0.7:8080/');
    expect(banner).toContain('entrance      http://192.168.1.20:8080/screen/entrance');
    expect(banner).toContain('staff console   http://192.168.1.20:8080/staff   (sign in with the staff PIN)');
    expect(banner).toContain('cloud           none: standalone — nothing is sent anywhere');
    expect(banner).toContain('logs            /var/lib/floorgate/floorgate.log');
    expect(banner).not.toContain('DEMO');
    expect(banner.split('\n').some((line) => line.trimStart().startsWith('{'))).toBe(false);
  });

  it('says when the box cannot be reached from the LAN, when the PIN is unset, and when it runs the demo', () => {
    const banner = startBanner({ ...FACTS, lanUrls: [], staffPinSet: false, demo: { seed: 42 } });
    expect(banner).toContain('not reachable: it listens on this box only (set HOST=0.0.0.0');
    expect(banner).toContain('http://localhost:8080/staff   (set FLOORGATE_STAFF_PIN to sign in)');
    expect(banner.split('\n')[0]).toBe('Floorgate 1.2.3 is running at http://localhost:8080 — DEMO: simulated machines, check-ins and members');
  });

  it('words the uplink so a standalone queue does not look stuck', () => {
    expect(uplinkSummary('standalone', 120)).toBe('standalone — nothing is sent anywhere');
    expect(uplinkSummary('offline', 3)).toBe('cloud unreachable: retrying (3 to send)');
    expect(uplinkSummary('online', 0)).toBe('connected to the cloud');
  });
});

import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { lanAddresses } from '../../gateway/screens/lan-addresses.js';

const v4 = (address: string, internal = false): NetworkInterfaceInfo =>
  ({ address, family: 'IPv4', internal, netmask: '255.255.255.0', mac: '02:00:00:00:00:01', cidr: `${address}/24` }) as NetworkInterfaceInfo;
const v6 = (address: string, internal = false): NetworkInterfaceInfo =>
  ({ address, family: 'IPv6', internal, netmask: 'ffff:ffff:ffff:ffff::', mac: '02:00:00:00:00:01', cidr: `${address}/64`, scopeid: 0 }) as NetworkInterfaceInfo;

// A Raspberry Pi on wired and Wi-Fi, IPv6 listed before IPv4 as Linux often does.
const pi = {
  lo: [v4('127.0.0.1', true), v6('::1', true)],
  eth0: [v6('fd00::2'), v6('fe80::fc:ff:fe00:1'), v4('192.168.1.20')],
  wlan0: [v4('169.254.10.3'), v4('10.0.0.7')],
};

describe('the box’s LAN addresses for the index', () => {
  it('lists IPv4 first, then IPv6 in brackets, without loopback or link-local, each with the screens’ base URL', () => {
    const answer = lanAddresses(pi, '0.0.0.0', 8080);
    expect(answer.addresses.map((a) => a.url)).toEqual(['http://192.168.1.20:8080', 'http://10.0.0.7:8080', 'http://[fd00::2]:8080']);
    expect(answer.addresses[0]).toEqual({ interface: 'eth0', family: 'IPv4', address: '192.168.1.20', url: 'http://192.168.1.20:8080' });
    expect(answer.reachableFromLan).toBe(true);
  });

  it('offers only the bound address when HOST names one', () => {
    expect(lanAddresses(pi, '10.0.0.7', 80).addresses.map((a) => a.url)).toEqual(['http://10.0.0.7:80']);
  });

  it('says a gateway bound to loopback cannot be reached from the LAN yet, still naming its addresses', () => {
    const answer = lanAddresses(pi, '127.0.0.1', 8080);
    expect(answer.reachableFromLan).toBe(false);
    expect(answer.addresses.map((a) => a.address)).toEqual(['192.168.1.20', '10.0.0.7', 'fd00::2']);
  });
});

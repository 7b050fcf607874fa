import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { lanAddresses } from '../../gateway/staff/screen-routes.js';

const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false) => ({ address, family, internal }) as NetworkInterfaceInfo;

describe('lanAddresses (the Screens page)', () => {
  it('lists what a TV on the LAN can reach, IPv4 first, never loopback or link-local IPv6', () => {
    expect(
      lanAddresses({
        lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
        eth0: [nic('fe80::1', 'IPv6'), nic('2001:db8::5', 'IPv6'), nic('192.168.1.20', 'IPv4')],
        wlan0: [nic('10.0.0.7', 'IPv4')],
      }),
    ).toEqual(['192.168.1.20', '10.0.0.7', '2001:db8::5']);
  });
});

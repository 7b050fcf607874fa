/** `GET /api/lan-addresses`: where TVs and phones on the gym's network reach this box (the public index shows them). */
import { z } from 'zod';

export const lanAddressSchema = z.object({
  interface: z.string().describe('Network interface name, e.g. eth0 or wlan0'),
  family: z.enum(['IPv4', 'IPv6']),
  address: z.string(),
  url: z.string().describe('Base URL of the screens at this address, e.g. http://192.168.1.20:8080'),
});
export type LanAddress = z.infer<typeof lanAddressSchema>;

export const lanAddressesSchema = z.object({
  port: z.number().int(),
  listeningOn: z.string().describe('The address the gateway is bound to (HOST)'),
  reachableFromLan: z.boolean().describe('False when bound to loopback only: the addresses below do not answer until HOST is changed'),
  addresses: z.array(lanAddressSchema).describe('IPv4 first; no loopback or link-local addresses'),
});
export type LanAddresses = z.infer<typeof lanAddressesSchema>;

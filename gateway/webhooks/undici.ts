import { createRequire } from 'node:module';
import type { Dispatcher } from 'undici';

// undici is loaded only on a box with webhooks (or a cloud, gateway/uplink/), not at every start-up: most boxes
// configure neither, and loading it (with the Node built-ins it pulls in) was ~10 % of the compiled gateway's start.
let undici: typeof import('undici') | undefined;
export const loadUndici = () => (undici ??= createRequire(import.meta.url)('undici') as typeof import('undici'));

/** One keep-alive agent for all destinations. */
export function undiciAgent(): Dispatcher {
  return new (loadUndici().Agent)({ connections: 4, keepAliveTimeout: 10_000 });
}

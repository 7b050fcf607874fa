import type { Dispatcher } from 'undici';

// undici is imported on the first delivery, not at start-up: most boxes configure no webhook, and loading it
// (with the Node built-ins it pulls in) was ~10 % of the compiled gateway's start.
let undici: Promise<typeof import('undici')> | undefined;
export const loadUndici = () => (undici ??= import('undici'));

/** One keep-alive agent for all destinations, made on first use. */
export function lazyAgent(): { get(): Promise<Dispatcher>; close(): Promise<void> } {
  let agent: Promise<Dispatcher> | undefined;
  return {
    get: () => (agent ??= loadUndici().then(({ Agent }) => new Agent({ connections: 4, keepAliveTimeout: 10_000 }))),
    close: async () => {
      if (agent) await (await agent).close();
    },
  };
}

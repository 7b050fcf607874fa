import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { killChild, startChildGateway, writeConfig } from '../support/child-gateway.js';

export interface OwnGateway {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * A gateway of a test's (or benchmark's) own: `floorgate start` as a child process on its own port and data dir,
 * with a config file of its own (written to the data dir). Resolves once it listens.
 */
export async function startOwnGateway(port: number, config: object, env: Record<string, string> = {}): Promise<OwnGateway> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'floorgate-e2e-own-'));
  const configFile = writeConfig(dataDir, config as Record<string, unknown>);
  const gateway = await startChildGateway({ port, dataDir, configFile, env: { FLOORGATE_SIMULATOR: 'on', FLOORGATE_LOG_LEVEL: 'warn', ...env } });
  return { url: gateway.url, dataDir, stop: () => killChild(gateway, 'SIGTERM') };
}

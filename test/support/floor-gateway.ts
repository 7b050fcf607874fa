import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startGateway, type Gateway, type GatewayOptions } from '../../gateway/app.js';
import { loadConfig } from '../../gateway/config/load.js';
import type { DeviceAdapter, DeviceSink } from '../../gateway/devices/types.js';
import type { DeviceStatus } from '../../shared/status.js';
import { createLogger } from '../../gateway/log.js';
import { tempDataDir } from './gateway.js';

/**
 * A real gateway for equipment tests: demo roster, no simulated machines or taps, and the config file's
 * file-only sections (devices, sessions) from `file`.
 */
export async function floorGateway(
  file: Record<string, unknown>,
  options: GatewayOptions & { dataDir?: string } = {},
): Promise<Gateway> {
  const dataDir = options.dataDir ?? tempDataDir();
  const configFile = path.join(dataDir, 'floorgate.config.json');
  writeFileSync(
    configFile,
    JSON.stringify({ simulator: { enabled: true, tapsPerMinute: 0, rowers: 0, bikes: 0, heartRateStraps: 0 }, ...file }),
  );
  const config = loadConfig({
    env: { PORT: '1', HOST: '127.0.0.1', FLOORGATE_DATA_DIR: dataDir, FLOORGATE_TIMEZONE: 'UTC' },
    file: configFile,
    cwd: tmpdir(),
  });
  config.port = 0;
  return startGateway(config, { log: createLogger('silent'), ...options });
}

/** An adapter the test drives by hand: whatever it pushes goes through the gateway's real sink. */
export class HandAdapter implements DeviceAdapter {
  readonly id = 'hand';
  sink!: DeviceSink;

  async start(sink: DeviceSink): Promise<void> {
    this.sink = sink;
  }

  async stop(): Promise<void> {}

  status(): DeviceStatus[] {
    return [];
  }
}

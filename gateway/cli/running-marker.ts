import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * `<dataDir>/gateway.running`: which process serves this data directory, so `floorgate token` and `floorgate roster
 * import` can say whether they changed the data of a running gateway or of one that is not running.
 */
const FILE = 'gateway.running';

export interface RunningGateway {
  pid: number;
  url: string;
  startedAt: string;
}

export function markRunning(dataDir: string, gateway: RunningGateway): void {
  writeFileSync(path.join(dataDir, FILE), `${JSON.stringify(gateway)}\n`, { mode: 0o600 });
}

export function clearRunning(dataDir: string): void {
  rmSync(path.join(dataDir, FILE), { force: true });
}

/** The gateway serving this data directory now, or null (none started, or it stopped or crashed). */
export function runningGatewayOn(dataDir: string): RunningGateway | null {
  let marker: RunningGateway;
  try {
    marker = JSON.parse(readFileSync(path.join(dataDir, FILE), 'utf8')) as RunningGateway;
  } catch {
    return null;
  }
  return Number.isInteger(marker.pid) && isAlive(marker.pid) ? marker : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by another user (e.g. the floorgate service user)
  }
}

/** One line for the person at the terminal: whose data this is. */
export function describeDataDir(dataDir: string): string {
  const running = runningGatewayOn(dataDir);
  if (running) return `the gateway running now (pid ${running.pid}, ${running.url}) uses ${dataDir}`;
  if (!existsSync(path.join(dataDir, 'floorgate.db'))) return `no gateway has used ${dataDir} yet: start it with the same config (-c, FLOORGATE_DATA_DIR) to use this`;
  return `no gateway is running on ${dataDir} now; it uses this when started with the same config`;
}

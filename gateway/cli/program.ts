import { Command, Option } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startGateway } from '../app.js';
import { VERSION } from '../install.js';
import pino from 'pino';
import { registerDecodeCommand } from './decode.js';
import { startBanner } from './banner.js';
import { clearRunning, describeDataDir, markRunning } from './running-marker.js';
import { createLogger } from '../log.js';
import { lanAddresses, urlAt } from '../http/lan-addresses.js';
import { kioskCommand } from './kiosk.js';
import { webhooksCommand } from '../webhooks/cli.js';
import { floorCommand } from '../floor/accounts-cli.js';
import { ConfigError, loadConfig } from '../config/load.js';
import { loadOrCreateBridgeToken, loadOrCreateKioskToken, loadOrCreateStaffToken } from '../http/access.js';
import { parseRoster, RosterFileError } from '../members/parse-roster.js';
import { openDatabase } from '../store/database.js';
import { RosterStore } from '../members/roster-store.js';

function fail(message: string): never {
  process.stderr.write(`floorgate: ${message}\n`);
  process.exit(1);
}

function configFrom(options: { config?: string }) {
  try {
    return loadConfig(options.config ? { file: options.config } : {});
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

const program = new Command()
  .name('floorgate')
  .description('Gym-floor kiosk and equipment gateway')
  .version(VERSION)
  .showHelpAfterError();

const configOption = new Option('-c, --config <file>', 'JSON config file (default: $FLOORGATE_CONFIG or ./floorgate.config.json)');

program
  .command('start')
  .description('run the gateway: devices (or the simulator), check-ins, live screens, uplink')
  .addOption(configOption)
  .option('--demo', 'run the demo: simulated machines and check-ins, a demo roster and content, a DEMO mark on every screen')
  .action(async (options: { config?: string; demo?: boolean }) => {
    const config = configFrom(options);
    if (options.demo) config.simulator.enabled = true;
    // On a terminal the banner is for a human: structured logs go to a file. Elsewhere (systemd, a pipe) they are JSON on stdout.
    const logFile = process.stdout.isTTY ? path.join(config.dataDir, 'floorgate.log') : null;
    const log = createLogger(config.logLevel, logFile ? pino.destination({ dest: logFile, mkdir: true, sync: true }) : undefined);
    const gateway = await startGateway(config, { log }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') fail(`port ${config.port} is in use: set PORT to another port`);
      if (error.code === 'EACCES') fail(`not allowed to listen on port ${config.port}: set PORT above 1024`);
      throw error;
    });
    markRunning(config.dataDir, { pid: process.pid, url: gateway.url, startedAt: new Date().toISOString() });
    process.stdout.write(
      startBanner({
        version: VERSION,
        localUrl: gateway.url,
        lanUrls: lanAddresses(config.host).map((address) => urlAt(address, gateway.port)),
        dataDir: config.dataDir,
        logFile,
        cloudUrl: config.cloud.url ?? null,
        demo: config.simulator.enabled ? { seed: config.simulator.seed } : null,
        staffPinSet: Boolean(config.staff.pin),
      }),
    );
    const stop = async (signal: string) => {
      process.stdout.write(`\nFloorgate stopping (${signal})\n`);
      await gateway.close();
      clearRunning(config.dataDir);
      process.exit(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  });

const roster = program.command('roster').description('manage the local member roster (for gyms without the cloud)');
roster
  .command('import <file>')
  .description('load members from a .csv or .json file (columns: see README)')
  .addOption(configOption)
  .action((file: string, options: { config?: string }) => {
    const config = configFrom(options);
    const ext = path.extname(file).toLowerCase();
    if (ext !== '.csv' && ext !== '.json') fail(`${file}: the roster file must end in .csv or .json`);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      fail(`cannot read ${file}: ${(error as Error).message}`);
    }
    try {
      const members = parseRoster(text, ext === '.csv' ? 'csv' : 'json');
      const whose = describeDataDir(config.dataDir); // before the import creates the database
      const { db } = openDatabase(config.dataDir);
      const result = new RosterStore(db, config.checkin.badgeFormat).upsert(members, new Date());
      db.close();
      process.stdout.write(`Imported ${result.members} members with ${result.badges} badges into ${path.join(config.dataDir, 'floorgate.db')}\n`);
      process.stdout.write(`  ${whose}\n`);
      for (const c of result.conflicts) {
        process.stdout.write(`  warning: badge ${c.badge} was on ${c.memberIds[0]}, now on ${c.memberIds[1]}\n`);
      }
    } catch (error) {
      if (error instanceof RosterFileError) fail(`${file}: ${error.message}`);
      if ((error as NodeJS.ErrnoException).code) fail(`cannot write the roster into ${config.dataDir}: ${(error as Error).message}`);
      throw error;
    }
  });

program
  .command('token')
  .description('print the kiosk token that LAN kiosks add to screen URLs as ?token=… (or the staff or bridge token)')
  .addOption(configOption)
  .option('--staff', 'print the staff token (Authorization: Bearer … for staff actions)')
  .option('--bridge', 'print the bridge token (Authorization: Bearer … for equipment bridges posting sessions)')
  .action((options: { config?: string; staff?: boolean; bridge?: boolean }) => {
    const config = configFrom(options);
    if (!existsSync(config.dataDir)) {
      fail(
        `no data directory at ${config.dataDir}: no gateway has run with this config.\n` +
          `  Give the running gateway's config (-c <file>, or FLOORGATE_DATA_DIR as its service sets it), or start it once first.`,
      );
    }
    const token = options.staff
      ? loadOrCreateStaffToken(config.dataDir)
      : options.bridge
        ? loadOrCreateBridgeToken(config.dataDir)
        : loadOrCreateKioskToken(config.dataDir);
    process.stdout.write(`${token}\n`);
    // Only the token goes to stdout (scripts read it); where it came from goes to stderr.
    const which = options.staff ? 'staff' : options.bridge ? 'bridge' : 'kiosk';
    process.stderr.write(`the ${which} token from ${path.join(config.dataDir, `${which}-token`)}; ${describeDataDir(config.dataDir)}\n`);
  });

registerDecodeCommand(program);
program.addCommand(kioskCommand());
program.addCommand(webhooksCommand(configOption, configFrom));
program.addCommand(floorCommand(configOption, configFrom));

// Not awaited at the top: the compiled gateway is a CommonJS bundle (bin/code-cache.mjs), which has no top-level
// await. A command that fails rejects, and the process exits 1 with the error, as before.
void program.parseAsync(process.argv);

import { Command, Option } from 'commander';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startGateway } from '../app.js';
import { VERSION } from '../install.js';
import { registerDecodeCommand } from './decode.js';
import { kioskCommand } from './kiosk.js';
import { webhooksCommand } from '../webhooks/cli.js';
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
  .action(async (options: { config?: string }) => {
    const config = configFrom(options);
    const gateway = await startGateway(config).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') fail(`port ${config.port} is in use: set PORT to another port`);
      if (error.code === 'EACCES') fail(`not allowed to listen on port ${config.port}: set PORT above 1024`);
      throw error;
    });
    const lines = [
      `Floorgate ${VERSION} is running at ${gateway.url}`,
      `  entrance screen   ${gateway.url}/screen/entrance`,
      `  occupancy screen  ${gateway.url}/screen/occupancy`,
      `  floor screens     ${gateway.url}/ (leaderboard, WOD, equipment, achievements, schedule, playlist; widgets)`,
      `  status            ${gateway.url}/api/status`,
      `  data              ${config.dataDir}`,
      `  cloud             ${config.cloud.url ?? 'none (standalone)'}`,
      `  simulator         ${config.simulator.enabled ? `on (seed ${config.simulator.seed}; demo badges 1001-1009, 1010-1029)` : 'off'}`,
      `  LAN kiosks        add ?token=… to the screen URL: run \`floorgate token\``,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    const stop = async (signal: string) => {
      process.stdout.write(`\nFloorgate stopping (${signal})\n`);
      await gateway.close();
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
      const { db } = openDatabase(config.dataDir);
      const result = new RosterStore(db, config.checkin.badgeFormat).upsert(members, new Date());
      db.close();
      process.stdout.write(`Imported ${result.members} members with ${result.badges} badges into ${config.dataDir}\n`);
      for (const c of result.conflicts) {
        process.stdout.write(`  warning: badge ${c.badge} was on ${c.memberIds[0]}, now on ${c.memberIds[1]}\n`);
      }
    } catch (error) {
      if (error instanceof RosterFileError) fail(`${file}: ${error.message}`);
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
    const token = options.staff
      ? loadOrCreateStaffToken(config.dataDir)
      : options.bridge
        ? loadOrCreateBridgeToken(config.dataDir)
        : loadOrCreateKioskToken(config.dataDir);
    process.stdout.write(`${token}\n`);
  });

registerDecodeCommand(program);
program.addCommand(kioskCommand());
program.addCommand(webhooksCommand(configOption, configFrom));

await program.parseAsync(process.argv);

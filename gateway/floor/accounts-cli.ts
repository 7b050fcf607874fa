import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Command, Option } from 'commander';
import type { FloorgateConfig } from '../config/schema.js';
import { AccountsFileError, upsertAccount } from './broker-accounts.js';
import { FLOOR_ROLES, type FloorRole } from './broker-access.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

/**
 * `floorgate floor add-account <user> --role box|reader`: adds (or resets) an account of the embedded floor broker
 * in `floor.accountsFile` (0600, scrypt hashes only; a running broker picks it up at once). Without
 * `--password-stdin` it makes a strong password and prints it once: only the password on stdout, for scripts.
 */
export function floorCommand(configOption: Option, configFrom: (options: { config?: string }) => FloorgateConfig): Command {
  const command = new Command('floor').description('the floor mesh: several boxes of one gym over MQTT (docs/floor-mqtt.asyncapi.json)');
  command
    .command('add-account <user>')
    .description("add or reset an account of this box's embedded floor broker (floor.listen)")
    .addOption(new Option('--role <role>', 'box: a gateway (user = its box id); reader: read-only, public topics only').choices(FLOOR_ROLES).makeOptionMandatory())
    .option('--file <accountsFile>', 'the accounts file (default: floor.accountsFile of the config)')
    .option('--password-stdin', 'read the password from standard input instead of making one')
    .addOption(configOption)
    .action(async (user: string, options: { role: FloorRole; file?: string; passwordStdin?: boolean; config?: string }) => {
      const file = options.file ?? configFrom(options).floor.accountsFile;
      if (!file) {
        process.stderr.write('floorgate: no accounts file: set floor.accountsFile in the config, or pass --file <path>\n');
        process.exitCode = 1;
        return;
      }
      const resolved = path.resolve(file);
      const password = options.passwordStdin ? await readStdin() : randomBytes(18).toString('base64url');
      if (password.length < 12) {
        process.stderr.write('floorgate: the password must be at least 12 characters\n');
        process.exitCode = 1;
        return;
      }
      try {
        const { replaced } = await upsertAccount(resolved, { user, role: options.role }, password);
        if (!options.passwordStdin) process.stdout.write(`${password}\n`);
        process.stderr.write(
          `${replaced ? 'reset' : 'added'} ${options.role} account "${user}" in ${resolved} (mode 0600)` +
            (options.passwordStdin ? '' : `; give the password above to that ${options.role === 'box' ? "box's floor.passwordFile" : 'integration'} — it is not shown again`) +
            '\n',
        );
      } catch (error) {
        if (!(error instanceof AccountsFileError)) throw error;
        process.stderr.write(`floorgate: ${error.message}\n`);
        process.exitCode = 1;
      }
    });
  return command;
}

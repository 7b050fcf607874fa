import { Command, Option } from 'commander';
import type { FloorgateConfig } from '../config/schema.js';
import { resolveSecrets } from './secrets.js';

/**
 * `floorgate webhooks secret <name>`: prints the destination's signing secret(s) for the receiver's side — the
 * configured one, or the one generated in <dataDir>/webhooks/ (made now if the gateway has not made it yet).
 */
export function webhooksCommand(configOption: Option, configFrom: (options: { config?: string }) => FloorgateConfig): Command {
  const command = new Command('webhooks').description('signed webhooks from the box (docs/webhooks.md)');
  command
    .command('secret <name>')
    .description("print a webhook destination's signing secret (and the previous one during a rotation)")
    .addOption(configOption)
    .action((name: string, options: { config?: string }) => {
      const config = configFrom(options);
      const index = config.webhooks.findIndex((h) => h.name === name);
      if (index < 0) {
        process.stderr.write(`No webhook named "${name}" in the config (configured: ${config.webhooks.map((h) => h.name).join(', ') || 'none'}).\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(`${resolveSecrets(config.webhooks[index]!, `webhooks[${index}]`, config.dataDir).join('\n')}\n`);
    });
  return command;
}

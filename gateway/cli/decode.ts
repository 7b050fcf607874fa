import type { Command } from 'commander';
import { parseHex } from '../protocols/bytes.js';
import { codecNames, codecs, findCodec } from '../protocols/registry.js';

/** `floorgate decode <codec> <hex…>`: one notification or frame in, its reading as JSON out. */
export function registerDecodeCommand(program: Command): void {
  program
    .command('decode <codec> <hex...>')
    .description('decode the bytes of one notification or frame and print the reading as JSON (codecs: see README)')
    .addHelpText('after', `\nCodecs:\n${codecNames().map((name) => `  ${name.padEnd(20)} ${codecs[name]!.description}`).join('\n')}`)
    .action((name: string, hex: string[]) => {
      const codec = findCodec(name);
      if (!codec) fail(`unknown codec "${name}"; known codecs: ${codecNames().join(', ')}`);
      const bytes = parseHex(hex.join(' '));
      if (!bytes.ok) fail(`bad hex: ${bytes.error}`);
      const reading = codec.decode(bytes.value);
      if (!reading.ok) fail(`cannot decode ${bytes.value.length} bytes as ${name}: ${reading.error}`);
      process.stdout.write(`${JSON.stringify(reading.value, null, 2)}\n`);
    });
}

function fail(message: string): never {
  process.stderr.write(`floorgate decode: ${message}\n`);
  process.exit(1);
}

/** Secrets the kiosk and the config loader handle never reach the gateway's log. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../gateway/log.js';

const KEY = 'bak_live_secret_4f1e';
const PIN = '731942';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger('info', stream), text: () => lines.join('') };
}

describe('gateway log redaction', () => {
  it('redacts the API key and the staff PIN wherever the config is logged', () => {
    const { log, text } = capture();
    const config = { cloud: { url: 'https://api.example.com', apiKey: KEY }, staff: { pin: PIN } };
    log.info({ config }, 'config');
    log.info(config, 'config fields');
    log.info({ apiKey: KEY, pin: PIN }, 'bare');
    log.info({ staff: { pin: PIN } }, 'staff');
    const output = text();
    expect(output).not.toContain(KEY);
    expect(output).not.toContain(PIN);
    expect(output.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(6);
    expect(output).toContain('https://api.example.com');
  });
});

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseHex } from '../../gateway/protocols/bytes.js';

const CLI = fileURLToPath(new URL('../../bin/floorgate.mjs', import.meta.url));

function floorgate(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('floorgate decode (child process)', () => {
  it('prints the decoded reading as JSON: Schwinn IC4 bike data (gymnasticon vector)', async () => {
    const { code, stdout } = await floorgate('decode', 'ftms-bike', '4402da020201220100');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ moreData: false, speedMps: 2.028, cadenceRpm: 129, powerW: 290, heartRateBpm: 0 });
  });

  it('accepts hex split over arguments, with 0x and separators', async () => {
    const { code, stdout } = await floorgate('decode', 'pm5-0080', '0x32', '40-e2-01', '1b:10', '1c 96 5f 2f da 2f 00 00 00 00 00 c8 00 00');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ characteristic: '0x0032', strokeRateSpm: 28, heartRateBpm: 150, avgPowerW: 200 });
  });

  it('exits non-zero naming the known codecs when the codec is unknown', async () => {
    const { code, stderr, stdout } = await floorgate('decode', 'ftms-rowing', '00');
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain('unknown codec "ftms-rowing"');
    expect(stderr).toContain('ftms-rower');
    expect(stderr).toContain('pm5-0080');
  });

  it('exits non-zero on bad hex and on bytes the codec cannot decode', async () => {
    const bad = await floorgate('decode', 'hr', '0g');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('bad hex');
    const odd = await floorgate('decode', 'hr', '105');
    expect(odd.stderr).toContain('odd number of hex digits');
    const short = await floorgate('decode', 'cycling-power', '20 00 2d 00 02 00 b8');
    expect(short.code).not.toBe(0);
    expect(short.stderr).toContain('cannot decode 7 bytes as cycling-power: truncated: lastCrankEventTime');
  });
});

describe('parseHex', () => {
  it('reads the ways people and tools print bytes', () => {
    for (const text of ['0b004c', '0B 00 4C', '0x0b,0x00,0x4c', '0b:00:4c', '0b-00-4c']) {
      expect(parseHex(text)).toEqual({ ok: true, value: Buffer.from([0x0b, 0x00, 0x4c]) });
    }
    expect(parseHex('')).toEqual({ ok: false, error: 'no bytes given' });
  });
});

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseHex } from '../../gateway/protocols/bytes.js';

const CLI = fileURLToPath(new URL('../../bin/floorgate.mjs', import.meta.url));

function floorgate(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

// Child processes on a shared 2-core machine take seconds each to start; several per test can pass 20 s each.
describe('floorgate decode (child process)', { timeout: 120_000 }, () => {
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

describe('floorgate decode: the codecs of issue 13 (child process)', { timeout: 120_000 }, () => {
  it('polar-hr-adv and polar-manufacturer-data: the OH1 capture from Polar\'s SDK', async () => {
    const [after, whole] = await Promise.all([
      floorgate('decode', 'polar-hr-adv', '72 06 7f 44 37 00 00 00 33 00 3c'),
      floorgate('decode', 'polar-manufacturer-data', '6b00 7206 7f44 3700 0000 3300 3c'),
    ]);
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout)).toMatchObject({ heartRateBpm: 60, sensorContact: true, frameCounter: 4, skippedBlocks: 1 });
    expect(JSON.parse(whole.stdout)).toMatchObject({ heartRateBpm: 60 });
  });

  it('ant-hr, ant-fe, ant-power decode one 8-byte page each', async () => {
    const [hr, fe, power] = await Promise.all([
      floorgate('decode', 'ant-hr', '84 FF 00 10 00 14 2A 48'),
      floorgate('decode', 'ant-fe', '19 05 5A 10 27 FA 00 30'),
      floorgate('decode', 'ant-power', '10 0C B2 5A 40 9C C8 00'),
    ]);
    expect(JSON.parse(hr.stdout)).toMatchObject({ page: 4, toggle: 1, heartRateBpm: 72, beatCount: 42, previousBeatTime1024: 4096 });
    expect(JSON.parse(fe.stdout)).toMatchObject({ page: 25, cadenceRpm: 90, accumulatedPowerW: 10000, powerW: 250, feState: 'in_use' });
    expect(JSON.parse(power.stdout)).toMatchObject({ eventCount: 12, cadenceRpm: 90, powerW: 200 });
  });

  it('csafe-request names the commands, and refuses a bad checksum with the one expected', async () => {
    const [good, bad] = await Promise.all([
      floorgate('decode', 'csafe-request', 'f1 1a 02 a0 a3 a6 a7 b4 a3 b0 bd f2'),
      floorgate('decode', 'csafe-request', 'f1 1a 02 a0 a3 a6 a7 b4 a3 b0 00 f2'),
    ]);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout).commands[0]).toEqual({ id: 0x1a, name: 'SETUSERCFG1', commands: [{ id: 0xa0, name: 'PM_GET_WORKTIME' }, { id: 0xa3, name: 'PM_GET_WORKDISTANCE' }] });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('checksum mismatch: frame says 00, expected BD');
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

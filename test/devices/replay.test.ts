import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { replayDeviceSchema } from '../../gateway/devices/replay/config.js';
import { ReplayAdapter } from '../../gateway/devices/replay/replay-adapter.js';
import type { EquipmentReading } from '../../gateway/devices/types.js';
import { manualClock } from '../../gateway/time/clock.js';
import { createLogger } from '../../gateway/log.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/captures/rowing-session.jsonl', import.meta.url));
const START = '2026-03-02T07:00:00.000Z';

async function replay(file: string, config: Record<string, unknown> = {}) {
  const readings: EquipmentReading[] = [];
  const adapter = new ReplayAdapter({
    config: replayDeviceSchema.parse({ kind: 'replay', id: 'replay-1', file, speed: 0, ...config }),
    log: createLogger('silent'),
    clock: manualClock(START),
    dataDir: path.dirname(file),
  });
  await adapter.start({ badge: () => {}, reading: (r) => readings.push(r) });
  const totals = await adapter.finished;
  return { adapter, readings, totals };
}

describe('replay adapter', () => {
  it('plays the rowing fixture through the BLE pipeline into the readings its README promises', async () => {
    const { adapter, readings, totals } = await replay(FIXTURE);
    expect(totals).toEqual({ frames: 1005, readings: 335, undecodable: 0, rejectedLines: 0, skipped: 0 });
    expect(readings).toHaveLength(335);
    expect(readings[0]).toMatchObject({ equipmentId: 'rower-1', name: 'rower-1', kind: 'rower', at: new Date(Date.parse(START) + 40) });
    expect(readings.at(-1)!.at).toEqual(new Date(Date.parse(START) + 334_040));

    const moving = readings.filter((r) => (r.metrics.powerW ?? 0) > 0);
    expect(moving).toHaveLength(300);
    expect(moving[0]!.at).toEqual(new Date(Date.parse(START) + 5_040));
    expect(moving.at(-1)!.at).toEqual(new Date(Date.parse(START) + 304_040));
    for (const r of moving) expect(r.metrics).toMatchObject({ powerW: 203, paceSecPer500m: 120, speedMps: 4.167, strokeRateSpm: 24 });
    expect(moving.at(-1)!.metrics).toMatchObject({ distanceM: 1250, elapsedS: 300, energyKcal: 93 });
    expect(moving[0]!.metrics).toMatchObject({ distanceM: 4, elapsedS: 1, heartRateBpm: 100 });
    const heartRates = moving.map((r) => r.metrics.heartRateBpm!);
    expect(Math.max(...heartRates)).toBe(160);
    expect(heartRates.reduce((a, b) => a + b, 0) / heartRates.length).toBe(148);
    expect(readings.at(-1)!.metrics).not.toHaveProperty('heartRateBpm');
    expect(readings.at(-1)!.metrics).toMatchObject({ powerW: 0, distanceM: 1250 });
    expect(adapter.status()).toEqual([
      { id: 'replay-1', kind: 'replay', name: 'Replay rowing-session.jsonl', state: 'ok', detail: 'finished: 1005 of 1005 frames, 335 readings' },
    ]);
  });

  it('names the equipment as configured, and resolves relative files in the data directory', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'floorgate-replay-'));
    copyFileSync(FIXTURE, path.join(dir, 'session.jsonl'));
    const { readings } = await replay(path.join(dir, 'session.jsonl'), {
      file: 'session.jsonl',
      equipment: [{ source: 'rower-1', id: 'concept2-3', name: 'Rower 3' }],
    });
    expect(readings[0]).toMatchObject({ equipmentId: 'concept2-3', name: 'Rower 3', kind: 'rower' });
  });

  it('plays at recorded pace × speed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'floorgate-replay-'));
    const file = path.join(dir, 'short.jsonl');
    // The first two records of the fixture: 1 s apart as recorded.
    writeFileSync(file, readFileSync(FIXTURE, 'utf8').split('\n').slice(0, 6).join('\n'));
    const began = Date.now();
    const { readings } = await replay(file, { speed: 10 });
    const took = Date.now() - began;
    expect(readings).toHaveLength(2);
    expect(took).toBeGreaterThanOrEqual(100); // 1.04 s recorded / 10
    expect(took).toBeLessThan(1_000);
    expect(readings[1]!.at.getTime() - readings[0]!.at.getTime()).toBe(1_000); // the recorded time line
  });

  it('skips bad lines and undecodable frames, counting them, and plays the rest', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'floorgate-replay-'));
    const file = path.join(dir, 'messy.jsonl');
    writeFileSync(
      file,
      [
        'not json',
        '{"t":0,"source":"strap","characteristic":"2a37","hex":"0050"}',
        '{"t":5,"source":"strap","characteristic":"2a37","hex":"10"}',
        '{"t":7,"source":"door","channel":"rx","hex":"02"}',
        '{"t":9,"source":"strap","hex":"0050"}',
        '{"t":10,"source":"strap","characteristic":"2a37","hex":"0051"}',
      ].join('\n'),
    );
    const { readings, totals, adapter } = await replay(file);
    expect(readings.map((r) => [r.kind, r.metrics.heartRateBpm])).toEqual([
      ['hr_strap', 80],
      ['hr_strap', 81],
    ]);
    expect(totals).toEqual({ frames: 4, readings: 2, undecodable: 1, rejectedLines: 2, skipped: 1 });
    expect(adapter.status()[0]!.detail).toBe('finished: 4 of 4 frames, 2 readings, 1 undecodable, 2 bad lines, 1 skipped');
  });

  it('reports a missing file as an error state instead of failing the gateway', async () => {
    const { adapter, totals } = await replay(path.join(tmpdir(), 'floorgate-no-such-capture.jsonl'));
    expect(totals.frames).toBe(0);
    expect(adapter.status()[0]).toMatchObject({
      state: 'error',
      problem: { code: 'capture_unreadable', detail: expect.stringContaining('cannot read') },
    });
  });
});

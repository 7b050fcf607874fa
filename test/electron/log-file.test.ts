import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rotateLog } from '../../electron/log-file.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));
function logFile() {
  dir = mkdtempSync(path.join(tmpdir(), 'floorgate-log-'));
  return path.join(dir, 'gateway.log');
}

describe('rotateLog', () => {
  it('leaves a small or missing file alone', () => {
    const file = logFile();
    expect(rotateLog(file, { maxBytes: 100, keep: 3 })).toBe(false);
    writeFileSync(file, 'x'.repeat(100));
    expect(rotateLog(file, { maxBytes: 100, keep: 3 })).toBe(false);
    expect(statSync(file).size).toBe(100);
  });

  it('keeps the newest copies and bounds the disk use, while the writer keeps its descriptor', () => {
    const file = logFile();
    // The gateway's descriptor: opened once, in append mode, like ensureGateway does.
    const fd = openSync(file, 'a');
    try {
      for (let round = 1; round <= 5; round++) {
        writeSync(fd, `round ${round} `.padEnd(200, '.') + '\n');
        expect(rotateLog(file, { maxBytes: 100, keep: 2 })).toBe(true);
        expect(statSync(file).size).toBe(0);
      }
      writeSync(fd, 'after rotation\n');
    } finally {
      closeSync(fd);
    }
    // The writer's next line is at the start of the truncated file, not behind a hole of zeros.
    expect(readFileSync(file, 'utf8')).toBe('after rotation\n');
    expect(readFileSync(`${file}.1`, 'utf8')).toMatch(/^round 5 /);
    expect(readFileSync(`${file}.2`, 'utf8')).toMatch(/^round 4 /);
    expect(existsSync(`${file}.3`)).toBe(false);
  });
});

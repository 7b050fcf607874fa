/**
 * Keeps the gateway's log file bounded without stopping the gateway: the way logrotate's
 * `copytruncate` does it. The gateway writes to the file through its own descriptor opened in
 * append mode, so after truncation its next line lands at the (new) end, never behind a hole.
 * Lines written between the copy and the truncation can be lost; a log is worth that, the gateway
 * keeps running.
 */
import { copyFileSync, existsSync, renameSync, rmSync, statSync, truncateSync } from 'node:fs';

export interface RotateOptions {
  /** Rotate once the file is larger than this. */
  maxBytes: number;
  /** How many old files to keep: file.1 (newest) … file.<keep>. */
  keep: number;
}

/** Rotates `file` when it is larger than maxBytes; returns whether it did. A missing file is fine. */
export function rotateLog(file: string, { maxBytes, keep }: RotateOptions): boolean {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return false;
  }
  if (size <= maxBytes) return false;
  if (keep < 1) {
    truncateSync(file, 0);
    return true;
  }
  rmSync(`${file}.${keep}`, { force: true });
  for (let n = keep - 1; n >= 1; n--) {
    if (existsSync(`${file}.${n}`)) renameSync(`${file}.${n}`, `${file}.${n + 1}`);
  }
  copyFileSync(file, `${file}.1`);
  truncateSync(file, 0);
  return true;
}

/** What the screen benches share: the built screens and Debian's Chromium. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** Builds the screens when they are not built yet (the gateway serves dist/renderer). */
export function ensureScreensBuilt(): void {
  if (!existsSync(path.join(repoRoot, 'dist/renderer/index.html'))) {
    execFileSync('npm', ['run', 'build:renderer'], { cwd: repoRoot, stdio: 'inherit' });
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, devices } from '@playwright/test';

const configDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(configDir, '../..');
const port = Number(process.env.FLOORGATE_E2E_PORT ?? 18180);
const baseURL = `http://127.0.0.1:${port}`;

// A fresh data dir per run (check-ins from an earlier run would trip anti-passback). Playwright
// loads this file in the runner and again in each worker: create it once and pass it on.
const DATA_DIR_ENV = 'FLOORGATE_E2E_DATA_DIR';
const dataDir = (process.env[DATA_DIR_ENV] ??= fs.mkdtempSync(path.join(os.tmpdir(), 'floorgate-e2e-')));

export default defineConfig({
  testDir: configDir,
  testMatch: '**/*.spec.ts',
  outputDir: path.resolve(repoRoot, 'test-results/playwright'),
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  // On CI (2 shared cores) a timing-bound screen test gets one more try; the summary still names it as flaky.
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: path.resolve(repoRoot, 'reports/playwright.json') }]],
  use: {
    baseURL,
    viewport: { width: 1920, height: 1080 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1920, height: 1080 },
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: {
    // The e2e config adds a playlist, a class schedule (ICS file) and a fuller floor of simulated machines.
    command: 'node bin/floorgate.mjs start -c test/e2e/fixtures/e2e.config.json',
    cwd: repoRoot,
    url: `${baseURL}/healthz`,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      FLOORGATE_DATA_DIR: dataDir,
      FLOORGATE_SIMULATOR: 'on',
      FLOORGATE_SIMULATOR_TAPS_PER_MINUTE: '0',
    },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});

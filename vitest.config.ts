import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'renderer/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // FLOORGATE_VITEST_REPORT: a second runner's report (scripts/test-node22.sh) must not overwrite the first.
    reporters: ['default', ['json', { outputFile: process.env.FLOORGATE_VITEST_REPORT ?? 'reports/vitest.json' }]],
  },
});

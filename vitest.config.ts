import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['functions/**/*.test.{ts,tsx}', 'local/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/platform.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

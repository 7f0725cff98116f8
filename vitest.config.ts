import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['functions/**/*.test.{ts,tsx}', 'local/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/platform.ts'],
    // Generous: CI runs the suite on two shared CPUs, where a test that waits for the stream, email or a
    // rush can take several times what it takes alone. Speed is measured by `npm run bench`, not here.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

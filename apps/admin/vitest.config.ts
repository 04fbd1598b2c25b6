import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * Unit tests (src/**\/__tests__) and the browser tests (e2e/), which start the real API and drive
 * headless Chromium. One file at a time: two cores, one browser, one API server per file.
 */
export default defineConfig({
  resolve: {
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['src/**/__tests__/**/*.test.ts', 'e2e/**/*.test.ts'],
    // Their CommonJS/ESM mix loads in Node only when bundled with the test (the data provider's tests).
    server: { deps: { inline: ['@apollo/client', 'ra-data-graphql'] } },
    environment: 'node',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
    // expect.poll waits as long as the browser tests' other waits (20 s, not vitest's 1 s): on a
    // busy machine a filtered list can take more than a second to show.
    expect: { poll: { timeout: 20_000 } },
  },
});

// Unit, property and interop tests run in Node (no DOM): the cores never touch one.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/interop/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Two cores: interop tests start real nginx/uWSGI; keep the pool small and predictable.
    maxWorkers: 2,
  },
});

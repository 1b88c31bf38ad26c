import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'main/**/*.test.ts',
      'renderer/**/*.test.ts',
      'renderer/**/*.test.tsx',
      'build/**/*.test.mjs',
      'tests/**/*.test.ts',
      'platform/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 20_000,
    // Setup hooks open databases, migrate, seed and sign in: real work that two busy cores can
    // stretch well past vitest's default 10 s. Suites with heavier setup pass their own timeout.
    hookTimeout: 60_000,
  },
});

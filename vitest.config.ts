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
    ],
    environment: 'node',
    testTimeout: 20_000,
  },
});

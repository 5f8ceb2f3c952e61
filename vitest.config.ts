import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'src/**/*.test.tsx',
      'test/**/*.test.ts',
      'test/**/*.test.tsx',
      'workers/**/*.test.ts',
    ],
    // Builds the staff editor's script the app serves (scripts/editor-bundle.ts).
    globalSetup: ['test/helpers/editor-bundle.setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Two cores: more parallel files only add contention on the shared services.
    maxWorkers: 2,
  },
})

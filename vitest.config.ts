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
    // Builds dist/ and the staff editor's script when the sources are newer (test/global-setup.ts).
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Files in one worker share its loaded modules: importing the app once per worker instead of
    // once per file took the suite from 420 s to 300 s. Safe because nothing in src/ keeps
    // module-level state (see docs/architecture.md) and no test mocks modules or globals.
    isolate: false,
    // Two cores: more parallel files only add contention on the shared services.
    maxWorkers: 2,
  },
})

import { defineConfig } from 'vitest/config';

// Unit tests live beside their code; end-to-end runs over real HTTP live in tests/.
export default defineConfig({
  test: {
    include: [
      'client/**/*.test.ts',
      'mock/**/*.test.ts',
      'profiles/**/*.test.ts',
      'contracts/**/*.test.ts',
      'tests/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker less than the cores: one, on CI's two. Most of the suite waits
    // on processes it started (mocks, servers, npm, Chromium), so two files at a time halve the wall
    // time; files that build or pack the packages stay apart by building aside (publish-build.mjs).
    maxWorkers: 2,
    // Files share their worker's module cache: each file re-imported the engine, Ajv and faker
    // (35 s of a 147 s quick run; 10 s without). No test relies on a fresh module: fake timers and
    // spies are restored in each file's own hooks.
    isolate: false,
    // Fails the run when a process a test started outlives the suite.
    globalSetup: ['tests/support/leftover-processes.ts'],
    // The JSON report feeds the plain closing line that .ci/run prints.
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest.json' },
  },
});

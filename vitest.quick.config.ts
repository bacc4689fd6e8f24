import { configDefaults, defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

// `npm run test:quick`: the unit tests beside the code and the in-process and HTTP tests of the
// engine and the mock; no browser, no outside tool, no runner end to end, no fuzzing or crashing.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      'client/**/*.test.ts',
      'mock/**/*.test.ts',
      'profiles/**/*.test.ts',
      'contracts/**/*.test.ts',
      'tests/engine/**/*.test.ts',
      'tests/mock/**/*.test.ts',
    ],
    // The contract's whole git history is read once per commit: the full suite has it.
    exclude: [...configDefaults.exclude, 'contracts/diff/history.test.ts'],
  },
});

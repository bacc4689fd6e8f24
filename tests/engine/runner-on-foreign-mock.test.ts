import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../contracts/run-result.ts';
import { startMock } from '../../profiles/call-center/package.ts';
import { TEST_OPTIONS } from '../mock/support.ts';
import { bin, run } from '../support/processes.ts';
import { sqliteUnavailable } from '../support/sqlite-available.ts';

// The two halves on a contract that is not this project's: the mock serves the foreign library
// contract with no code, and the runner with --spec checks that mock against the same file. Both
// stores: in memory, and SQLite (integer ids, a nested collection and filters as indexed columns).

const SPEC = 'tests/engine/fixtures/library.yaml';
const dir = await mkdtemp(join(tmpdir(), 'runner-foreign-store-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe.each([
  ['in memory', undefined],
  ['on SQLite', join(dir, 'library.sqlite')],
])('the runner with --spec passes against the mock of a foreign contract, %s', (_store, db) => {
  let mock: Awaited<ReturnType<typeof startMock>>;
  beforeAll(async () => {
    mock = await startMock({ ...TEST_OPTIONS, log: 'off', ...(db ? { db } : {}) }, SPEC);
  });
  afterAll(() => mock?.close());

  it.skipIf(db && sqliteUnavailable)(
    'keeps the contract, exercising every operation, every skip explained',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'runner-foreign-'));
      const json = join(dir, 'result.json');
      const { code, output } = await run(bin('tsx'), [
        'contracts/cli.ts',
        '--spec',
        SPEC,
        '--base-url',
        mock.baseUrl,
        '--header',
        'X-Api-Key: any-key',
        '--seed',
        '5',
        '--json',
        json,
      ]);
      const result = JSON.parse(await readFile(json, 'utf8')) as RunResult;
      expect(result.failures, output).toEqual([]);
      expect(code, output).toBe(0);
      expect(result.coverage.operationsExercised).toBe(result.coverage.operationsTotal);
      for (const check of result.checks)
        if (check.status === 'skipped') expect(check.notes.join(' '), check.name).toMatch(/skipped: \S/);
    },
  );
});

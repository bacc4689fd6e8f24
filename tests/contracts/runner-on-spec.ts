import { afterAll, beforeAll } from 'vitest';
import { loadContract } from '../../contracts/plan/load-contract.ts';
import { runContract } from '../../contracts/run-contract.ts';
import { type RunningMock, startMock } from '../../mock/start-mock.ts';
import { TEST_OPTIONS } from '../mock/support.ts';

/**
 * The mock serving one small spec (tests/contracts/specs/), started for the calling file's tests,
 * and a quick run of the runner against it: the `only` checks, with a `fetch` of the test's own
 * when given (a broken server in front of the mock), the runner's own otherwise.
 */
export function runnerOnMockOf(spec: string, only?: string[]) {
  let mock: RunningMock | undefined;
  beforeAll(async () => {
    mock = await startMock({ ...TEST_OPTIONS, log: 'off' }, spec);
  });
  afterAll(() => mock?.close());
  return async (fetch?: typeof globalThis.fetch) =>
    runContract({
      baseUrl: (mock as RunningMock).baseUrl,
      contract: await loadContract({ openapi: spec }),
      ...(fetch ? { fetch } : {}),
      ...(only ? { only } : {}),
      seed: 3,
      depth: 'quick',
      timeoutMs: 10_000,
    });
}

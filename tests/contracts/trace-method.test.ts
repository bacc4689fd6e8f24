import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../contracts/plan/load-contract.ts';
import { runContract } from '../../contracts/run-contract.ts';
import { type RunningMock, startMock } from '../../mock/start-mock.ts';
import { TEST_OPTIONS } from '../mock/support.ts';

// fetch refuses to send TRACE ("'TRACE' HTTP method is unsupported") before any connection is
// opened. httpbin's description documents it, and the runner reported the mock as dropping the
// connection (not_a_server_error, "No answer"): its own refusal, held against the backend.
const SPEC = 'tests/contracts/specs/trace-method.yaml';

describe('an operation whose method fetch refuses (TRACE)', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ ...TEST_OPTIONS, log: 'off' }, SPEC);
  });
  afterAll(() => mock?.close());

  const run = async (fetch?: typeof globalThis.fetch) =>
    runContract({
      baseUrl: mock.baseUrl,
      contract: await loadContract({ openapi: SPEC }),
      ...(fetch ? { fetch } : {}),
      seed: 3,
      depth: 'quick',
      timeoutMs: 10_000,
    });

  it('is sent over node:http when the run uses its own fetch, and its answer judged', async () => {
    const result = await run();
    expect(result.failures, JSON.stringify(result.failures, null, 2)).toEqual([]);
    const traced = result.coverage.operations.find((o) => o.operationId === 'traceAnything');
    expect(traced?.exercised).toBe(true);
    expect(traced?.observedStatuses).toContain('200');
  });

  it('is recorded as not sent, never as the backend dropping it, when a given fetch refuses it', async () => {
    const result = await run((input, init) => fetch(input, init));
    expect(result.failures, JSON.stringify(result.failures, null, 2)).toEqual([]);
    const traced = result.coverage.operations.find((o) => o.operationId === 'traceAnything');
    expect(traced?.called).toBe(false);
  });
});

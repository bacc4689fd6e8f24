import { describe, expect, it } from 'vitest';
import { runnerOnMockOf } from './runner-on-spec.ts';

// fetch refuses to send TRACE ("'TRACE' HTTP method is unsupported") before any connection is
// opened. httpbin's description documents it, and the runner reported the mock as dropping the
// connection (not_a_server_error, "No answer"): its own refusal, held against the backend.
const SPEC = 'tests/contracts/specs/trace-method.yaml';

describe('an operation whose method fetch refuses (TRACE)', () => {
  const run = runnerOnMockOf(SPEC);

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

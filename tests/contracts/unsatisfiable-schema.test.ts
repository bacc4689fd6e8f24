import { describe, expect, it } from 'vitest';
import { runnerOnMockOf } from './runner-on-spec.ts';

// A schema no value meets (Vercel's `type: 'null'` beside a `oneOf` of string and number) is the
// description's defect: the runner failed the mock on it (response_schema_conformance, "must be
// null") although no answer could pass. It is a note now; a real breach beside it still fails.
const SPEC = 'tests/contracts/specs/unsatisfiable-schema.yaml';

describe('an answer whose schema admits no value at one field', () => {
  const run = runnerOnMockOf(SPEC, ['not_a_server_error', 'response_schema_conformance']);

  it('is not held against the server, and the run says where the description must change', async () => {
    const result = await run();
    expect(result.failures, JSON.stringify(result.failures, null, 2)).toEqual([]);
    expect(result.requests, JSON.stringify(result.notes)).toBeGreaterThan(0);
    const notes = result.checks
      .flatMap((c) => c.notes)
      .filter((n) => n.includes('admits no value at /gitAccount/namespaceId'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/type null beside an oneOf of number, string/);
  });

  it('still fails a field the server could have answered validly', async () => {
    // A broken server: the mock's answer with a provider outside the enum.
    const broken: typeof globalThis.fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (!String(input).includes('/search-repo')) return res;
      const body = (await res.json()) as { gitAccount: Record<string, unknown> };
      body.gitAccount.provider = 'subversion';
      return Response.json(body, { status: res.status });
    };
    const result = await run(broken);
    const failure = result.failures.find((f) => f.check === 'response_schema_conformance');
    expect(failure?.actual, JSON.stringify(result.failures)).toMatch(/\/gitAccount\/provider must be one of/);
    expect(failure?.actual).not.toMatch(/namespaceId/);
  });
});

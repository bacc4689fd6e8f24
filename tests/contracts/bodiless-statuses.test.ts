import { describe, expect, it } from 'vitest';
import { runnerOnMockOf } from './runner-on-spec.ts';

// A 204 documented with content (Jira's deletes: `application/json`, an empty schema) is still a
// status HTTP sends without a body. content_type_conformance failed the mock's empty 204 as "no
// Content-Type header"; it is a note now, and a 204 that does carry a body is still judged.
const SPEC = 'tests/contracts/specs/bodiless-statuses.yaml';

describe('a 204 whose description documents content', () => {
  // The checks that judge every answer, as the corpus runs them.
  const run = runnerOnMockOf(SPEC, [
    'not_a_server_error',
    'status_code_conformance',
    'content_type_conformance',
    'response_schema_conformance',
  ]);

  it('answered empty is not held against the server, and the run notes the description', async () => {
    const result = await run();
    expect(result.failures, JSON.stringify(result.failures, null, 2)).toEqual([]);
    const deleted = result.coverage.operations.find((o) => o.operationId === 'deleteScheme');
    expect(deleted?.observedStatuses).toContain('204');
    const notes = result.checks
      .flatMap((c) => c.notes)
      .filter((n) => n.includes('deleteScheme documents content for 204'));
    expect(notes).toHaveLength(1);
  });

  it('a delete that documents only a 303 (the task that removes the item) counts as removed', async () => {
    const result = await run();
    const removed = result.coverage.operations.find((o) => o.operationId === 'deletePriority');
    expect(removed?.observedStatuses).toContain('303');
    expect(result.leftovers).toEqual([]);
  });

  it('that carries a body of an undocumented type still fails', async () => {
    // A broken server: its 204s carry an HTML body (WHATWG's Response refuses to build one, so the
    // answer is the shape the runner reads).
    const broken: typeof globalThis.fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (res.status !== 204) return res;
      const html = new TextEncoder().encode('<p>deleted</p>');
      return {
        status: 204,
        headers: new Headers({ 'content-type': 'text/html' }),
        arrayBuffer: async () => html.buffer,
      } as Response;
    };
    const result = await run(broken);
    const failure = result.failures.find((f) => f.check === 'content_type_conformance');
    expect(failure?.actual, JSON.stringify(result.failures)).toBe('text/html');
  });
});

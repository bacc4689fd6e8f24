import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../contracts/plan/load-contract.ts';
import { runContract } from '../../contracts/run-contract.ts';
import type { RunResult } from '../../contracts/run-result.ts';
import { type RunningMock, startMock } from '../../mock/start-mock.ts';
import { TEST_OPTIONS } from '../mock/support.ts';

// Writes outside a `/x` + `/x/{id}` pair, each shape from a real description (see the spec's
// description): the run never throws on them, every one answers 2xx to a valid body and the run's
// own ids, and nothing is left behind. The mock answers the operations it cannot tie to a
// collection from their examples, with no state, so the checks that follow an item's life
// (use_after_free, ensure_resource_availability) are left out here.
const SPEC = 'tests/contracts/specs/writes.yaml';

describe('the runner on writes outside a collection pair', () => {
  let mock: RunningMock;
  let result: RunResult;
  const sent: string[] = [];
  const createdIds = new Set<string>();
  beforeAll(async () => {
    mock = await startMock({ ...TEST_OPTIONS, log: 'off' }, SPEC);
    const recording: typeof fetch = async (input, init) => {
      const method = init?.method ?? 'GET';
      const path = new URL(String(input)).pathname;
      sent.push(`${method} ${path} ${String(init?.body ?? '')}`);
      const answer = await fetch(input, init);
      if (/^(POST|PUT)$/.test(method) && answer.status < 300) {
        if (method === 'PUT') createdIds.add(path.split('/').at(-1) ?? '');
        const text = await answer.clone().text();
        for (const id of text.match(/[0-9a-f]{8}-[0-9a-f-]{27}/g) ?? []) createdIds.add(id);
      }
      return answer;
    };
    result = await runContract({
      baseUrl: mock.baseUrl,
      contract: await loadContract({ openapi: SPEC }),
      fetch: recording,
      seed: 3,
      timeoutMs: 10_000,
      only: ['not_a_server_error', 'positive_data_acceptance', 'response_schema_conformance'],
    });
  }, 120_000);
  afterAll(() => mock?.close());

  it('runs to its end without a failure or anything left behind', () => {
    expect(result.fatal).toBeUndefined();
    expect(result.failures, JSON.stringify(result.failures, null, 2)).toEqual([]);
    expect(result.leftovers).toEqual([]);
  });

  it('gets a 2xx from every operation', () => {
    const without = result.coverage.operations
      .filter((o) => !o.observedStatuses.some((s) => s.startsWith('2')))
      .map((o) => o.operationId);
    expect(without).toEqual([]);
  });

  it.each([
    ['the delete of an item its read names {idOrUrl}', /^DELETE \/api\/deployments\/[0-9a-f-]{36} $/],
    ['an action on an item the run created', /^PATCH \/api\/deployments\/[0-9a-f-]{36}\/cancel $/],
    ['a singular item path, with the id answered as silenceID', /^GET \/api\/silence\/[0-9a-f-]{36} $/],
    ['a bulk create, at its smallest', /^POST \/api\/alerts \[\]$/],
    ['a create by PUT at a name of its own', /^PUT \/api\/notes\/contract_run_[0-9a-f]+ /],
  ])('sends %s', (_name, pattern) => {
    expect(
      sent.some((line) => pattern.test(line)),
      sent.join('\n'),
    ).toBe(true);
  });

  it('acts only on items it created', () => {
    // Every id a change or a removal names came out of a create of the run (its answer or its path).
    const changes = sent.filter((l) => /^(PATCH|DELETE) /.test(l));
    expect(changes.length).toBeGreaterThan(2);
    for (const line of changes) {
      const id = /\/([^/ ]+)(\/cancel)? /.exec(line)?.[1] ?? '';
      expect(createdIds.has(id), `${line} names ${id}, which no create of the run made`).toBe(true);
    }
  });
});

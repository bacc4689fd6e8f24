import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../contracts/plan/load-contract.ts';
import { runContract } from '../../contracts/run-contract.ts';
import type { RunResult } from '../../contracts/run-result.ts';
import { type RunningMock, startMock } from '../../mock/start-mock.ts';
import { TEST_OPTIONS } from '../mock/support.ts';

// The runner writes every parameter in the style its spec declares, and this project's mock reads
// it the same way: against the mock serving a contract with every style, nothing is refused that
// is valid and nothing accepted that is not, and the wire shows each style as OpenAPI writes it.
const SPEC = 'tests/contracts/specs/parameter-styles.yaml';

describe('the runner against the mock of a contract with every parameter style', () => {
  let mock: RunningMock;
  let result: RunResult;
  const urls: string[] = [];
  beforeAll(async () => {
    mock = await startMock({ ...TEST_OPTIONS, log: 'off' }, SPEC);
    const recording: typeof fetch = (input, init) => {
      const headers = Object.entries((init?.headers ?? {}) as Record<string, string>)
        .map(([name, value]) => `${name.toLowerCase()}: ${value}`)
        .join('\n');
      urls.push(`${init?.method ?? 'GET'} ${String(input)}\n${headers}`);
      return fetch(input, init);
    };
    result = await runContract({
      baseUrl: mock.baseUrl,
      contract: await loadContract({ openapi: SPEC }),
      fetch: recording,
      seed: 11,
      examples: 5,
      timeoutMs: 10_000,
    });
  }, 120_000);
  afterAll(() => mock?.close());

  it('keeps the contract: no valid value refused, no invalid one accepted', () => {
    expect(result.fatal).toBeUndefined();
    expect(result.failures, JSON.stringify(result.failures, null, 2)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.coverage.operationsExercised).toBe(result.coverage.operationsTotal);
  });

  it('notes once that format url is not judged', () => {
    expect(result.notes.filter((n) => /format "url"/.test(n))).toHaveLength(1);
  });

  it.each([
    ['a required parameter with a default is always sent', /\/paints\?limit=\d+/],
    ['form, exploded: a repeated name', /[?&]colors=\w+&colors=\w+/],
    ['form, explode false: comma-separated', /[?&]sizes=\d,\d/],
    ['spaceDelimited', /[?&]tags=[a-z]+%20[a-z]+/],
    ['pipeDelimited', /[?&]codes=[A-Z]{2}\|[A-Z]{2}/],
    ['deepObject', /[?&]range\[(low|high)\]=\d+/],
    ['form object, exploded: each property its own', /[?&](lat|lng)=-?\d+/],
    ['allowReserved: the slash kept', /[?&]folder=\/[a-z]/],
    ['content application/json: the JSON encoded whole', /[?&]filter=%7B/],
    ['path label', /\/paints\/\.\d+\n/],
    ['path matrix', /\/brushes\/;brushId=\d+\n/],
    ['header simple: a list comma-separated', /\nx-trace-tags: [a-z]+,[a-z]+/],
    ['cookie form', /\ncookie: session=[a-z0-9]+/],
    [
      'a required header on every read of its operation',
      /^GET \S+\/paints\/\.\d+\n(.*\n)*x-tenant: [a-z]{3}/,
    ],
  ])('%s', (_name, pattern) => {
    expect(urls.some((url) => pattern.test(url))).toBe(true);
  });

  it('never reads a paint without its required header', () => {
    const reads = urls.filter((u) => /^GET \S+\/paints\/\.\d+\n/.test(u));
    expect(reads.length).toBeGreaterThan(0);
    for (const read of reads) expect(read).toMatch(/\nx-tenant: [a-z]{3}/);
  });
});

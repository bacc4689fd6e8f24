import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { OpenAPIV3 } from 'openapi-types';
import { afterAll, describe, expect, it } from 'vitest';
import { inexpressibleRefusals } from '../../mock/engine/shape-refusal.ts';
import { createInProcessMock } from '../../mock/in-process.ts';
import { loadSpec } from '../../mock/openapi/load-spec.ts';
import { listOperations } from '../../mock/openapi/operations.ts';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';
import { TEST_OPTIONS } from '../mock/support.ts';

// Issue 18, item 3: a refusal goes out in the operation's own terms, so that a strict client
// generated from the contract decodes it: the status it documents for the cause (or the nearest),
// that response's media type, and a body its schema accepts. Judged by an Ajv of the test's own
// over the documented schema, not by the mock's validator.

const PROJECTS = join(ROOT_DIR, 'tests/engine/fixtures/projects.yaml');
const addFormats = addFormatsModule.default;

interface Want {
  status: number;
  type: string;
  /** The documented response whose schema judges the body (`default` for the PATCH). */
  documented: string;
  says?: RegExp;
  /** The `X-Mock-Problem` header of an answer that carries no problem body. */
  problem?: RegExp;
}

const key = { 'x-api-key': 'anything', 'content-type': 'application/json' };

const CASES: [name: string, given: { method: string; path: string; init?: RequestInit }, want: Want][] = [
  [
    'invalid input where only a 422 is documented',
    { method: 'POST', path: '/projects', init: { headers: key, body: '{}' } },
    { status: 422, type: 'application/json', documented: '422', says: /name/ },
  ],
  [
    'an unknown id, in the 404 shape with its status enum',
    { method: 'GET', path: '/projects/987654', init: { headers: key } },
    { status: 404, type: 'application/json', documented: '404', says: /987654/ },
  ],
  [
    'invalid input where only `default` is documented keeps its status',
    { method: 'PATCH', path: '/projects/1', init: { headers: key, body: '{"name":""}' } },
    { status: 400, type: 'application/json', documented: 'default' },
  ],
  [
    'a missing key, as the plain text the 401 documents',
    { method: 'GET', path: '/projects' },
    { status: 401, type: 'text/plain', documented: '401' },
  ],
  [
    'a body of the wrong media type, as the nearest documented 4xx',
    {
      method: 'POST',
      path: '/projects',
      init: { headers: { ...key, 'content-type': 'text/plain' }, body: 'x' },
    },
    { status: 422, type: 'application/json', documented: '422' },
  ],
  [
    'a 404 whose response documents no body, with no body (the problem in a header)',
    { method: 'DELETE', path: '/projects/987654', init: { headers: key } },
    { status: 404, type: '', documented: '404', problem: /^404 not_found: .*987654/ },
  ],
  [
    'a missing credential on an operation that documents no refusal: still a 401, as an RFC 9457 problem',
    { method: 'GET', path: '/projects/1/stats' },
    { status: 401, type: 'application/problem+json', documented: '' },
  ],
  [
    'invalid input to an operation that documents no refusal, with its documented success (the problem in a header)',
    { method: 'GET', path: '/projects/not-a-number/stats', init: { headers: key } },
    { status: 200, type: 'application/json', documented: '200', problem: /^400 validation_failed: / },
  ],
  [
    'a path of no operation, as an RFC 9457 problem',
    { method: 'GET', path: '/nothing-here', init: { headers: key } },
    { status: 404, type: 'application/problem+json', documented: '' },
  ],
];

describe('refusals in the operation own terms', async () => {
  const spec = await loadSpec(PROJECTS, { validate: false });
  const operations = listOperations(spec.document);
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const mock = await createInProcessMock({ ...TEST_OPTIONS, log: 'off' }, PROJECTS);
  afterAll(() => mock.close());

  const documentedSchema = (method: string, path: string, status: string, type: string) => {
    const template = operations.find(
      (op) =>
        op.method === method.toLowerCase() &&
        new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path),
    );
    const response = template?.operation.responses[status] as OpenAPIV3.ResponseObject | undefined;
    return response?.content?.[type]?.schema;
  };

  for (const [name, { method, path, init }, want] of CASES)
    it(name, async () => {
      const res = await mock.fetch(`/api${path}`, { method, ...init });
      expect(res.status).toBe(want.status);
      expect(res.headers.get('content-type')?.split(';')[0] ?? '').toBe(want.type);
      expect(res.headers.get('x-mock-problem') ?? '').toMatch(want.problem ?? /^$/);
      const text = await res.text();
      if (!want.type) expect(text).toBe('');
      const body: unknown = want.type.endsWith('json') ? JSON.parse(text) : text;
      const schema = want.documented && documentedSchema(method, path, want.documented, want.type);
      if (schema) expect(ajv.validate(schema, body), JSON.stringify(ajv.errors)).toBe(true);
      if (want.type === 'application/problem+json')
        expect(body).toMatchObject({ status: want.status, code: expect.any(String) });
      if (want.says) expect(text).toMatch(want.says);
    });

  it('lists at start the operations whose refusals their contract cannot express', () => {
    expect(inexpressibleRefusals(operations)).toEqual(['projectStats']);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckContext } from '../check-context.ts';
import { type Contract, loadContract } from '../plan/load-contract.ts';
import type { Exchange, Failure, Purpose } from '../types.ts';
import { contentTypeConformance } from './content-type-conformance.ts';
import { negativeDataRejection } from './negative-data-rejection.ts';
import { notAServerError } from './not-a-server-error.ts';
import { positiveDataAcceptance } from './positive-data-acceptance.ts';
import { responseHeadersConformance } from './response-headers-conformance.ts';
import { responseSchemaConformance } from './response-schema-conformance.ts';
import { statusCodeConformance } from './status-code-conformance.ts';
import type { Check } from './types.ts';

let contract: Contract;
beforeAll(async () => {
  contract = await loadContract();
});

const TOPIC = {
  id: '5b8f2c1e-3d4a-4f6b-9c7d-1e2f3a4b5c6d',
  name: 'T',
  description: null,
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
};
const PROBLEM = { type: 'https://x/p', title: 'P', status: 401, code: 'token_missing', requestId: 'r' };

function exchange(
  operationId: string,
  status: number,
  body: unknown,
  options: { type?: string; headers?: Record<string, string>; purpose?: Purpose } = {},
): Exchange {
  const text = body === undefined ? '' : JSON.stringify(body);
  const type = options.type ?? (status >= 400 ? 'application/problem+json' : 'application/json');
  return {
    seq: 1,
    operationId,
    by: 'test',
    purpose: options.purpose ?? 'probe',
    request: { method: 'GET', url: 'http://127.0.0.1:9/api/x', headers: {} },
    response: {
      status,
      headers: { ...(text ? { 'content-type': type } : {}), ...options.headers },
      text,
      ...(text && type.includes('json') ? { json: body } : {}),
      bytes: new TextEncoder().encode(text),
    },
    sentAt: 0,
    durationMs: 1,
  };
}

async function judge(check: Check, exchanges: Exchange[]): Promise<Failure[]> {
  const failures: Failure[] = [];
  const ctx = {
    contract,
    exchanges: () => exchanges,
    fail: ({ exchange: _, ...f }) => failures.push({ check: check.name, curl: undefined, ...f }),
    note: () => {},
    judged: () => {},
  } as Partial<CheckContext> as CheckContext;
  check.judge?.(ctx, undefined);
  return failures;
}

const RL = {
  'ratelimit-limit': '300',
  'ratelimit-remaining': '299',
  'ratelimit-reset': '60',
  'ratelimit-policy': '300;w=60',
};

// Each response check, given answers that keep and that break its rule: [check, exchange, failure title or null].
describe('the response checks judge recorded answers', () => {
  it.each([
    ['not_a_server_error', notAServerError, () => exchange('getTopic', 200, TOPIC), null],
    [
      'not_a_server_error',
      notAServerError,
      () => exchange('getTopic', 503, { ...PROBLEM, status: 503 }),
      'Server error',
    ],
    [
      'status_code_conformance',
      statusCodeConformance,
      () => exchange('getTopic', 404, { ...PROBLEM, status: 404 }),
      null,
    ],
    [
      'status_code_conformance',
      statusCodeConformance,
      () => exchange('getTopic', 403, PROBLEM),
      'Undocumented status 403',
    ],
    [
      'content_type_conformance',
      contentTypeConformance,
      () => exchange('getTopic', 200, TOPIC, { type: 'text/html' }),
      'Undocumented Content-Type',
    ],
    [
      'content_type_conformance',
      contentTypeConformance,
      () => exchange('deleteTopic', 204, TOPIC),
      'Body where none is documented',
    ],
    [
      'content_type_conformance',
      contentTypeConformance,
      () => exchange('getTopic', 401, PROBLEM, { type: 'application/json' }),
      'Undocumented Content-Type',
    ],
    ['response_schema_conformance', responseSchemaConformance, () => exchange('getTopic', 200, TOPIC), null],
    [
      'response_schema_conformance',
      responseSchemaConformance,
      () => exchange('getTopic', 200, { ...TOPIC, id: 7 }),
      'Response body breaks the 200 schema',
    ],
    [
      'response_schema_conformance',
      responseSchemaConformance,
      () => exchange('getTopic', 401, { ...PROBLEM, code: undefined }),
      'Response body breaks the 401 schema',
    ],
    [
      'response_headers_conformance',
      responseHeadersConformance,
      () => exchange('getTopic', 401, PROBLEM, { headers: { 'www-authenticate': 'Bearer realm="x"' } }),
      null,
    ],
    [
      'response_headers_conformance',
      responseHeadersConformance,
      () => exchange('getTopic', 401, PROBLEM),
      'Missing WWW-Authenticate header',
    ],
    [
      'response_headers_conformance',
      responseHeadersConformance,
      () => exchange('getTopic', 200, TOPIC, { headers: { ...RL, 'ratelimit-policy': 'lots' } }),
      'Invalid RateLimit-Policy header',
    ],
    [
      'positive_data_acceptance',
      positiveDataAcceptance,
      () => exchange('listTopics', 400, PROBLEM, { purpose: 'positive' }),
      'Valid request refused',
    ],
    [
      'positive_data_acceptance',
      positiveDataAcceptance,
      () => exchange('createTopic', 409, PROBLEM, { purpose: 'positive' }),
      null,
    ],
    [
      'negative_data_rejection',
      negativeDataRejection,
      () => exchange('createTopic', 201, TOPIC, { purpose: 'negative' }),
      'Invalid request accepted',
    ],
    [
      'negative_data_rejection',
      negativeDataRejection,
      () => exchange('createTopic', 400, PROBLEM, { purpose: 'negative' }),
      null,
    ],
    [
      'not_a_server_error',
      notAServerError,
      () => ({
        ...exchange('createTopic', 0, undefined),
        response: undefined,
        error: 'closed the connection',
      }),
      'No answer',
    ],
    [
      'not_a_server_error',
      notAServerError,
      () => ({
        ...exchange('createTopic', 0, undefined),
        response: undefined,
        error: "the run's --timeout passed",
        cancelled: true,
      }),
      null,
    ],
    [
      'negative_data_rejection',
      negativeDataRejection,
      () => ({
        ...exchange('updateQa', 404, { ...PROBLEM, status: 404, code: 'not_found' }, { purpose: 'negative' }),
        rejection: { statuses: [400], codes: ['validation_failed'], orMissing: true },
      }),
      null,
    ],
    [
      'negative_data_rejection',
      negativeDataRejection,
      () => ({
        ...exchange('updateQa', 404, { ...PROBLEM, status: 404, code: 'not_found' }, { purpose: 'negative' }),
        rejection: { statuses: [400], codes: ['validation_failed'] },
      }),
      'Invalid request refused with 404',
    ],
  ] as [string, Check, () => Exchange, string | null][])('%s: %#', async (_, check, make, want) => {
    const failures = await judge(check, [make()]);
    if (want === null) expect(failures).toEqual([]);
    else {
      expect(failures.map((f) => f.title)).toContain(want);
      for (const f of failures) expect(f.specPointer).toMatch(/^openapi\.yaml#\/paths\//);
    }
  });
});

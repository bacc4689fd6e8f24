import { describe, expect, it } from 'vitest';
import type { RunResult } from '../run-result.ts';
import { renderReport } from './console.ts';
import { renderJson } from './json.ts';
import { renderJunit } from './junit.ts';

const failure = {
  check: 'conflict',
  operationId: 'createTopic',
  title: 'Missing 409 Conflict',
  message:
    'POST /api/topics creates a topic named "A & <B>" while "a & <b>" exists; the spec promises a 409 here.',
  expected: '409 application/problem+json with code topic_name_taken',
  actual: '201 application/json {"id":"…"}',
  curl: "curl -i -X POST 'http://127.0.0.1:9/api/topics'",
  specPointer: 'openapi.yaml#/paths/~1topics/post/responses/409',
  occurrences: 2,
};

const result: RunResult = {
  ok: false,
  baseUrl: 'http://127.0.0.1:9/api',
  seed: 42,
  startedAt: '2026-11-26T00:00:00.000Z',
  durationMs: 1500,
  checks: [
    {
      name: 'conflict',
      status: 'failed',
      failures: [failure],
      notes: [],
      operations: ['createTopic'],
      requests: 3,
      judged: 3,
      durationMs: 20,
    },
    {
      name: 'cors',
      status: 'passed',
      failures: [],
      notes: ['a note'],
      operations: ['listTopics'],
      requests: 4,
      judged: 4,
      durationMs: 5,
    },
  ],
  failures: [failure],
  notes: ['No --test-number: no call was placed.'],
  coverage: {
    operations: [
      {
        operationId: 'createTopic',
        method: 'POST',
        path: '/topics',
        exercised: true,
        called: true,
        documentedStatuses: ['201', '409'],
        observedStatuses: ['201'],
        checks: ['conflict'],
      },
      {
        operationId: 'getTopic',
        method: 'GET',
        path: '/topics/{id}',
        exercised: false,
        called: true,
        documentedStatuses: ['200'],
        observedStatuses: [],
        checks: [],
      },
    ],
    operationsExercised: 1,
    operationsCalled: 2,
    operationsTotal: 2,
    statusesObserved: 1,
    statusesDocumented: 3,
  },
  requests: 7,
  leftovers: [],
};

describe('reporters', () => {
  it('console: each failure with check, operation, expected, actual, spec place and curl; then coverage, table, verdict', () => {
    const text = renderReport(result);
    expect(text).toContain('1. [conflict] createTopic: Missing 409 Conflict (×2)');
    expect(text).toContain('   expected: 409 application/problem+json with code topic_name_taken');
    expect(text).toContain('   spec:     openapi.yaml#/paths/~1topics/post/responses/409');
    expect(text).toContain("   replay:   curl -i -X POST 'http://127.0.0.1:9/api/topics'");
    expect(text).toMatch(/! getTopic/);
    expect(text).toContain('1/2 operations answered 2xx (2 called), 1/3 documented statuses seen');
    expect(text).toMatch(/conflict\s+FAILED\s+1\s+3\s+3\s+1/);
    expect(text).toContain(
      '✘ http://127.0.0.1:9/api breaks the contract: 1 failure in 1 check (seed 42; replay with --seed 42).',
    );
  });

  it('console: a backend that cannot be used is one sentence', () => {
    expect(renderReport({ ...result, fatal: 'Nothing is listening at http://127.0.0.1:9.' })).toBe(
      '✘ Nothing is listening at http://127.0.0.1:9.',
    );
  });

  it('JUnit: a suite per check, a case per operation, failures escaped', () => {
    const xml = renderJunit(result);
    expect(xml).toContain('<testsuite name="conflict" tests="1" failures="1"');
    expect(xml).toContain('<testcase classname="cors" name="listTopics">');
    expect(xml).toContain('&quot;A &amp; &lt;B&gt;&quot;');
    expect(xml).not.toMatch(/"A & <B>"/);
  });

  it('JUnit: a skipped check is a <skipped/> case with its reason, and the root sums its suites', () => {
    const skipped = {
      name: 'upload_limits',
      status: 'skipped' as const,
      failures: [],
      notes: ['upload_limits: skipped: the spec declares no x-max-file-size.'],
      operations: [],
      requests: 0,
      judged: 0,
      durationMs: 0,
    };
    const xml = renderJunit({ ...result, checks: [...result.checks, skipped] });
    expect(xml).toContain(
      '<skipped message="upload_limits: skipped: the spec declares no x-max-file-size."/>',
    );
    expect(xml).toMatch(/<testsuites [^>]*tests="3" failures="1" skipped="1"/);
    const text = renderReport({
      ...result,
      ok: true,
      failures: [],
      checks: [...result.checks.slice(1), skipped],
    });
    expect(text).toContain('keeps the contract: 1 checks passed, 1 skipped, 7 requests');
  });

  it('JUnit: a run that could not start fails at the root as in its one suite', () => {
    const xml = renderJunit({ ...result, checks: [], failures: [], fatal: 'Nothing is listening.' });
    expect(xml).toMatch(/<testsuites [^>]*tests="1" failures="1" skipped="0"/);
    expect(xml).toContain('<testsuite name="connect" tests="1" failures="1"');
  });

  it('JSON: the whole result, coverage included', () => {
    expect(JSON.parse(renderJson(result))).toEqual(result);
  });
});

import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKS } from '../../contracts/checks/index.ts';
import { withProfileChecks } from '../../contracts/profile.ts';
import type { RunResult } from '../../contracts/run-result.ts';
import type { RunningMock } from '../../mock/start-mock.ts';
import type { Call } from '../../profiles/call-center/models.ts';
import { callCenterRunner } from '../../profiles/call-center/runner/index.ts';
import { bin, run } from '../support/processes.ts';
import { dataCounts, expiredToken, startTestMock, TEST_NUMBER } from './support.ts';

/** The checks of `npm run contract`: the generic ones and the call center's. */
const CHECK_NAMES = withProfileChecks(CHECKS, [callCenterRunner]).map((c) => c.name);

// The whole runner, through its command line, against the mock: every check holds, every
// operation is exercised, nothing is left behind and no call goes anywhere but the test number.
describe('npm run contract against the mock', () => {
  let mock: RunningMock;
  let before: Record<string, number>;
  let outcome: { code: number; output: string };
  let result: RunResult;
  let junit: string;
  const dialled = new Set<string>();

  beforeAll(async () => {
    // Signed as the mock signs, so that an expired token of its own judges token_expiry at once.
    const jwtSecret = 'a-secret-of-this-test-long-enough-for-hs256';
    mock = await startTestMock({ jwtSecret });
    before = await dataCounts(mock.baseUrl);
    // Every number a call is placed to during the run, seen in the mock's store as it changes.
    const known = new Set([...mock.ctx.store.collection<Call>('calls').all()].map((c) => c.id));
    mock.ctx.store.onAnyChange(() => {
      for (const call of mock.ctx.store.collection<Call>('calls').all())
        if (!known.has(call.id)) dialled.add(call.targetNumber);
    });
    const dir = await mkdtemp(join(tmpdir(), 'contract-'));
    outcome = await run(bin('tsx'), [
      'profiles/call-center/runner/cli.ts',
      '--base-url',
      mock.baseUrl,
      '--test-number',
      TEST_NUMBER,
      '--seed',
      '42',
      '--json',
      join(dir, 'result.json'),
      '--junit',
      join(dir, 'junit.xml'),
      '--rules',
      '--expired-token',
      await expiredToken(mock, jwtSecret),
    ]);
    result = JSON.parse(await readFile(join(dir, 'result.json'), 'utf8')) as RunResult;
    junit = await readFile(join(dir, 'junit.xml'), 'utf8');
  }, 120_000);
  afterAll(async () => {
    await mock?.close();
  });

  it('passes every check and exits 0', () => {
    expect(result.failures, outcome.output).toEqual([]);
    expect(result.checks.map((c) => c.name).sort()).toEqual([...CHECK_NAMES].sort());
    expect(outcome.code, outcome.output).toBe(0);
  });

  it('prints the seed, progress, the coverage and the summary table', () => {
    expect(outcome.output).toContain('seed 42');
    expect(outcome.output).toMatch(/✔ cors \(\d+ sent, \d+ judged/);
    expect(outcome.output).toMatch(/check\s+result\s+failures\s+sent\s+judged\s+operations/);
    expect(outcome.output).toMatch(/24\/24 operations answered 2xx \(24 called\)/);
    expect(outcome.output).toMatch(/(keeps|breaks) the contract/);
  });

  it('lists every rule with its check and the exchanges it judged (--rules)', () => {
    expect(outcome.output).toMatch(
      /Rules of openapi\.yaml and asyncapi\.yaml: \d+ statements, 0 not judged, 2 outside what a run can cause/,
    );
    const rules = result.rules ?? [];
    // Only the closures asyncapi.yaml says no run can cause; the expired token is judged, given.
    expect(rules.filter((r) => !r.check).map((r) => r.pointer)).toEqual([
      'asyncapi.yaml#/channels/events/x-closes-on/serverShutdown',
      'asyncapi.yaml#/channels/events/x-closes-on/slowReader',
    ]);
    const expired = rules.find((r) => r.pointer === 'openapi.yaml#/x-auth/refusals/expired');
    expect(expired?.check).toBe('token_expiry');
    expect(expired?.judged).toBeGreaterThan(0);
    // Every kind of rule was judged on some exchange of this run.
    const kinds = new Set(rules.map((r) => r.kind));
    const judged = new Set(rules.filter((r) => (r.judged ?? 0) > 0).map((r) => r.kind));
    expect([...kinds].filter((k) => !judged.has(k))).toEqual([]);
  });

  it('exercises every operation and reports coverage in the JSON report', () => {
    expect(result.coverage.operationsExercised).toBe(result.coverage.operationsTotal);
    for (const op of result.coverage.operations) expect(op.checks.length, op.operationId).toBeGreaterThan(0);
    expect(result.coverage.statusesObserved / result.coverage.statusesDocumented).toBeGreaterThan(0.6);
  });

  it('reads existing items: every item read finds one through its list', () => {
    expect(result.notes.filter((note) => /no existing item to read/.test(note))).toEqual([]);
  });

  it('writes a JUnit report with a suite per check', () => {
    for (const name of CHECK_NAMES) expect(junit).toContain(`<testsuite name="${name}"`);
    expect(junit).toContain('failures="0"');
  });

  it('leaves no data behind and places calls only to the test number', async () => {
    expect(await dataCounts(mock.baseUrl)).toEqual(before);
    expect([...dialled]).toEqual([TEST_NUMBER]);
  });
});

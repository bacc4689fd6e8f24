import { describe, expect, it } from 'vitest';
import type { Check } from './checks/types.ts';
import { HttpClient } from './execute/http-client.ts';
import { ResourceTracker } from './execute/resources.ts';
import type { Contract } from './plan/load-contract.ts';
import { runCheck, type SharedContext } from './run-check.ts';

const shared = {
  contract: {} as Contract,
  http: new HttpClient({ baseUrl: 'http://127.0.0.1:9/api', fetch, timeoutMs: 100 }),
  settings: {} as SharedContext['settings'],
  session: {} as SharedContext['session'],
  resources: new ResourceTracker(),
  flows: [],
  selected: () => true,
} satisfies SharedContext;

const check = (run: Check['run']): Check => ({ name: 'demo', catches: '', mutates: false, run });

describe('runCheck', () => {
  it.each([
    ['passes a check that finds nothing wrong', check(async (ctx) => ctx.judged('getHealth')), 'passed'],
    [
      'skips a check that reached nothing and says why',
      check(async (ctx) => ctx.note('no --test-number')),
      'skipped',
    ],
    ['skips a check that sent and judged nothing, even without a note', check(async () => {}), 'skipped'],
    [
      'skips a check whose precondition is missing, without running it',
      {
        ...check(async () => {
          throw new Error('must not run');
        }),
        skipReason: () => 'the spec declares no x-cors policy',
      },
      'skipped',
    ],
    [
      'fails a check that reports a failure, folding repeats',
      check(async (ctx) => {
        for (let i = 0; i < 3; i++)
          ctx.fail({
            operationId: 'getHealth',
            title: 't',
            message: `m${i}`,
            expected: 'e',
            actual: 'a',
            specPointer: 'p',
          });
      }),
      'failed',
    ],
    [
      'fails a check that throws, saying so',
      check(async () => {
        throw new Error('boom');
      }),
      'failed',
    ],
    [
      'skips a check whose drivers sent requests but that judged nothing (every create refused)',
      {
        ...check(async (ctx) => {
          ctx.http.journal.push({
            seq: 0,
            operationId: 'createTopic',
            by: 'flows',
            purpose: 'positive',
            request: { method: 'POST', url: 'http://127.0.0.1:9/api/topics', headers: {} },
            response: { status: 400, headers: {}, text: '', bytes: new Uint8Array() },
            sentAt: 0,
            durationMs: 1,
          });
          ctx.note('reader: skipped: no create succeeded (createTopic 400).');
        }),
        name: 'reader',
        drivers: ['flows'],
      },
      'skipped',
    ],
    [
      'fails a check whose request got no answer: sent and judged agree',
      check(async (ctx) => {
        await ctx.http.send({ method: 'GET', path: '/health' });
      }),
      'failed',
    ],
  ])('%s', async (_, demo, status) => {
    const result = await runCheck(demo, shared);
    expect(result.status).toBe(status);
    if (status === 'skipped') expect(result.notes.join(' ')).toMatch(/\S/);
    if (status === 'failed') expect(result.failures).toHaveLength(1);
    if (result.failures[0]?.title.startsWith('The check stopped early'))
      expect(result.failures[0].actual).toBe('boom');
    if (result.failures[0]?.title === 't') expect(result.failures[0].occurrences).toBe(3);
    if (result.failures[0]?.title === 'No answer') {
      expect(result.failures[0].message).toMatch(/^GET \/api\/health .*no HTTP answer/);
      expect(result.judged).toBe(result.requests);
    }
  });
});

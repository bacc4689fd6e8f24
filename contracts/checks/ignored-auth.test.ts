import { beforeAll, describe, expect, it } from 'vitest';
import type { AuthProbe } from '../execute/drive-auth-probes.ts';
import { type Contract, loadContract, operation } from '../plan/load-contract.ts';
import { ignoredAuth } from './ignored-auth.ts';
import { judgeContext, recorded } from './judge-context.ts';

// The ignored_auth judge over hand-made probes (a request without a valid credential and what it
// answered), against openapi.yaml's x-auth refusal codes: no server.

let contract: Contract;
beforeAll(async () => {
  contract = await loadContract();
});

const problem = (code: string) => ({
  type: 'about:blank',
  title: 'Unauthorized',
  status: 401,
  code,
  requestId: 'r',
});
/** The challenge x-auth.challenge states: the realm, and for a token sent its error and why. */
const REALM = 'Bearer realm="ai-call-center"';
const SENT = `${REALM}, error="invalid_token", error_description="The access token is malformed"`;
const probe =
  (
    status: number,
    body: unknown,
    name = 'no token',
    codes = ['token_missing'],
    challenge: string | null = codes.includes('token_missing') ? REALM : SENT,
  ) =>
  (): AuthProbe => ({
    op: operation(contract, 'getTopic'),
    name,
    codes,
    exchange: recorded(
      'getTopic',
      status,
      body,
      challenge === null ? {} : { headers: { 'www-authenticate': challenge } },
    ),
  });

describe('ignored_auth judges recorded probes', () => {
  it.each([
    ['refused with 401 and the code x-auth names', probe(401, problem('token_missing')), []],
    ['answered without a token', probe(200, { id: 'x' }), ['Accepted no token']],
    ['refused with 403', probe(403, problem('forbidden')), ['Accepted no token']],
    [
      'refused with 401 and another code',
      probe(401, problem('token_invalid')),
      ['401 with the wrong problem code for no token'],
    ],
    [
      'a tampered token refused as invalid',
      probe(401, problem('token_invalid'), 'a token with a wrong signature', ['token_invalid']),
      [],
    ],
    [
      'a refusal without WWW-Authenticate',
      probe(401, problem('token_missing'), 'no token', ['token_missing'], null),
      ['401 without the challenge x-auth states for no token'],
    ],
    [
      'an error named where no token came',
      probe(401, problem('token_missing'), 'no token', ['token_missing'], SENT),
      ['401 without the challenge x-auth states for no token'],
    ],
    [
      'a sent token refused without error and description',
      probe(401, problem('token_invalid'), 'a malformed token', ['token_invalid'], REALM),
      ['401 without the challenge x-auth states for a malformed token'],
    ],
    [
      'another realm',
      probe(
        401,
        problem('token_invalid'),
        'a malformed token',
        ['token_invalid'],
        SENT.replace('ai-call-center', 'api'),
      ),
      ['401 without the challenge x-auth states for a malformed token'],
    ],
  ] as [string, () => AuthProbe, string[]][])('%s', (_, given, want) => {
    const { ctx, failures } = judgeContext(contract);
    ignoredAuth.judge?.(ctx, { stated: true, probes: [given()] });
    expect(failures.map((f) => f.title)).toEqual(want);
  });

  it('says so when only a missing credential is judged (no token rules stated)', () => {
    const { ctx, notes } = judgeContext(contract);
    ignoredAuth.judge?.(ctx, { stated: false, probes: [] });
    expect(notes.join(' ')).toMatch(/only a missing credential is judged/);
  });

  it('names the expected refusal in the failure', () => {
    const { ctx, failures } = judgeContext(contract);
    ignoredAuth.judge?.(ctx, { stated: true, probes: [probe(200, { id: 'x' })()] });
    expect(failures[0]?.expected).toBe('401 application/problem+json with code token_missing');
    expect(failures[0]?.specPointer).toMatch(/#\/paths\/~1topics~1\{id\}\/get\/responses\/401$/);
  });
});

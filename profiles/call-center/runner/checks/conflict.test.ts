import { beforeAll, describe, expect, it } from 'vitest';
import { judgeContext, recorded } from '../../../../contracts/checks/judge-context.ts';
import { type Contract, loadContract, operation } from '../../../../contracts/plan/load-contract.ts';
import type { ConflictAttempt } from '../drive-conflicts.ts';
import { conflict } from './conflict.ts';
import { promisedConflicts } from './expect-conflict.ts';

// The conflict judge over hand-made attempts (a request the spec answers 409, and what it got): no
// server, no live call.

let contract: Contract;
beforeAll(async () => {
  contract = await loadContract();
});

const problem = (code: string) => ({
  type: 'about:blank',
  title: 'Conflict',
  status: 409,
  code,
  requestId: 'r',
});
const attempt =
  (operationId: string, status: number, body: unknown, more: Partial<ConflictAttempt> = {}) =>
  (): ConflictAttempt => ({
    op: operation(contract, operationId),
    exchange: recorded(operationId, status, body, { method: 'POST' }),
    why: 'repeats something that exists',
    ...more,
  });

describe('conflict judges recorded attempts', () => {
  it.each([
    [
      'a duplicate topic refused with its code',
      () =>
        attempt(
          'createTopic',
          409,
          problem(promisedConflicts(operation(contract, 'createTopic'))[0] ?? ''),
        )(),
      [],
      [],
    ],
    [
      'a duplicate topic created',
      () => attempt('createTopic', 201, { id: 'x' })(),
      ['Missing 409 Conflict'],
      [],
    ],
    [
      'a 409 with another code',
      () => attempt('createTopic', 409, problem('not_this_one'))(),
      ['409 with the wrong problem code'],
      [],
    ],
    [
      'a second call after the first one ended: noted, not failed',
      () =>
        attempt(
          'placeCall',
          201,
          { id: 'c2' },
          { callEnded: 'the call to +998900000002 ended before the request arrived' },
        )(),
      [],
      ['conflict: placeCall not judged: the call to +998900000002 ended before the request arrived.'],
    ],
  ] as [string, () => ConflictAttempt, string[], string[]][])('%s', (_, given, want, wantNotes) => {
    const { ctx, failures, notes } = judgeContext(contract);
    conflict.judge?.(ctx, [given()]);
    expect(failures.map((f) => f.title)).toEqual(want);
    expect(notes).toEqual(wantNotes);
  });

  it('reads the codes each operation promises with its 409 from its description', () => {
    for (const id of [
      'createTopic',
      'createQa',
      'deleteTopic',
      'placeCall',
      'deleteCallHistory',
      'deleteFile',
    ])
      expect(promisedConflicts(operation(contract, id)).length, id).toBeGreaterThan(0);
  });
});

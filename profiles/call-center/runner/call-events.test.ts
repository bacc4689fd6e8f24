import { beforeAll, describe, expect, it } from 'vitest';
import { judgeContext } from '../../../contracts/checks/judge-context.ts';
import type { ReceivedEvent } from '../../../contracts/execute/event-socket.ts';
import { type Contract, loadContract, operation } from '../../../contracts/plan/load-contract.ts';
import type { Call } from '../models.ts';
import { type CallEvents, judgeCallEvents } from './call-events.ts';

// The call center's part of the realtime judge over a hand-made call and its events: no server.

let contract: Contract;
beforeAll(async () => {
  contract = await loadContract();
});

const BUSY = '+998900000002';
const events = (...steps: [string, string, string?][]): ReceivedEvent[] =>
  steps.map(([type, status, previousStatus], index) => ({
    index,
    receivedAt: index,
    payload: { type, ...(previousStatus ? { previousStatus } : {}), data: { id: 'c1', status } },
    raw: '',
  }));
const BUSY_TRAIL = events(
  ['call.created', 'queued'],
  ['call.status_changed', 'ringing', 'queued'],
  ['call.status_changed', 'busy', 'ringing'],
  ['call.ended', 'busy'],
);
const calls = (status: string | undefined) => (): CallEvents => ({
  calls: [
    {
      id: 'c1',
      op: operation(contract, 'placeCall'),
      ended: status ? ({ id: 'c1', status, targetNumber: BUSY } as Call) : undefined,
    },
  ],
});

describe('judgeCallEvents', () => {
  it.each([
    ['a busy number that ended busy, in lifecycle order', calls('busy'), BUSY_TRAIL, []],
    [
      'a busy number that ended completed',
      calls('completed'),
      BUSY_TRAIL,
      [`Call to ${BUSY} did not end busy`],
    ],
    [
      'events out of order',
      calls('busy'),
      BUSY_TRAIL.slice(0, 1).concat(BUSY_TRAIL.slice(2)),
      ['Call events out of lifecycle order'],
    ],
    ['still live after --call-timeout: its steps so far only', calls(undefined), BUSY_TRAIL.slice(0, 2), []],
  ] as [string, () => CallEvents, ReceivedEvent[], string[]][])('%s', (_, record, heard, want) => {
    const { ctx, failures } = judgeContext(contract, { settings: { testNumber: BUSY } });
    judgeCallEvents(ctx, heard, record());
    expect(failures.map((f) => f.title)).toEqual(want);
  });
});

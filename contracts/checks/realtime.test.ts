import { beforeAll, describe, expect, it } from 'vitest';
import type { RealtimeRecord } from '../execute/drive-realtime.ts';
import type { ReceivedEvent } from '../execute/event-socket.ts';
import { type Contract, loadContract, operation } from '../plan/load-contract.ts';
import type { RealWorld } from '../real-world.ts';
import { judgeContext, recorded } from './judge-context.ts';
import { realtime } from './realtime.ts';

// The realtime judge over hand-made sockets: the closes of bad tokens, what the run's socket heard,
// the x-emits due after the flows' requests: no server, no socket.

let contract: Contract;
beforeAll(async () => {
  contract = await loadContract();
});

let at = 10;
const event = (type: string, more: Record<string, unknown> = {}): ReceivedEvent => {
  at += 1;
  return { index: at, receivedAt: at, payload: { type, ...more }, raw: JSON.stringify({ type, ...more }) };
};
const TOPIC = 't1';

/** A socket that keeps every rule, with `change` applied. */
function socket(change: (r: RealtimeRecord) => RealtimeRecord = (r) => r): () => RealtimeRecord {
  return () => {
    const create = recorded('createTopic', 201, { id: TOPIC }, { method: 'POST' });
    const heard = [
      event('ready', { id: 'e1' }),
      event('pong', { id: 'e2' }),
      event('topic.created', { id: 'e3', data: { id: TOPIC } }),
    ];
    return change({
      url: 'ws://127.0.0.1:9/api/ws',
      channel: 'events',
      uniqueId: 'id',
      messageKeys: new Map([['ready', 'ready']]),
      refusals: [
        {
          name: 'no token',
          expectedCodes: ['token_missing'],
          closed: { code: 4401, reason: 'token_missing' },
          firstEvent: undefined,
        },
      ],
      socket: heard,
      closedBeforeReady: undefined,
      ping: { after: [heard[1] as ReceivedEvent], answered: true },
      emits: {
        expectations: [
          {
            step: {
              kind: 'create',
              op: operation(contract, 'createTopic'),
              exchange: { ...create, sentAt: 0 },
            },
            event: 'topic.created',
            id: TOPIC,
          },
        ],
        heard,
      },
      recorder: [],
    });
  };
}

describe('realtime judges what its sockets heard', () => {
  it.each([
    ['a socket that keeps every rule', socket(), []],
    [
      'a bad token let in',
      socket((r) => ({
        ...r,
        refusals: [
          {
            ...(r.refusals[0] as RealtimeRecord['refusals'][0]),
            closed: undefined,
            firstEvent: '{"type":"ready"}',
          },
        ],
      })),
      ['Socket not refused with no token'],
    ],
    [
      'no ready message',
      socket((r) => ({ ...r, socket: [], ping: undefined, closedBeforeReady: { code: 1011, reason: '' } })),
      ['No ready message on the events socket'],
    ],
    [
      'no pong for a ping',
      socket((r) => ({ ...r, ping: { after: [], answered: false } })),
      ['No pong for a ping'],
    ],
    [
      'an x-emits event that never came',
      socket((r) => ({
        ...r,
        emits: { expectations: r.emits?.expectations ?? [], heard: (r.emits?.heard ?? []).slice(0, 2) },
      })),
      ['Missing topic.created event'],
    ],
    [
      'an event about another resource',
      socket((r) => ({
        ...r,
        emits: {
          expectations: r.emits?.expectations ?? [],
          heard: [event('topic.created', { data: { id: 'other' } })],
        },
      })),
      ['Missing topic.created event'],
    ],
    [
      'an event id reused',
      socket((r) => ({ ...r, socket: [...r.socket, event('qa.created', { id: 'e1' })] })),
      ['Event id reused'],
    ],
    [
      'a payload of a type the document does not know',
      socket((r) => ({ ...r, messages: new Map(), socket: [event('weird')] })),
      ['Invalid weird event'],
    ],
  ] as [string, () => RealtimeRecord, string[]][])('%s', (_, given, want) => {
    const { ctx, failures } = judgeContext(contract);
    realtime.judge?.(ctx, given());
    expect(failures.map((f) => f.title)).toEqual(want);
  });

  it("hands a real-world create's record to its profile with the events heard", () => {
    const seen: unknown[] = [];
    const realWorld: RealWorld = {
      notes: () => [],
      judgeEvents: (_, events, record) => seen.push(events.length, record),
    };
    const { ctx } = judgeContext(contract);
    realtime.judge?.({ ...ctx, realWorld }, { ...socket()(), realWorld: { calls: [] } });
    expect(seen).toEqual([3, { calls: [] }]);
  });
});

import { describe, expect, it } from 'vitest';
import type { ReceivedEvent } from '../execute/event-socket.ts';
import type { Contract } from '../plan/load-contract.ts';
import { judgeContext } from './judge-context.ts';
import { reusedEventIds } from './realtime-events.ts';

// x-delivery.uniqueId over hand-made socket events: one failure per reused id, naming both events.
const event = (index: number, type: string, id?: string): ReceivedEvent => ({
  index,
  receivedAt: index,
  payload: { type, ...(id ? { id } : {}) },
  raw: '',
});

describe('reusedEventIds', () => {
  it.each([
    ['every id once', [event(0, 'ready', 'a'), event(1, 'topic.created', 'b')], []],
    ['events without an id are not judged', [event(0, 'pong'), event(1, 'pong')], []],
    [
      'an id reused',
      [event(0, 'topic.created', 'a'), event(1, 'topic.deleted', 'b'), event(2, 'qa.created', 'a')],
      ['Event 3 on the socket (qa.created) has the id a of event 1 (topic.created).'],
    ],
  ] as [string, ReceivedEvent[], string[]][])('%s', (_, events, want) => {
    const { ctx, failures } = judgeContext({} as Contract);
    reusedEventIds(ctx, events, 'id', 'events');
    expect(failures.map((f) => f.message)).toEqual(want);
  });
});

import { describe, expect, it } from 'vitest';
import type { ReceivedEvent } from '../../../../contracts/execute/event-socket.ts';
import type { Lifecycle } from '../test-calls.ts';
import { lifecycleProblems } from './call-lifecycle.ts';

const RULES: Lifecycle = {
  initial: 'queued',
  live: ['queued', 'ringing', 'in_progress'],
  final: ['completed', 'busy', 'no_answer', 'failed'],
  transitions: {
    queued: ['ringing', 'failed'],
    ringing: ['in_progress', 'busy', 'no_answer', 'failed'],
    in_progress: ['completed', 'failed'],
  },
};

function events(...steps: [string, string, string?][]): ReceivedEvent[] {
  return steps.map(([type, status, previousStatus], index) => ({
    index,
    receivedAt: index,
    raw: '',
    payload: { type, ...(previousStatus ? { previousStatus } : {}), data: { id: 'c1', status } },
  }));
}

describe('lifecycleProblems', () => {
  it.each([
    [
      'a completed call',
      events(
        ['call.created', 'queued'],
        ['call.status_changed', 'ringing', 'queued'],
        ['call.status_changed', 'in_progress', 'ringing'],
        ['call.status_changed', 'completed', 'in_progress'],
        ['call.ended', 'completed'],
      ),
      [],
    ],
    [
      'a busy call',
      events(
        ['call.created', 'queued'],
        ['call.status_changed', 'ringing', 'queued'],
        ['call.status_changed', 'busy', 'ringing'],
        ['call.ended', 'busy'],
      ),
      [],
    ],
    [
      'a skipped step',
      events(
        ['call.created', 'queued'],
        ['call.status_changed', 'completed', 'queued'],
        ['call.ended', 'completed'],
      ),
      ['transition queued -> completed is not allowed'],
    ],
    [
      'an out-of-order change',
      events(['call.created', 'queued'], ['call.status_changed', 'in_progress', 'ringing']),
      ['previousStatus ringing where the call was queued'],
    ],
    [
      'no end',
      events(['call.created', 'queued'], ['call.status_changed', 'ringing', 'queued']),
      ['last status ringing is not final', 'no call.ended'],
    ],
    [
      'ended before the last change',
      events(
        ['call.created', 'queued'],
        ['call.status_changed', 'ringing', 'queued'],
        ['call.ended', 'busy'],
        ['call.status_changed', 'busy', 'ringing'],
      ),
      ['call.ended before the last call.status_changed'],
    ],
  ])('judges %s', (_, list, want) => {
    const problems = lifecycleProblems(list, 'c1', RULES);
    for (const w of want) expect(problems).toContain(w);
    if (want.length === 0) expect(problems).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Exchange } from '../types.ts';
import { lastPlacedCall, pollIntervals } from './test-calls.ts';

const NUMBER = '+998900000002';

/** A recorded placeCall (or another operation) answered `status` with a call to `targetNumber`. */
function exchange(operationId: string, status: number, id: string, targetNumber = NUMBER): Exchange {
  return {
    seq: 0,
    operationId,
    by: 'flows',
    purpose: 'positive',
    request: { method: 'POST', url: 'http://127.0.0.1/api/voip/call', headers: {} },
    response: { status, headers: {}, text: '', json: { id, targetNumber }, bytes: new Uint8Array() },
    sentAt: 0,
    durationMs: 0,
  };
}

// The call a check waits for instead of placing its own: the run's last accepted call to the number.
describe('lastPlacedCall', () => {
  it.each([
    ['no call placed', [], undefined],
    ['one call placed', [exchange('placeCall', 201, 'a')], 'a'],
    ['the last of two', [exchange('placeCall', 201, 'a'), exchange('placeCall', 201, 'b')], 'b'],
    [
      'a refused second call does not count',
      [exchange('placeCall', 201, 'a'), exchange('placeCall', 409, 'x')],
      'a',
    ],
    [
      'a call to another number does not count',
      [exchange('placeCall', 201, 'a', '+998900000005')],
      undefined,
    ],
    ['a read of a call is no placing', [exchange('getCall', 200, 'a')], undefined],
  ] as [string, Exchange[], string | undefined][])('%s', (_, exchanges, want) => {
    expect(lastPlacedCall(exchanges, NUMBER)).toBe(want);
  });
});

// A live call is polled often at first (a busy number ends in seconds) and then at most once a
// second, so that a call of minutes does not spend the backend's rate limit.
describe('pollIntervals', () => {
  it('starts at 250 ms and grows by half up to 1 s', () => {
    const intervals = pollIntervals();
    expect(Array.from({ length: 7 }, () => intervals.next().value)).toEqual([
      250, 375, 563, 845, 1000, 1000, 1000,
    ]);
  });
});

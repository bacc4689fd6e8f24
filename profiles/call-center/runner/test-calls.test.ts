import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../../contracts/types.ts';
import { callLeftBehind, lastPlacedCall } from './test-calls.ts';

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

/** A recorded deleteCallHistory of `targetNumber`, answered `status`. */
function deletion(status: number, targetNumber: string): Exchange {
  const url = `http://127.0.0.1/api/voip/history/${encodeURIComponent(targetNumber)}`;
  return { ...exchange('deleteCallHistory', status, ''), request: { method: 'DELETE', url, headers: {} } };
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
    [
      "a call whose number's history was deleted since is gone",
      [exchange('placeCall', 201, 'a'), deletion(200, NUMBER)],
      undefined,
    ],
    [
      'a refused deletion, or one of another number, leaves it',
      [exchange('placeCall', 201, 'a'), deletion(409, NUMBER), deletion(204, '+998900000005')],
      'a',
    ],
    [
      'a call placed after the deletion counts',
      [exchange('placeCall', 201, 'a'), deletion(204, NUMBER), exchange('placeCall', 201, 'b')],
      'b',
    ],
  ] as [string, Exchange[], string | undefined][])('%s', (_, exchanges, want) => {
    expect(lastPlacedCall(exchanges, NUMBER)).toBe(want);
  });
});

// What a second Ctrl-C names as left behind beyond the tracked resources: the run's call, unless
// the number's history was deleted after it.
describe('callLeftBehind', () => {
  it.each([
    ['nothing placed', [], []],
    ['a placed call', [exchange('placeCall', 201, 'a')], [/^call a to \+998900000002/]],
    [
      'the history deleted after the call',
      [exchange('placeCall', 201, 'a'), exchange('deleteCallHistory', 200, 'h')],
      [],
    ],
  ] as [string, Exchange[], RegExp[]][])('%s', (_, journal, want) => {
    const left = callLeftBehind(journal, NUMBER);
    expect(left.length).toBe(want.length);
    for (const [i, w] of want.entries()) expect(left[i]).toMatch(w);
  });
});

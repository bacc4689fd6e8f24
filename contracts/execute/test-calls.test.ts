import { describe, expect, it } from 'vitest';
import type { SpecOperation } from '../../spec/operations.ts';
import type { Exchange } from '../types.ts';
import { ResourceTracker } from './resources.ts';
import { lastPlacedCall, leftBehind, POLL_RESERVE, pollDelay, pollIntervals } from './test-calls.ts';

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

// What a second Ctrl-C names as left behind: what is still tracked, and the run's call unless
// the number's history was deleted after it.
describe('leftBehind', () => {
  const deleteFile = { operationId: 'deleteFile' } as SpecOperation;
  it.each([
    ['nothing created', [], false, []],
    [
      'a file and a placed call',
      [exchange('placeCall', 201, 'a')],
      true,
      ['file f1', /^call a to \+998900000002/],
    ],
    [
      'the history deleted after the call',
      [exchange('placeCall', 201, 'a'), exchange('deleteCallHistory', 200, 'h')],
      true,
      ['file f1'],
    ],
  ] as [string, Exchange[], boolean, (string | RegExp)[]][])('%s', (_, journal, file, want) => {
    const resources = new ResourceTracker();
    if (file) resources.add('file f1', deleteFile, { fileId: 'f1' });
    const left = leftBehind(resources, journal, NUMBER);
    expect(left.length).toBe(want.length);
    for (const [i, w] of want.entries()) expect(left[i]).toMatch(w);
  });
});

// A poll never spends the last of the rate-limit window: below the reserve it waits for the reset.
describe('pollDelay', () => {
  const answered = (headers: Record<string, string>): Exchange => ({
    ...exchange('getCall', 200, 'a'),
    response: { status: 200, headers, text: '', bytes: new Uint8Array() },
  });
  it.each([
    ['no rate-limit headers', {}, 250],
    ['plenty left', { 'ratelimit-remaining': String(POLL_RESERVE + 10), 'ratelimit-reset': '30' }, 250],
    ['below the reserve: until the reset', { 'ratelimit-remaining': '5', 'ratelimit-reset': '12' }, 12_000],
    [
      'below the reserve, past the patience: the patience',
      { 'ratelimit-remaining': '5', 'ratelimit-reset': '90' },
      60_000,
    ],
  ] as [string, Record<string, string>, number][])('%s', (_, headers, want) => {
    expect(pollDelay(answered(headers), 250, 60_000)).toBe(want);
  });
});

import { describe, expect, it } from 'vitest';
import type { Exchange } from '../types.ts';
import { POLL_RESERVE, pollDelay, pollIntervals } from './poll.ts';

const answered = (headers: Record<string, string>): Exchange => ({
  seq: 0,
  operationId: 'getItem',
  by: 'test',
  purpose: 'probe',
  request: { method: 'GET', url: 'http://127.0.0.1/api/items/a', headers: {} },
  response: { status: 200, headers, text: '', bytes: new Uint8Array() },
  sentAt: 0,
  durationMs: 0,
});

// Whatever the run waits for (a live call) is polled often at first (a busy number ends in seconds) and then at most once a
// second, so that a call of minutes does not spend the backend's rate limit.
describe('pollIntervals', () => {
  it('starts at 250 ms and grows by half up to 1 s', () => {
    const intervals = pollIntervals();
    expect(Array.from({ length: 7 }, () => intervals.next().value)).toEqual([
      250, 375, 563, 845, 1000, 1000, 1000,
    ]);
  });
});

// A poll never spends the last of the rate-limit window: below the reserve it waits for the reset.
describe('pollDelay', () => {
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

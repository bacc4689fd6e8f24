import type { Exchange } from '../types.ts';

/**
 * Polling intervals while something the run waits for is under way: 250 ms at first (a busy test
 * number ends in about 4 s, and every check after it waits on that end), growing by half up to
 * 1 s. Every poll is a request of the backend's rate limit (300 a minute against `npm start`): at
 * a fixed 200 ms a completed call's two minutes spent the whole window, leaving none for the
 * invalid inputs and the cleanup.
 */
export function* pollIntervals(firstMs = 250, maxMs = 1_000): Generator<number, never> {
  for (let ms = firstMs; ; ms = Math.min(maxMs, Math.round(ms * 1.5))) yield ms;
}

/**
 * What a poll leaves of the backend's rate-limit window, at least: below it, the next poll waits
 * for the window to reset (`RateLimit-Reset`), so that a long wait never spends what the invalid
 * inputs and the cleanup still need.
 */
export const POLL_RESERVE = 40;

/**
 * How long to wait before the next poll: the next interval, or, when the answer says fewer than
 * POLL_RESERVE requests are left in the window, until the window resets (at most `leftMs`).
 */
export function pollDelay(answer: Exchange, intervalMs: number, leftMs: number): number {
  const headers = answer.response?.headers ?? {};
  const remaining = Number(headers['ratelimit-remaining']);
  const reset = Number(headers['ratelimit-reset']);
  if (!Number.isFinite(remaining) || remaining >= POLL_RESERVE || !Number.isFinite(reset)) return intervalMs;
  return Math.max(intervalMs, Math.min(leftMs, reset * 1000));
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * An answer a polling loop cannot go on from (not a page, a count that is not a number, a filter
 * that lets other items through, a status the contract does not know): the loop ends with it, so
 * that a broken backend gets a failing verdict instead of a run that polls until its timeout.
 */
export class UnreadableAnswer extends Error {
  constructor(
    message: string,
    readonly exchange: Exchange,
    readonly expected: string,
  ) {
    super(message);
    this.name = 'UnreadableAnswer';
  }
}

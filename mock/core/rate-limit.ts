import MemoryStorage from 'rate-limiter-flexible/lib/component/MemoryStorage/MemoryStorage.js';
import { HttpProblem } from '../http/problem.ts';
import type { RateLimits } from '../openapi/extensions.ts';

/**
 * Counts one request of a client under the operation's policy and writes its RateLimit headers
 * into `headers`, or throws the 429 problem. Synchronous: counting is a map update, and an await
 * per request would cost a turn of the microtask queue for nothing.
 */
export type RateLimitStep = (client: string, headers: Record<string, string>) => void;

/**
 * One counter per policy of the spec's `x-rate-limits`, each counting its own requests per client
 * within a fixed window, with the draft-6 `RateLimit-*` headers on every answer and a 429 problem
 * with `Retry-After` past the limit. The counts live in rate-limiter-flexible's memory store, the
 * one its memory limiter keeps, used without the limiter's promise per count; it knows no
 * transport, so the same limits hold in every adapter. `override` (MOCK_RATE_LIMIT) replaces the
 * default policy's limit; 0 turns every limit off.
 */
export function rateLimiters(
  limits: RateLimits | undefined,
  override: number | undefined,
): Map<string, RateLimitStep> {
  const steps = new Map<string, RateLimitStep>();
  if (override === 0 || !limits) return steps;
  for (const [name, policy] of Object.entries(limits.policies)) {
    const limit = name === limits.defaultPolicy && override !== undefined ? override : policy.limit;
    const window = policy.windowSeconds;
    const counts = new MemoryStorage();
    // The two headers that never change, written once.
    const policyText = `${limit};w=${window}`;
    const limitText = String(limit);
    const write = (headers: Record<string, string>, remaining: number, msBeforeNext: number) => {
      if (!limits.headers) return;
      headers['RateLimit-Policy'] = policyText;
      headers['RateLimit-Limit'] = limitText;
      headers['RateLimit-Remaining'] = String(remaining);
      headers['RateLimit-Reset'] = String(Math.max(1, Math.ceil(msBeforeNext / 1000)));
    };
    steps.set(name, (client, headers) => {
      const counted = counts.incrby(client, 1, window);
      if (counted.consumedPoints <= limit) {
        write(headers, limit - counted.consumedPoints, counted.msBeforeNext);
        return;
      }
      const retryAfter = Math.max(1, Math.ceil(counted.msBeforeNext / 1000));
      const refusal: Record<string, string> = {};
      write(refusal, 0, counted.msBeforeNext);
      refusal['Retry-After'] = String(retryAfter);
      throw new HttpProblem(
        'rate_limited',
        `${limit} requests a ${window === 60 ? 'minute' : `${window} s window`} are allowed for this operation. Try again in ${retryAfter} seconds.`,
        { headers: refusal },
      );
    });
  }
  return steps;
}
